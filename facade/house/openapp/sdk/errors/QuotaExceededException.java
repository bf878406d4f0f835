package house.openapp.sdk.errors;

/**
 * The API answered 429 with {@code error_code} {@code quota_exceeded}: a lifetime quota (such
 * as the parent organisation's organisation count) is used up. Retrying does not help, so the
 * SDK never retries it.
 */
public final class QuotaExceededException extends RateLimitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public QuotaExceededException(ErrorDetails details) {
        super(details);
    }
}
