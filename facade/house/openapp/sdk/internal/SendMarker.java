package house.openapp.sdk.internal;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * The network interceptor that records that an attempt got a connection and is about to be
 * written, after which a POST must not be replayed. Internal: not part of the SDK's API.
 */
public final class SendMarker implements Interceptor {
    /** The one instance; it is stateless. */
    public static final SendMarker INSTANCE = new SendMarker();

    private SendMarker() {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        CallState state = chain.request().tag(CallState.class);
        if (state != null) {
            state.markSent();
        }
        return chain.proceed(chain.request());
    }
}
