package house.openapp.sdk.errors;

import java.util.List;

/**
 * A lookup that must find exactly one resource (such as {@code getByName}) found several; the
 * message and {@link #matchingIds()} list them.
 */
public final class AmbiguousMatchException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    private final List<String> matchingIds;

    /**
     * Creates the error.
     *
     * @param message which lookup was ambiguous, listing the matches
     * @param matchingIds the ids of every match
     */
    public AmbiguousMatchException(String message, List<String> matchingIds) {
        super(message, null, 0);
        this.matchingIds = List.copyOf(matchingIds);
    }

    /**
     * The ids of every match.
     *
     * @return an unmodifiable list of ids
     */
    public List<String> matchingIds() {
        return matchingIds;
    }
}
