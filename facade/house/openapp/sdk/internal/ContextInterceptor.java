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

    /**
     * Adds the credentials, the user agent and (unless one is set) the default org to a request
     * for the API's own origin at the application level, so that this interceptor finds them in
     * place and need not rebuild the request on every attempt.
     *
     * @param builder the request being prepared
     * @param url its URL; nothing is added for another origin
     * @param orgSet whether the request already carries an {@code X-Org}
     */
    public void applyTo(Request.Builder builder, HttpUrl url, boolean orgSet) {
        if (!Redirects.sameOrigin(url, apiRoot)) {
            return;
        }
        builder.header("User-Agent", userAgent);
        if (credentialHeader != null) {
            builder.header(credentialHeader, credentialValue);
        }
        if (org != null && !orgSet) {
            builder.header("X-Org", org);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        CallState state = request.tag(CallState.class);
        if (Redirects.sameOrigin(url, apiRoot) && (state == null || !state.crossedOrigin())) { // no credential once a redirect left the origin
            if (applied(request)) {
                return chain.proceed(request);
            }
            Request.Builder builder = request.newBuilder();
            applyTo(builder, url, request.header("X-Org") != null);
            return chain.proceed(builder.build());
        }
        return chain.proceed(request.newBuilder().header("User-Agent", userAgent).removeHeader("X-API-Key").removeHeader("Authorization")
                .removeHeader("Cookie").removeHeader("X-OpenApp-Confirm").removeHeader("X-Org").removeHeader("Proxy-Authorization").build());
    }

    /** Whether {@link #applyTo} already ran on this request (façade calls); generated ones need it now. */
    private boolean applied(Request request) {
        return userAgent.equals(request.header("User-Agent"))
                && (credentialHeader == null || credentialValue.equals(request.header(credentialHeader)))
                && (org == null || request.header("X-Org") != null);
    }
}
