package house.openapp.sdk.errors;

/**
 * A redirect (3xx) the SDK refused to follow: a {@code 307} or {@code 308} that would re-send
 * a request body to another origin, a chain longer than the follow-up limit, or a switch
 * between {@code https} and {@code http}. Not retried.
 */
public class RedirectException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * Creates the error.
     *
     * @param details the 3xx response's details
     * @param reason why it was not followed
     */
    public RedirectException(ErrorDetails details, String reason) {
        super(details);
        this.reason = reason;
    }

    /**
     * Why the redirect was not followed.
     *
     * @return a short explanation, such as {@code too many redirects (limit 10)}
     */
    public String reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + ": not followed, " + reason;
    }
}
