package house.openapp.sdk;

import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public async paging: {@link Page#nextAsync()} and {@link Page#forEachAsync}, paced by the consumer. */
class AsyncPagingTest extends MockOpenApp {
    private static final ListParams TWO = ListParams.builder().limit(2).includeDeleted(true).build();

    @Test
    void nextAsyncFetchesTheNextPageWithTheSameFilters() throws Exception {
        enqueue(json(orgPage(3, "01HA", "01HB")), json(orgPage(3, "01HC")));

        Page<OrganizationResponse> first = client.orgs().async().list(TWO).get(5, TimeUnit.SECONDS);
        Page<OrganizationResponse> second = first.nextAsync().get(5, TimeUnit.SECONDS);

        take("GET", "/orgs?include_deleted=true&limit=2");
        take("GET", "/orgs?include_deleted=true&limit=2&offset=2");
        assertEquals("01HC", second.items().get(0).getId());
        assertEquals(2, second.offset());
        assertThrows(NoSuchElementException.class, second::nextAsync);
    }

    @Test
    void forEachAsyncHandsOverEveryItemInOrderWithOneRequestInFlight() throws Exception {
        enqueue(json(orgPage(5, "01HA", "01HB")), json(orgPage(5, "01HC", "01HD")), json(orgPage(5, "01HE")));
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch onSecondPage = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Void> done = client.orgs().list(TWO).forEachAsync(org -> {
            seen.add(org.getId());
            if (org.getId().equals("01HC")) {
                onSecondPage.countDown();
                await(release);
            }
        });

        assertTrue(onSecondPage.await(5, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertEquals(2, server.getRequestCount(), "the third page waits until the consumer is done with the second");
        release.countDown();
        done.get(5, TimeUnit.SECONDS);

        assertEquals(List.of("01HA", "01HB", "01HC", "01HD", "01HE"), seen);
        take("GET", "/orgs?include_deleted=true&limit=2");
        take("GET", "/orgs?include_deleted=true&limit=2&offset=2");
        take("GET", "/orgs?include_deleted=true&limit=2&offset=4");
        assertNoMoreRequests();
    }

    @Test
    void aFailedPageFailsTheWalkWithTheTypedError() throws Exception {
        enqueue(json(orgPage(4, "01HA", "01HB")), apiError(404, "not_found", "gone"));
        List<String> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> done = client.orgs().async().list(TWO).thenCompose(first -> first.forEachAsync(org -> seen.add(org.getId())));

        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(5, TimeUnit.SECONDS));
        assertInstanceOf(NotFoundException.class, e.getCause());
        assertEquals(List.of("01HA", "01HB"), seen);
    }

    @Test
    void whatTheConsumerThrowsEndsTheWalkWithNothingMoreRequested() throws Exception {
        enqueue(json(orgPage(4, "01HA", "01HB")), json(orgPage(4, "01HC", "01HD")));
        IllegalStateException boom = new IllegalStateException("boom");

        CompletableFuture<Void> done = client.orgs().list(TWO).forEachAsync(org -> {
            throw boom;
        });

        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(5, TimeUnit.SECONDS));
        assertEquals(boom, e.getCause());
        take("GET", "/orgs?include_deleted=true&limit=2");
        assertNoMoreRequests();
    }

    @Test
    void cancellingTheWalkStopsItBeforeTheNextPageIsHandedOver() throws Exception {
        enqueue(json(orgPage(4, "01HA", "01HB")), json(orgPage(4, "01HC", "01HD")).setBodyDelay(1, TimeUnit.SECONDS));
        List<String> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> done = client.orgs().list(TWO).forEachAsync(org -> seen.add(org.getId()));
        take("GET", "/orgs?include_deleted=true&limit=2");
        take("GET", "/orgs?include_deleted=true&limit=2&offset=2");
        assertTrue(done.cancel(true));
        Thread.sleep(1_500);

        assertEquals(List.of("01HA", "01HB"), seen);
        assertTrue(done.isCancelled());
        assertNoMoreRequests();
    }

    @Test
    void theAsyncViewPagesUsersAndSearchToo() throws Exception {
        enqueue(json(page(3, user("01HU1"), user("01HU2"))), json(page(3, user("01HU3"))),
                json(orgPage(2, "01HA")), json(orgPage(2, "01HB")));
        List<String> seen = new CopyOnWriteArrayList<>();

        client.orgs().async().users("01HORG", OrgUsersParams.builder().recursive(true).listParams(ListParams.builder().limit(2).build()).build())
                .thenCompose(first -> first.forEachAsync(user -> seen.add(user.getId())))
                .thenCompose(ignored -> client.orgs().async().search("gate", ListParams.builder().limit(1).build()))
                .thenCompose(first -> first.forEachAsync(org -> seen.add(org.getId())))
                .get(5, TimeUnit.SECONDS);

        assertEquals(List.of("01HU1", "01HU2", "01HU3", "01HA", "01HB"), seen);
        take("GET", "/orgs/01HORG/users?limit=2&recursive=true");
        take("GET", "/orgs/01HORG/users?limit=2&offset=2&recursive=true");
        take("GET", "/orgs/search?q=gate&limit=1");
        take("GET", "/orgs/search?q=gate&limit=1&offset=1");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
