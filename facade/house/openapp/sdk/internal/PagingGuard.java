package house.openapp.sdk.internal;

import house.openapp.sdk.errors.PagingException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.UserResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The progress check of one auto-paging walk: each page must start after the previous one,
 * must not repeat the previous page's items, and the walk must stay within the client's page
 * limit. A server that ignores {@code offset} is thus caught at its second page instead of
 * being asked forever. Internal: not part of the SDK's API; one instance per walk, not
 * thread-safe.
 */
public final class PagingGuard {
    private final int maxPages;
    private int pages = 1;

    /**
     * Starts a walk whose first page is already fetched.
     *
     * @param maxPages how many pages it may fetch in all
     */
    public PagingGuard(int maxPages) {
        this.maxPages = maxPages;
    }

    /**
     * Checks that another page may be fetched.
     *
     * @throws PagingException when the walk reached its page limit
     */
    public void beforeFetch() {
        if (pages >= maxPages) {
            throw new PagingException("auto-paging stopped after " + pages + " pages: the client's limit (maxPages) is " + maxPages);
        }
        pages++;
    }

    /**
     * Checks a fetched page against the one before it.
     *
     * @param previousOffset the offset of the page before
     * @param previous its items
     * @param offset the offset of the new page
     * @param items the new page's items
     * @throws PagingException when the page does not progress
     */
    public void check(long previousOffset, List<?> previous, long offset, List<?> items) {
        if (offset <= previousOffset) {
            throw new PagingException("auto-paging stopped: the page at offset " + offset + " does not come after offset "
                    + previousOffset);
        }
        if (!items.isEmpty() && ids(items).equals(ids(previous))) {
            throw new PagingException("auto-paging stopped: the server returned the same " + items.size() + " items at offset "
                    + offset + " as at offset " + previousOffset + " (does it ignore offset?)");
        }
    }

    private static List<Object> ids(List<?> items) {
        List<Object> ids = new ArrayList<>(items.size());
        for (Object item : items) {
            ids.add(item instanceof OrganizationResponse org ? org.getId()
                    : item instanceof UserResponse user ? user.getId() : item);
        }
        return ids;
    }
}
