package house.openapp.sdk.internal;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * The network interceptor that records that an attempt got a connection and is about to be
 * written, after which a POST must not be replayed. Internal: not part of the SDK's API.
 *
 * <p>It also keeps OkHttp from retrying on its own: OkHttp's follow-up logic re-sends any
 * request, a POST included, that got {@code 503} with {@code Retry-After: 0}, and fails with a
 * {@link NumberFormatException} on a {@code 503} whose {@code Retry-After} is too many digits
 * for an int. So the {@code Retry-After} of a 503 travels up the chain under
 * {@link #HIDDEN_RETRY_AFTER}, and {@link RetryInterceptor} (which decides about retries)
 * puts it back before anyone else sees the response.
 */
public final class SendMarker implements Interceptor {
    /** The one instance; it is stateless. */
    public static final SendMarker INSTANCE = new SendMarker();

    /** Where a 503's {@code Retry-After} travels between this interceptor and the retry one. */
    static final String HIDDEN_RETRY_AFTER = "X-OpenApp-Sdk-Retry-After";

    private SendMarker() {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        CallState state = chain.request().tag(CallState.class);
        if (state != null) {
            state.markSent();
        }
        Response response = chain.proceed(chain.request());
        if (response.code() == 503) {
            String retryAfter = response.header("Retry-After");
            if (retryAfter != null) {
                return response.newBuilder().removeHeader("Retry-After").header(HIDDEN_RETRY_AFTER, retryAfter).build();
            }
        }
        return response;
    }

    /**
     * Undoes the hiding of a 503's {@code Retry-After}.
     *
     * @param response a response that came through this interceptor
     * @return the response with its {@code Retry-After} header as the server sent it
     */
    static Response restore(Response response) {
        String hidden = response.header(HIDDEN_RETRY_AFTER);
        if (hidden == null) {
            return response;
        }
        return response.newBuilder().removeHeader(HIDDEN_RETRY_AFTER).header("Retry-After", hidden).build();
    }
}
