package house.openapp.sdk.internal;

import house.openapp.sdk.errors.ResponseTooLargeException;

import java.io.IOException;

/**
 * A response body passed the client's limit while it was read; the connection was closed and
 * the call is not retried. The façade turns it into
 * {@link house.openapp.sdk.errors.ResponseTooLargeException}; callers of the generated layer
 * see it as the {@link IOException} of {@code execute()}. Internal: not part of the SDK's API.
 */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final long limit;
    private final long bytesRead;

    BodyTooLargeException(int statusCode, long limit, long bytesRead, long declared) {
        super("the response body (HTTP " + statusCode + ") is larger than the limit of " + limit + " bytes ("
                + (declared >= 0 ? "Content-Length " + declared : bytesRead + " bytes read") + "); maxResponseBytes sets the limit");
        this.statusCode = statusCode;
        this.limit = limit;
        this.bytesRead = bytesRead;
    }

    /** The façade's exception for this failure, of a call to {@code where} after {@code attempts}. */
    ResponseTooLargeException toPublic(String where, int attempts) {
        return new ResponseTooLargeException(where + ": " + getMessage(), statusCode, limit, bytesRead, attempts);
    }
}
