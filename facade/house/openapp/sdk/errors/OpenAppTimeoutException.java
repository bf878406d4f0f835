package house.openapp.sdk.errors;

/**
 * A connect, read or overall call timeout elapsed before the response was complete.
 */
public final class OpenAppTimeoutException extends OpenAppConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message which timeout elapsed
     * @param cause the timeout failure
     * @param attempts how many HTTP attempts were made
     */
    public OpenAppTimeoutException(String message, Throwable cause, int attempts) {
        super(message, cause, attempts);
    }
}
