package house.openapp.sdk.errors;

/**
 * The API answered 403 Forbidden: the caller lacks the permission the operation needs.
 */
public class PermissionDeniedException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public PermissionDeniedException(ErrorDetails details) {
        super(details);
    }
}
