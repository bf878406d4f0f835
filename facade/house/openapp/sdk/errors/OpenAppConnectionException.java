package house.openapp.sdk.errors;

/**
 * No usable HTTP response arrived: the connection could not be made, was reset, or the
 * response was cut short. Retryable failures have already been retried when this is thrown;
 * {@link #attempts()} says how often.
 */
public class OpenAppConnectionException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what failed, without secrets
     * @param cause the I/O failure
     * @param attempts how many HTTP attempts were made
     */
    public OpenAppConnectionException(String message, Throwable cause, int attempts) {
        super(message, cause, attempts);
    }
}
