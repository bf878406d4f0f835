package house.openapp.sdk;

import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OpenAppClient#withOrg(String)}: isolated org contexts over one shared HTTP stack. */
class WithOrgTest extends MockOpenApp {

    private static OkHttpClient http(OpenAppClient client) {
        return client.generated().apiClient().getOkHttpClient();
    }

    @Test
    void withOrgCopiesDoNotShareContext() throws Exception {
        for (int i = 0; i < 4; i++) {
            enqueueJson(orgMin("01HX"));
        }
        OpenAppClient a = client.withOrg("01HA");
        OpenAppClient b = client.withOrg("01HB");
        OpenAppClient aThenB = a.withOrg("01HB2");

        a.orgs().get("01HX");
        b.orgs().get("01HX");
        client.orgs().get("01HX");
        aThenB.orgs().get("01HX");

        assertEquals("01HA", take().getHeader("X-Org"));
        assertEquals("01HB", take().getHeader("X-Org"));
        assertNull(take().getHeader("X-Org"), "the original keeps having no org context");
        assertEquals("01HB2", take().getHeader("X-Org"));
        assertEquals(Optional.empty(), client.org());
        assertEquals(Optional.of("01HA"), a.org());
        assertEquals(Optional.of("01HB"), b.org());
        assertEquals(Optional.of("01HB2"), aThenB.org());
    }

    @Test
    void withOrgOverridesTheDefaultOrgAndKeepsCredentialsAndBaseUrl() throws Exception {
        OpenAppClient withDefault = newClient(builder -> builder.defaultOrg("01HDEFAULT"));
        enqueue(json(orgMin("01HX")), json(orgMin("01HX")));

        withDefault.withOrg("01HOTHER").orgs().get("01HX");
        withDefault.orgs().get("01HX");

        RecordedRequest copy = take("GET", "/orgs/01HX");
        assertEquals("01HOTHER", copy.getHeader("X-Org"));
        assertAuthenticated(copy);
        assertEquals("01HDEFAULT", take("GET", "/orgs/01HX").getHeader("X-Org"));
        assertEquals(withDefault.baseUrl(), withDefault.withOrg("01HOTHER").baseUrl());
    }

    @Test
    void concurrentCallsOnTwoCopiesCarryTheirOwnOrg() throws Exception {
        int perCopy = 8;
        CountDownLatch bothInFlight = new CountDownLatch(2);
        AtomicInteger concurrentlyHeld = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                bothInFlight.countDown();
                if (bothInFlight.await(5, TimeUnit.SECONDS)) {
                    concurrentlyHeld.incrementAndGet();
                }
                // Echo the context the request carried as the org's name (the id must be the one asked for).
                String path = request.getPath();
                return json(org(path.substring(path.lastIndexOf('/') + 1, path.indexOf('?') < 0 ? path.length() : path.indexOf('?')),
                        String.valueOf(request.getHeader("X-Org"))));
            }
        });
        Orgs a = client.withOrg("01HA").orgs();
        Orgs b = client.withOrg("01HB").orgs();

        List<CompletableFuture<OrganizationResponse>> fromA = new ArrayList<>();
        List<CompletableFuture<OrganizationResponse>> fromB = new ArrayList<>();
        for (int i = 0; i < perCopy; i++) {
            fromA.add(a.async().get("01HX" + i));
            fromB.add(b.async().get("01HX" + i));
        }

        for (CompletableFuture<OrganizationResponse> future : fromA) {
            assertEquals("01HA", future.get(5, TimeUnit.SECONDS).getName().getValue().get("en"));
        }
        for (CompletableFuture<OrganizationResponse> future : fromB) {
            assertEquals("01HB", future.get(5, TimeUnit.SECONDS).getName().getValue().get("en"));
        }
        assertEquals(2 * perCopy, server.getRequestCount());
        assertTrue(concurrentlyHeld.get() >= 2, "the two copies had requests in flight at the same time");
    }

    @Test
    void withOrgCopiesShareOneConnectionPoolAndDispatcher() throws Exception {
        OpenAppClient a = client.withOrg("01HA");
        OpenAppClient b = client.withOrg("01HB");

        assertSame(http(client).connectionPool(), http(a).connectionPool());
        assertSame(http(a).connectionPool(), http(b).connectionPool());
        assertSame(http(client).dispatcher(), http(a).dispatcher());
        assertSame(http(a).dispatcher(), http(b).dispatcher());
        assertNotSame(http(a), http(b), "each copy has its own interceptors");

        // And a connection opened by one copy is reused by the other.
        enqueue(json(orgMin("01HX")), json(orgMin("01HX")));
        a.orgs().get("01HX");
        b.orgs().get("01HX");
        assertEquals(0, take().getSequenceNumber());
        RecordedRequest second = take();
        assertEquals(1, second.getSequenceNumber(), "the second request came over the first one's connection");
        assertEquals("01HB", second.getHeader("X-Org"));
        assertEquals(1, http(client).connectionPool().connectionCount());
    }

    @Test
    void withOrgCopiesShareTimeoutsAndRetries() throws Exception {
        OpenAppClient tuned = newClient(builder -> builder.readTimeout(java.time.Duration.ofMillis(1234))
                .callTimeout(java.time.Duration.ofMillis(400)));
        OpenAppClient copy = tuned.withOrg("01HA");
        assertEquals(1234, http(copy).readTimeoutMillis());
        enqueue(json(orgMin("01HSLOW")).throttleBody(1, 100, TimeUnit.MILLISECONDS)); // 30 s of body
        assertThrows(house.openapp.sdk.errors.OpenAppTimeoutException.class, () -> copy.orgs().get("01HSLOW"));
        take();

        enqueue(new MockResponse().setResponseCode(503), json(orgMin("01HX")));
        ApiResponse<OrganizationResponse> response = copy.orgs().withResponse().get("01HX");
        assertEquals(2, response.attempts());
        assertEquals("01HA", take().getHeader("X-Org"));
        assertEquals("01HA", take().getHeader("X-Org"), "the retry carries the copy's context too");
    }

    @Test
    void closingTheOriginalClosesEveryCopy() {
        OpenAppClient a = client.withOrg("01HA");

        client.close();

        assertThrows(house.openapp.sdk.errors.ClientClosedException.class, () -> a.orgs().get("01HX"));
        assertThrows(house.openapp.sdk.errors.ClientClosedException.class, () -> client.orgs().get("01HX"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void closingACopyNeverClosesTheClientItCameFrom() throws Exception {
        enqueue(json(orgMin("01HX")), json(orgMin("01HX")));

        try (OpenAppClient tenant = client.withOrg("01HA")) {
            tenant.orgs().get("01HX");
        }
        OpenAppClient nested = client.withOrg("01HB").withOrg("01HC");
        nested.close();

        assertEquals("01HX", client.orgs().get("01HX").getId(), "the parent still works after its copies were closed");
        assertEquals("01HA", take().getHeader("X-Org"));
        assertNull(take().getHeader("X-Org"));
        assertTrue(client.withOrg("01HD").orgs().toString().contains("01HD"), "a new copy can still be made");
    }

    @Test
    void withOrgRefusesAnInvalidId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.withOrg("../01HA"));
        assertTrue(e.getMessage().startsWith("orgId "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.withOrg(" "));
        assertThrows(IllegalArgumentException.class, () -> client.withOrg("01HA\r\nX-Evil: 1"));
    }
}
