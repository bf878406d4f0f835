package house.openapp.sdk.internal;

import okhttp3.Authenticator;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

import java.io.IOException;
import java.net.Proxy;
import java.util.Objects;

/**
 * Keeps proxy credentials between the client and its proxy; not API.
 *
 * <ul>
 *   <li>{@link #onlyFor(Proxy, Authenticator)} asks the caller's authenticator only when the
 *       configured proxy itself answers 407, at most once per request (a second 407 means the
 *       credentials were refused: no loop), and takes nothing from its answer but the
 *       {@code Proxy-Authorization} header, on the very request the proxy challenged: the
 *       authenticator cannot send the request elsewhere or add other headers.</li>
 *   <li>{@link #STRIP_OUTSIDE_PROXY} removes {@code Proxy-Authorization} from any request
 *       that is not about to travel in clear to an HTTP proxy: an {@code https} request goes
 *       through the proxy's tunnel to the origin itself, and a direct request goes to the
 *       origin, so that header would reach a server that is not the proxy (OkHttp copies a
 *       request's headers into its redirects).</li>
 * </ul>
 */
public final class ProxyAuth {
    /** The one header that carries proxy credentials. */
    static final String HEADER = "Proxy-Authorization";

    /** Drops {@code Proxy-Authorization} wherever it would reach someone other than the proxy. */
    public static final Interceptor STRIP_OUTSIDE_PROXY = chain -> {
        Request request = chain.request();
        if (request.header(HEADER) == null) {
            return chain.proceed(request);
        }
        Connection connection = chain.connection();
        boolean toProxyInClear = connection != null
                && connection.route().proxy().type() == Proxy.Type.HTTP
                && !request.isHttps();
        return chain.proceed(toProxyInClear ? request : request.newBuilder().removeHeader(HEADER).build());
    };

    private ProxyAuth() {
    }

    /**
     * Wraps a caller's proxy authenticator so that it only ever answers the given proxy.
     *
     * @param proxy the configured proxy
     * @param delegate the caller's authenticator
     * @return the guarded authenticator
     */
    public static Authenticator onlyFor(Proxy proxy, Authenticator delegate) {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(delegate, "delegate");
        return new Authenticator() {
            @Override
            public Request authenticate(Route route, Response response) throws IOException {
                if (response.code() != 407 || route == null || !proxy.equals(route.proxy())) {
                    return null;
                }
                Request challenged = response.request();
                if (challenged.header(HEADER) != null) {
                    return null; // these credentials were refused already
                }
                Request answer = delegate.authenticate(route, response);
                String credentials = answer == null ? null : answer.header(HEADER);
                if (credentials == null) {
                    return null;
                }
                return challenged.newBuilder().header(HEADER, credentials).build();
            }

            @Override
            public String toString() {
                return "ProxyAuth.onlyFor(" + proxy + ")";
            }
        };
    }
}
