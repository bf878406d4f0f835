package house.openapp.sdk.errors;

/**
 * The API answered 401 Unauthorized: no valid credentials were sent.
 */
public class AuthenticationException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public AuthenticationException(ErrorDetails details) {
        super(details);
    }
}
