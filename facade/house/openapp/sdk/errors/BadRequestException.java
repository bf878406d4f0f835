package house.openapp.sdk.errors;

/**
 * The API answered 400 Bad Request: the request was malformed or failed validation.
 */
public class BadRequestException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public BadRequestException(ErrorDetails details) {
        super(details);
    }
}
