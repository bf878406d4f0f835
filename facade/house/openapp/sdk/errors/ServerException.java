package house.openapp.sdk.errors;

/**
 * The API answered 5xx: the server or a proxy in front of it failed.
 */
public class ServerException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public ServerException(ErrorDetails details) {
        super(details);
    }
}
