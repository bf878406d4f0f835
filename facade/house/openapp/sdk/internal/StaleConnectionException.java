package house.openapp.sdk.internal;

import java.io.IOException;

/**
 * A pooled connection was found unfit before anything was written to it ({@link ConnectionGuard});
 * the request goes to another connection. Internal: not part of the SDK's API.
 */
final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException(String message) {
        super(message);
    }
}
