package house.openapp.sdk.errors;

/**
 * Base of every error the OpenApp SDK throws: unchecked, and never carrying a credential in
 * its message.
 *
 * <p>Catch this to handle every SDK failure in one place; catch a subclass to branch on the
 * kind of failure:
 * <pre>{@code
 * try {
 *     client.orgs().get(id);
 * } catch (NotFoundException e) {
 *     // unknown id
 * } catch (OpenAppException e) {
 *     log.warn("OpenApp failed after {} attempts, request id {}", e.attempts(), e.requestId());
 * }
 * }</pre>
 */
public class OpenAppException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    /**
     * Creates an error.
     *
     * @param message what went wrong, without secrets
     * @param cause the underlying failure, or {@code null}
     * @param attempts how many HTTP attempts were made, 0 when none was
     */
    public OpenAppException(String message, Throwable cause, int attempts) {
        super(message, cause);
        this.attempts = attempts;
    }

    /**
     * How many HTTP attempts were made before giving up (retries included); 0 when the request
     * was refused before anything was sent.
     *
     * @return the number of attempts
     */
    public int attempts() {
        return attempts;
    }
}
