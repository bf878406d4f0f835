package house.openapp.sdk.internal;

import java.net.ProtocolException;

/**
 * A response that breaks HTTP/1.1 in a way OkHttp does not report as an {@link java.io.IOException}
 * (several 1xx in a row, an informational final status), or a failure inside the HTTP stack
 * that is not an I/O error. Never retried: the same server would answer the same way.
 * Internal: not part of the SDK's API.
 */
public final class MalformedResponseException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message, Throwable cause) {
        super(message);
        initCause(cause); // null is allowed: then there is none
    }
}
