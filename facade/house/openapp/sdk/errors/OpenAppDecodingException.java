package house.openapp.sdk.errors;

/**
 * A successful response arrived but its body could not be read as the documented type (for
 * example invalid or truncated JSON, or an HTML page where JSON was expected).
 */
public final class OpenAppDecodingException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String requestId;

    /**
     * Creates the error.
     *
     * @param message what could not be decoded
     * @param cause the parse failure
     * @param statusCode the HTTP status of the response
     * @param requestId its {@code X-Request-Id}, or {@code null}
     * @param attempts how many HTTP attempts were made
     */
    public OpenAppDecodingException(String message, Throwable cause, int statusCode, String requestId, int attempts) {
        super(message, cause, attempts);
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    /**
     * The HTTP status of the response whose body could not be read.
     *
     * @return the status
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The {@code X-Request-Id} of the response.
     *
     * @return the request id, empty when there was none
     */
    public java.util.Optional<String> requestId() {
        return java.util.Optional.ofNullable(requestId);
    }
}
