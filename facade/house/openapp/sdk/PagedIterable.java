package house.openapp.sdk;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a list across all its pages, fetched lazily page by page: only one page is
 * held at a time, every filter and the org context are carried into each page, and stopping
 * early fetches nothing more.
 *
 * <pre>{@code
 * client.orgs().list(ListParams.builder().includeDeleted(true).build())
 *     .autoPaging()
 *     .stream()
 *     .filter(org -> org.getDeletedAt() != null)
 *     .forEach(org -> System.out.println(org.getId()));
 * }</pre>
 *
 * <p>With {@link #prefetching()} the next page is requested while the current one is being
 * consumed, which hides the server's latency when the consumer does real work per item.
 * Each {@link #iterator()} starts again from the first page it was given.
 *
 * @param <T> the item type
 */
public final class PagedIterable<T> implements Iterable<T> {
    private final Page<T> first;
    private final boolean prefetch;

    PagedIterable(Page<T> first, boolean prefetch) {
        this.first = first;
        this.prefetch = prefetch;
    }

    /**
     * The same items, with the next page requested in the background while the current one is
     * consumed (at most one page ahead, so at most two pages are held).
     *
     * @return a prefetching iterable
     */
    public PagedIterable<T> prefetching() {
        return new PagedIterable<>(first, true);
    }

    @Override
    public Iterator<T> iterator() {
        return new PageIterator<>(first, prefetch);
    }

    /**
     * The items as a sequential, ordered stream; closing it early fetches nothing more.
     *
     * @return a lazy stream
     */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static final class PageIterator<T> implements Iterator<T> {
        private final boolean prefetch;
        private Page<T> page;
        private int index;
        private CompletableFuture<Page<T>> ahead;

        PageIterator(Page<T> first, boolean prefetch) {
            this.page = first;
            this.prefetch = prefetch;
            startPrefetch();
        }

        @Override
        public boolean hasNext() {
            while (index >= page.items().size()) {
                if (!page.hasNext()) {
                    return false;
                }
                page = ahead != null ? join(ahead) : page.next();
                ahead = null;
                index = 0;
                startPrefetch();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.items().get(index++);
        }

        private void startPrefetch() {
            if (prefetch && page.hasNext()) {
                Page<T> current = page;
                ahead = CompletableFuture.supplyAsync(current::next);
            }
        }

        private static <T> Page<T> join(CompletableFuture<Page<T>> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }
    }
}
