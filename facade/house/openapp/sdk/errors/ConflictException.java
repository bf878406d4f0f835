package house.openapp.sdk.errors;

/**
 * The API answered 409 Conflict: the resource's state forbids the operation (it already exists, or it would orphan users).
 */
public class ConflictException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public ConflictException(ErrorDetails details) {
        super(details);
    }
}
