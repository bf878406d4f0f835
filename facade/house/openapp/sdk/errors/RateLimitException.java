package house.openapp.sdk.errors;

/**
 * The API answered 429 Too Many Requests: slow down and retry later.
 */
public class RateLimitException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public RateLimitException(ErrorDetails details) {
        super(details);
    }
}
