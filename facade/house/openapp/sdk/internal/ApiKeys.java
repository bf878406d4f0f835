package house.openapp.sdk.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Reads the deployment origin out of an OpenApp API key ({@code {origin}_openapp_{secret}}).
 * Internal: not part of the SDK's API.
 *
 * <p>Every failure names the rule the key breaks and never includes the key or its secret.
 */
public final class ApiKeys {
    /** The separator between the origin and the secret. */
    public static final String SEPARATOR = "_openapp_";

    private ApiKeys() {
    }

    /**
     * Validates a key and returns its origin without a trailing slash, such as
     * {@code https://openapp.example}.
     *
     * @param apiKey the whole key
     * @return the origin
     * @throws IllegalArgumentException naming the broken rule, without the secret
     */
    public static String origin(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("apiKey must not be empty");
        }
        for (int i = 0; i < apiKey.length(); i++) {
            char c = apiKey.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("apiKey must be printable ASCII without spaces or line breaks (character "
                        + (i + 1) + " is not)");
            }
        }
        int separator = apiKey.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("apiKey must have the form {origin}" + SEPARATOR + "{secret} but has no '"
                    + SEPARATOR + "' separator");
        }
        if (separator + SEPARATOR.length() == apiKey.length()) {
            throw new IllegalArgumentException("apiKey must have a non-empty secret after '" + SEPARATOR + "'");
        }
        String origin = apiKey.substring(0, separator);
        if (origin.endsWith("/")) {
            origin = origin.substring(0, origin.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("apiKey must start with an origin such as https://host[:port] but its origin is not a valid URI");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) { // the key is ASCII
            throw new IllegalArgumentException("apiKey origin must use http or https"); // its text may be key material: not quoted
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("apiKey origin must be scheme://host[:port] with a host and no user info");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("apiKey origin must not have a path");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("apiKey origin must not have a query or fragment");
        }
        return origin;
    }
}
