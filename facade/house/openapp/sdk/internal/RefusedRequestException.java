package house.openapp.sdk.internal;

import java.io.IOException;

/**
 * A call of the generated layer whose arguments the façade would refuse (an id that is not one
 * path segment), stopped before anything was sent; its cause is the
 * {@link IllegalArgumentException} naming the rule. It is an {@link IOException} so that it
 * reaches the caller of {@code execute()} and {@code enqueue()} alike without ending an OkHttp
 * thread. Internal: not part of the SDK's API.
 */
public final class RefusedRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedRequestException(IllegalArgumentException cause) {
        super("refused before sending: " + cause.getMessage(), cause);
    }
}
