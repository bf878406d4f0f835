package house.openapp.sdk;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One page of a list: its items, the total across all pages, where it starts, and a way to
 * the next page; immutable.
 *
 * <pre>{@code
 * Page<OrganizationResponse> page = client.orgs().list(ListParams.builder().limit(50).build());
 * while (true) {
 *     page.items().forEach(org -> System.out.println(org.getId()));
 *     if (!page.hasNext()) break;
 *     page = page.next();
 * }
 * // or simply, fetching page after page as the loop goes:
 * for (OrganizationResponse org : client.orgs().list().autoPaging()) { ... }
 * }</pre>
 *
 * @param <T> the item type
 */
public final class Page<T> {
    private final List<T> items;
    private final long total;
    private final ListParams params;
    private final String requestId;
    private final Function<ListParams, Page<T>> fetcher;
    private final Function<ListParams, CompletableFuture<Page<T>>> asyncFetcher;
    private final int maxPages;

    Page(List<T> items, long total, ListParams params, String requestId, Function<ListParams, Page<T>> fetcher,
         Function<ListParams, CompletableFuture<Page<T>>> asyncFetcher, int maxPages) {
        this.items = List.copyOf(items);
        this.total = total;
        this.params = params;
        this.requestId = requestId;
        this.fetcher = fetcher;
        this.asyncFetcher = asyncFetcher;
        this.maxPages = maxPages;
    }

    /** How many pages one auto-paging walk from here may fetch (the client's maxPages). */
    int maxPages() {
        return maxPages;
    }

    /**
     * The items of this page.
     *
     * @return an unmodifiable list
     */
    public List<T> items() {
        return items;
    }

    /**
     * How many items all pages hold together, as the server counted them for this page.
     *
     * @return the total
     */
    public long total() {
        return total;
    }

    /**
     * How many items precede this page.
     *
     * @return the offset
     */
    public int offset() {
        return params.offset().orElse(0);
    }

    /**
     * The page size asked for.
     *
     * @return the limit, empty when the server's default was used
     */
    public Optional<Integer> limit() {
        return params.limit();
    }

    /**
     * The parameters this page was fetched with.
     *
     * @return the parameters
     */
    public ListParams params() {
        return params;
    }

    /**
     * The {@code X-Request-Id} of the response that carried this page.
     *
     * @return the request id, if present
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Whether another page follows: this page was not empty and the items so far are fewer
     * than the total.
     *
     * @return true if {@link #next()} returns a page
     */
    public boolean hasNext() {
        return !items.isEmpty() && offset() + (long) items.size() < total;
    }

    /**
     * Fetches the next page, with the same filters, page size and org context.
     *
     * @return the next page
     * @throws NoSuchElementException if there is none
     */
    public Page<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no page after offset " + offset() + " (total " + total + ")");
        }
        return fetcher.apply(params.withOffset(offset() + items.size()));
    }

    /** Requests the page at {@code offset} with this page's filters, without holding a thread. */
    CompletableFuture<Page<T>> fetchAsync(int offset) {
        return asyncFetcher.apply(params.withOffset(offset));
    }

    /**
     * Every item from this page on, fetching each following page only when the previous one
     * is used up.
     *
     * @return a lazy iterable, also available as a stream
     */
    public PagedIterable<T> autoPaging() {
        return new PagedIterable<>(this, 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Page<?> that && total == that.total && items.equals(that.items) && params.equals(that.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, total, params);
    }

    @Override
    public String toString() {
        return "Page{offset=" + offset() + ", size=" + items.size() + ", total=" + total + "}";
    }
}
