package house.openapp.sdk.internal;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * How the SDK follows redirects (OkHttp's own following is off). Internal: not part of the
 * SDK's API.
 *
 * <ul>
 *   <li>Only 301, 302, 303, 307 and 308 with a {@code Location} are followed, never between
 *       {@code https} and {@code http}.</li>
 *   <li>A hop to another origin than the call's own (scheme, host, port) carries nothing the SDK
 *       or the caller added: no credential, {@code X-Org}, correlation id, confirmation token,
 *       caller header, {@code Proxy-Authorization} or cookie; and once a call has left its
 *       origin, no later hop gets credentials again, even one back to the API.</li>
 *   <li>A 307 or 308 keeps the method and body, so one that would send a body to another origin
 *       is not followed; 301, 302 and 303 turn any method but {@code HEAD} into a {@code GET}
 *       without a body, as browsers and OkHttp do.</li>
 *   <li>A call sends at most {@value #MAX_REQUESTS} requests along redirects, however many
 *       attempts it makes, so a redirect loop costs {@value #MAX_REQUESTS} requests and is not
 *       retried.</li>
 * </ul>
 * A redirect that is not followed comes back as the 3xx response, with the reason recorded on
 * the call's {@link CallState} (the façade throws
 * {@link house.openapp.sdk.errors.RedirectException}).
 */
final class Redirects {
    /** The most requests one call sends along redirect chains, the first one included. */
    static final int MAX_REQUESTS = 10;

    private Redirects() {
    }

    /**
     * The request to send after {@code response}, or {@code null} when it is final.
     *
     * @param response a buffered response
     * @param original the call's first request
     * @param state the call's state, which counts the hops and records a refusal
     * @return the next hop, or {@code null}
     */
    static Request followUp(Response response, Request original, CallState state) {
        int code = response.code();
        if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
            return null;
        }
        String location = response.header("Location");
        Request request = response.request();
        HttpUrl target = location == null ? null : request.url().resolve(location);
        if (target == null) {
            return null;
        }
        if (!target.scheme().equals(request.url().scheme())) {
            state.refuseRedirect("it switches from " + request.url().scheme() + " to " + target.scheme());
            return null;
        }
        boolean keepsBody = code == 307 || code == 308;
        boolean foreign = state.crossedOrigin() || !sameOrigin(target, original.url());
        if (keepsBody && request.body() != null && foreign) {
            state.refuseRedirect("a " + code + " would send the " + request.method() + " body to another origin ("
                    + target.scheme() + "://" + target.host() + ":" + target.port() + ")");
            return null;
        }
        if (state.redirects() + 1 >= MAX_REQUESTS) {
            state.refuseRedirect("too many redirects (a call sends at most " + MAX_REQUESTS + " requests)");
            return null;
        }
        state.redirected(foreign);
        Request.Builder next = request.newBuilder().url(target);
        if (!keepsBody && !request.method().equals("GET") && !request.method().equals("HEAD")) {
            next.method("GET", null).removeHeader("Content-Type").removeHeader("Content-Length").removeHeader("Transfer-Encoding");
        }
        if (foreign) {
            next.headers(Headers.of()); // nothing of the SDK's or the caller's; OkHttp adds its protocol headers
        }
        return next.build();
    }

    /** Whether two URLs have the same origin: scheme, host and port. */
    static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }
}
