package house.openapp.sdk.errors;

/**
 * The {@code OpenAppClient} was closed: a call that was running or queued when
 * {@code close()} was called was cancelled at once, and calls made afterwards are refused
 * before anything is sent.
 */
public class ClientClosedException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message which call was stopped
     * @param cause the cancellation, or {@code null}
     * @param attempts how many HTTP attempts were made
     */
    public ClientClosedException(String message, Throwable cause, int attempts) {
        super(message, cause, attempts);
    }
}
