package house.openapp.sdk.reliability;

import house.openapp.sdk.ListParams;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.errors.PagingException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, finding 8: paging ends with a typed error when the server does not progress, stays
 * within the page limit, sync and async alike, and getByName keeps one deadline for all its pages.
 */
class PagingBoundsTest {

    /** A page of {@code size} orgs named "Acme n", starting at item {@code from}, of {@code total}. */
    private static String page(long total, int from, int size) {
        StringJoiner items = new StringJoiner(",");
        for (int i = from; i < from + size; i++) {
            items.add("{\"id\":\"01HORG" + i + "\",\"name\":{\"value\":{\"en\":\"Acme " + i + "\"}},\"user_roles\":{}}");
        }
        return "{\"items\":[" + items + "],\"total\":" + total + "}";
    }

    private static int offset(RecordedRequest request) {
        String value = request.getRequestUrl().queryParameter("offset");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static MockWebServer serving(IntFunction<String> pageAtOffset, long delayMillis) throws Exception {
        MockWebServer server = Fixtures.newServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                Thread.sleep(delayMillis);
                return Fixtures.ok(pageAtOffset.apply(offset(request)));
            }
        });
        server.start();
        return server;
    }

    private static OpenAppClient client(MockWebServer server, int maxPages) {
        return OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1").toString()).maxPages(maxPages).build();
    }

    @Test
    @Timeout(60)
    void aServerThatIgnoresOffsetEndsAutoPagingAtItsSecondPage() throws Exception {
        try (MockWebServer server = serving(offset -> page(1_000_000, 0, 2), 0); OpenAppClient client = client(server, 10_000)) {
            PagingException e = assertThrows(PagingException.class,
                    () -> client.orgs().list(ListParams.builder().limit(2).build()).autoPaging().forEach(org -> { }));
            assertTrue(e.getMessage().contains("same"), e.getMessage());
            assertEquals(2, server.getRequestCount());
        }
    }

    @Test
    @Timeout(60)
    void prefetchingStopsThereToo() throws Exception {
        try (MockWebServer server = serving(offset -> page(1_000_000, 0, 2), 0); OpenAppClient client = client(server, 10_000)) {
            assertThrows(PagingException.class,
                    () -> client.orgs().list(ListParams.builder().limit(2).build()).autoPaging().prefetching().forEach(org -> { }));
            assertTrue(server.getRequestCount() <= 2 + 2, server.getRequestCount() + " requests");
        }
    }

    @Test
    @Timeout(60)
    void getByNameAgainstAServerThatIgnoresOffsetFailsTyped() throws Exception {
        try (MockWebServer server = serving(offset -> page(1_000_000, 0, 200), 0); OpenAppClient client = client(server, 10_000)) {
            assertThrows(PagingException.class, () -> client.orgs().getByName("Acme 7"));
            assertEquals(2, server.getRequestCount());
        }
    }

    @Test
    @Timeout(60)
    void asynchronousWalksAndGetByNameStopThereToo() throws Exception {
        try (MockWebServer server = serving(offset -> page(1_000_000, 0, 2), 0); OpenAppClient client = client(server, 10_000)) {
            CompletableFuture<Void> walk = client.orgs().list(ListParams.builder().limit(2).build()).forEachAsync(org -> { });
            ExecutionException e = assertThrows(ExecutionException.class, () -> walk.get(20, TimeUnit.SECONDS));
            assertInstanceOf(PagingException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("same"), e.getCause().getMessage());
            assertEquals(2, server.getRequestCount());
        }
        try (MockWebServer server = serving(offset -> page(1_000_000, 0, 200), 0); OpenAppClient client = client(server, 10_000)) {
            CompletableFuture<OrganizationResponse> search = client.orgs().async().getByName("Acme 7");
            ExecutionException e = assertThrows(ExecutionException.class, () -> search.get(20, TimeUnit.SECONDS));
            assertInstanceOf(PagingException.class, e.getCause());
            assertEquals(2, server.getRequestCount());
        }
        try (MockWebServer server = serving(offset -> page(Long.MAX_VALUE / 2, offset, 2), 0); OpenAppClient client = client(server, 5)) {
            CompletableFuture<Void> walk = client.orgs().async().list(ListParams.builder().limit(2).build())
                    .thenCompose(first -> first.forEachAsync(org -> { }));
            ExecutionException e = assertThrows(ExecutionException.class, () -> walk.get(20, TimeUnit.SECONDS));
            assertInstanceOf(PagingException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("maxPages"), e.getCause().getMessage());
            assertEquals(5, server.getRequestCount());
        }
    }

    @Test
    @Timeout(60)
    void aWalkThatNeverEndsStopsAtMaxPages() throws Exception {
        try (MockWebServer server = serving(offset -> page(Long.MAX_VALUE / 2, offset, 2), 0); OpenAppClient client = client(server, 5)) {
            PagingException e = assertThrows(PagingException.class,
                    () -> client.orgs().list(ListParams.builder().limit(2).build()).autoPaging().forEach(org -> { }));
            assertTrue(e.getMessage().contains("maxPages"), e.getMessage());
            assertEquals(5, server.getRequestCount());
        }
    }

    @Test
    @Timeout(60)
    void getByNameKeepsOneDeadlineForAllItsPages() throws Exception {
        // 20 pages of one org, 200 ms each: 4 s in all, against a 1 s deadline for the whole search
        try (MockWebServer server = serving(offset -> page(20, offset, 1), 200); OpenAppClient client = client(server, 10_000)) {
            Future<?> search = Executors.newSingleThreadExecutor().submit(() -> assertThrows(OpenAppTimeoutException.class,
                    () -> client.orgs().with(RequestOptions.builder().timeout(Duration.ofSeconds(1)).build()).getByName("Acme 19")));
            long started = System.nanoTime();
            search.get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 2_000, "getByName ran " + millis + " ms under a 1 s deadline");
            assertTrue(server.getRequestCount() <= 6, server.getRequestCount() + " pages requested");
        }
    }
}
