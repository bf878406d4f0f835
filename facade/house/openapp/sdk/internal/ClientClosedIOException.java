package house.openapp.sdk.internal;

import java.io.IOException;

/**
 * A call was made, or was still running, after its client was closed. The façade turns it into
 * {@link house.openapp.sdk.errors.ClientClosedException}; callers of the generated layer see it
 * as the {@link IOException} of {@code execute()}. Internal: not part of the SDK's API.
 */
public final class ClientClosedIOException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientClosedIOException(String message) {
        super(message);
    }
}
