package house.openapp.sdk.internal;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * The network interceptor that adds credentials, the org context and the user agent to every
 * hop that goes to the API's own origin, and strips credentials from any hop that does not (a
 * redirect to another host never receives {@code X-API-Key} or {@code Authorization}).
 * Internal: not part of the SDK's API.
 */
public final class ContextInterceptor implements Interceptor {
    private final HttpUrl apiRoot;
    private final String credentialHeader;
    private final String credentialValue;
    private final String org;
    private final String userAgent;

    /**
     * Creates the interceptor.
     *
     * @param apiRoot the API root; only its scheme, host and port are compared
     * @param credentialHeader {@code X-API-Key} or {@code Authorization}, or {@code null}
     * @param credentialValue the header's value, or {@code null}
     * @param org the default {@code X-Org}, or {@code null}
     * @param userAgent the {@code User-Agent}
     * @throws IllegalArgumentException if a header value is not sendable (non-ASCII or control
     *     characters); the message never repeats the credential
     */
    public ContextInterceptor(HttpUrl apiRoot, String credentialHeader, String credentialValue, String org, String userAgent) {
        if (credentialHeader != null) {
            Checks.asciiHeaderValue(credentialHeader, credentialValue);
        }
        if (org != null) {
            Checks.asciiHeaderValue("org id (X-Org)", org);
        }
        Checks.asciiHeaderValue("User-Agent", userAgent);
        this.apiRoot = apiRoot;
        this.credentialHeader = credentialHeader;
        this.credentialValue = credentialValue;
        this.org = org;
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        Request.Builder builder = request.newBuilder().header("User-Agent", userAgent);
        if (sameOrigin(url)) {
            if (credentialHeader != null) {
                builder.header(credentialHeader, credentialValue);
            }
            if (org != null && request.header("X-Org") == null) {
                builder.header("X-Org", org);
            }
        } else {
            builder.removeHeader("X-API-Key").removeHeader("Authorization").removeHeader("Cookie")
                    .removeHeader("X-OpenApp-Confirm");
        }
        return chain.proceed(builder.build());
    }

    private boolean sameOrigin(HttpUrl url) {
        return url.scheme().equals(apiRoot.scheme()) && url.host().equals(apiRoot.host()) && url.port() == apiRoot.port();
    }
}
