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
 * } catch (OpenAppApiException e) {
 *     // the server answered: status, error code and request id are known
 *     log.warn("OpenApp answered {} (request {})", e.statusCode(), e.requestId().orElse("-"));
 * } catch (OpenAppException e) {
 *     // no answer (connection, timeout, decoding): only the attempts are known
 *     log.warn("OpenApp failed after {} attempts", e.attempts());
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
