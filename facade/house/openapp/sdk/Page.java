package house.openapp.sdk;

import house.openapp.sdk.internal.PagingGuard;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
 * for (OrganizationResponse org : client.orgs().list().autoPaging()) {
 *     System.out.println(org.getId());
 * }
 * // or without blocking a thread, one page requested at a time:
 * CompletableFuture<Void> done = client.orgs().async().list()
 *     .thenCompose(first -> first.forEachAsync(org -> System.out.println(org.getId())));
 * }</pre>
 *
 * @param <T> the item type
 */
public final class Page<T> {
    private final List<T> items;
    private final long total;
    private final Map<String, Object> additionalProperties;
    private final ListParams params;
    private final ApiResponse<?> response;
    private final Function<ListParams, Page<T>> fetcher;
    private final Function<ListParams, CompletableFuture<Page<T>>> asyncFetcher;
    private final int maxPages;

    Page(List<T> items, long total, Map<String, Object> additionalProperties, ListParams params, ApiResponse<?> response, Function<ListParams, Page<T>> fetcher,
         Function<ListParams, CompletableFuture<Page<T>>> asyncFetcher, int maxPages) {
        this.items = List.copyOf(items);
        this.total = total;
        this.additionalProperties = additionalProperties;
        this.params = params;
        this.response = response;
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
     * The page document's fields that the bundle this SDK was generated from does not declare
     * (the items keep theirs in their own {@code getAdditionalProperties()}): how to read a
     * paging field the server added before the SDK was regenerated.
     *
     * @return an unmodifiable map, wire name to the value Gson read
     */
    public Map<String, Object> additionalProperties() {
        return additionalProperties;
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
        return response.requestId();
    }

    /** The response that carried this page (its value is the raw page body). */
    ApiResponse<?> response() {
        return response;
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
        return fetcher.apply(nextParams());
    }

    /**
     * Requests the next page, with the same filters, page size and org context, without holding
     * a thread while the server works; cancelling the future cancels the request.
     *
     * @return a future of the next page
     * @throws NoSuchElementException if there is none
     */
    public CompletableFuture<Page<T>> nextAsync() {
        return asyncFetcher.apply(nextParams());
    }

    private ListParams nextParams() {
        if (!hasNext()) {
            throw new NoSuchElementException("no page after offset " + offset() + " (total " + total + ")");
        }
        return params.withOffset(offset() + items.size());
    }

    /**
     * Hands every item from this page on to {@code action}, in order, without blocking: the
     * items of this page are handed over at once on the calling thread, and each following
     * page is requested only once {@code action} has returned for every item before it, so at
     * most one request is in flight and one page held (the consumer's pace is the back-pressure).
     * Items of later pages are handed over on OkHttp's threads: keep {@code action} short, or
     * hand the work to an executor of your own.
     *
     * <p>The future completes when the last page was consumed; exceptionally with the
     * {@link house.openapp.sdk.errors.OpenAppException} of a failed page request (a
     * {@link house.openapp.sdk.errors.PagingException} when a page repeats the previous one or
     * does not advance, or the walk reaches the client's {@code maxPages}), or with what
     * {@code action} threw, after which nothing more is requested. Cancelling it cancels the
     * request in flight and stops the walk.
     *
     * <pre>{@code
     * AtomicInteger deleted = new AtomicInteger();
     * client.orgs().list(ListParams.builder().onlyDeleted(true).limit(200).build())
     *     .forEachAsync(org -> deleted.incrementAndGet())
     *     .thenRun(() -> System.out.println(deleted + " soft-deleted orgs"));
     * }</pre>
     *
     * @param action what to do with each item
     * @return a future that completes once every item was handed over
     */
    public CompletableFuture<Void> forEachAsync(Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        return forEachPageAsync(page -> page.items().forEach(action));
    }

    /**
     * Hands over this page and every later one, fetched one after the other, within the same
     * paging bounds as {@link #autoPaging()} (a server that ignores offset, {@code maxPages}).
     */
    void forEachPage(Consumer<? super Page<T>> action) {
        PagingGuard guard = new PagingGuard(maxPages);
        for (Page<T> page = this; ; ) {
            action.accept(page);
            if (!page.hasNext()) {
                return;
            }
            guard.beforeFetch();
            Page<T> next = page.next();
            guard.check(page.offset(), page.items(), next.offset(), next.items()); // a server ignoring offset ends here
            page = next;
        }
    }

    /** As {@link #forEachAsync(Consumer)}, one page at a time. */
    CompletableFuture<Void> forEachPageAsync(Consumer<? super Page<T>> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Page<T>>> inFlight = new AtomicReference<>();
        done.whenComplete((ignored, failure) -> {
            CompletableFuture<Page<T>> request = inFlight.get();
            if (done.isCancelled() && request != null) {
                request.cancel(true);
            }
        });
        consume(this, action, done, inFlight, new PagingGuard(maxPages));
        return done;
    }

    /** Hands {@code page} over and requests the next; one page at a time, so one guard serves the walk. */
    private static <T> void consume(Page<T> page, Consumer<? super Page<T>> action, CompletableFuture<Void> done,
                                    AtomicReference<CompletableFuture<Page<T>>> inFlight, PagingGuard guard) {
        if (done.isDone()) {
            return;
        }
        CompletableFuture<Page<T>> next;
        try {
            action.accept(page);
            if (!page.hasNext()) {
                done.complete(null);
                return;
            }
            guard.beforeFetch();
            next = page.nextAsync();
        } catch (Throwable failure) {
            done.completeExceptionally(failure);
            return;
        }
        inFlight.set(next);
        if (done.isCancelled()) {
            next.cancel(true);
            return;
        }
        next.whenComplete((following, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                return;
            }
            try {
                guard.check(page.offset(), page.items(), following.offset(), following.items()); // a server ignoring offset ends here
            } catch (RuntimeException stalled) {
                done.completeExceptionally(stalled);
                return;
            }
            consume(following, action, done, inFlight, guard);
        });
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
