package house.openapp.sdk.errors;

/**
 * The API answered 422 Unprocessable Entity: well-formed but not allowed, such as a move that would create a cycle.
 */
public class UnprocessableEntityException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public UnprocessableEntityException(ErrorDetails details) {
        super(details);
    }
}
