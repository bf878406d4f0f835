package house.openapp.sdk.errors;

/**
 * Auto-paging (or {@code getByName}) stopped because the server's pages do not progress: a
 * page repeated the previous page's items, its offset did not advance, or the walk passed the
 * client's page limit ({@code OpenAppClient.Builder.maxPages}). Without this check a server
 * that ignores {@code offset} would be asked for pages forever.
 */
public class PagingException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message why paging stopped
     */
    public PagingException(String message) {
        super(message, null, 0);
    }
}
