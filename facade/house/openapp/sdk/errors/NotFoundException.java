package house.openapp.sdk.errors;

/**
 * The API answered 404 Not Found: no such resource, or the caller cannot see it.
 */
public class NotFoundException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public NotFoundException(ErrorDetails details) {
        super(details);
    }
}
