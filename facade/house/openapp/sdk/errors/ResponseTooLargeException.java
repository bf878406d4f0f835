package house.openapp.sdk.errors;

/**
 * A response body was longer than the client accepts
 * ({@code OpenAppClient.Builder.maxResponseBytes}): the SDK stopped reading at the limit,
 * counting the bytes after any {@code gzip} decoding, discarded the connection and did not
 * retry.
 *
 * <pre>{@code
 * try {
 *     client.orgs().list();
 * } catch (ResponseTooLargeException e) {
 *     log.warn("body over {} bytes ({} read)", e.limit(), e.bytesRead());
 * }
 * }</pre>
 */
public class ResponseTooLargeException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    private final long limit;
    private final long bytesRead;
    private final int statusCode;

    /**
     * Creates the error.
     *
     * @param message what was refused, without secrets
     * @param statusCode the response's status
     * @param limit the limit in bytes
     * @param bytesRead how many (decoded) bytes had been read when reading stopped
     * @param attempts how many HTTP attempts were made
     */
    public ResponseTooLargeException(String message, int statusCode, long limit, long bytesRead, int attempts) {
        super(message, null, attempts);
        this.statusCode = statusCode;
        this.limit = limit;
        this.bytesRead = bytesRead;
    }

    /**
     * The limit that was exceeded.
     *
     * @return bytes
     */
    public long limit() {
        return limit;
    }

    /**
     * How many bytes of the body (after decoding) were read before reading stopped; more than
     * {@link #limit()}.
     *
     * @return bytes
     */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * The status of the response whose body was too large.
     *
     * @return the HTTP status
     */
    public int statusCode() {
        return statusCode;
    }
}
