package house.openapp.sdk.errors;

/**
 * The server answered a call about one organisation with another one: {@code get},
 * {@code update}, {@code delete} and {@code purge} check that the organisation returned is the
 * one asked for, so that a confused proxy or a desynchronised connection can never hand one
 * tenant's data to a caller who asked about another. Not retried.
 */
public class OrgMismatchException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    private final String expectedId;
    private final String actualId;

    /**
     * Creates the error.
     *
     * @param message what was asked and what came back
     * @param expectedId the id asked for
     * @param actualId the id in the response, or {@code null} when it had none
     * @param attempts how many HTTP attempts were made
     */
    public OrgMismatchException(String message, String expectedId, String actualId, int attempts) {
        super(message, null, attempts);
        this.expectedId = expectedId;
        this.actualId = actualId;
    }

    /**
     * The id the call asked for.
     *
     * @return the id
     */
    public String expectedId() {
        return expectedId;
    }

    /**
     * The id the response carried.
     *
     * @return the id, or {@code null} when the response had none
     */
    public String actualId() {
        return actualId;
    }
}
