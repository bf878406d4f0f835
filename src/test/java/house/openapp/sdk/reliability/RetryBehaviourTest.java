package house.openapp.sdk.reliability;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.RetryPolicy;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.errors.ServerException;
import house.openapp.sdk.reliability.Fixtures.RecordingSleeper;
import house.openapp.sdk.reliability.Fixtures.TestClock;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static house.openapp.sdk.reliability.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry policy's arithmetic and edges: jitter bounds, Retry-After forms, budgets, methods. */
class RetryBehaviourTest {
    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = Fixtures.newServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void backoffIsExponentialWithFullJitterUnderTheCap() {
        RetryPolicy policy = RetryPolicy.builder().maxRetries(10).build();
        List<List<Duration>> runs = new ArrayList<>();
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).retryPolicy(policy).callTimeout(Duration.ofMinutes(10)).build()) {
            for (int run = 0; run < 20; run++) {
                for (int i = 0; i < 11; i++) {
                    server.enqueue(new MockResponse().setResponseCode(503));
                }
                sleeper.waits.clear();
                ServerException e = assertThrows(ServerException.class, () -> client.orgs().get("01HORG"));
                assertEquals(11, e.attempts());
                runs.add(List.copyOf(sleeper.waits));
            }
        }
        assertEquals(20 * 11, server.getRequestCount());
        long above4s = 0;
        for (List<Duration> waits : runs) {
            assertEquals(10, waits.size());
            for (int n = 1; n <= 10; n++) {
                long ceiling = Math.min(8_000, 250L << (n - 1));
                long wait = waits.get(n - 1).toMillis();
                assertTrue(wait >= 0 && wait <= ceiling, "retry " + n + " waited " + wait + " ms, ceiling " + ceiling);
                if (n >= 7 && wait > 4_000) {
                    above4s++;
                }
            }
        }
        assertTrue(runs.stream().distinct().count() > 1, "no jitter: every run waited the same");
        assertTrue(above4s > 0, "capped waits never used the upper half of [0, 8 s]");
    }

    @ParameterizedTest(name = "Retry-After: {0} -> {1} ms")
    @CsvSource(delimiter = '|', value = {
            "4|4000",
            "0|0",
            "Tue, 01 Jan 2030 00:00:07 GMT|7000",
            "Tuesday, 01-Jan-30 00:00:04 GMT|4000",
            "Tue Jan  1 00:00:05 2030|5000",
            "Mon, 31 Dec 2029 23:59:00 GMT|0",
            "999999999999999999999|60000",
            "120|60000"})
    void retryAfterInEveryFormIsHonouredAndCapped(String header, long expectedMillis) {
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", header));
        server.enqueue(org());
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).callTimeout(Duration.ofMinutes(5)).build()) {
            assertEquals(2, client.orgs().withResponse().get("01HORG").attempts());
        }
        assertEquals(List.of(Duration.ofMillis(expectedMillis)), sleeper.waits);
    }

    @ParameterizedTest
    @CsvSource({"soon", "-5", "1.5", "Someday, 99 Foo 2030"})
    void anUnreadableRetryAfterFallsBackToTheBackoff(String header) {
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", header));
        server.enqueue(org());
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).build()) {
            client.orgs().get("01HORG");
        }
        assertEquals(1, sleeper.waits.size());
        assertTrue(sleeper.waits.get(0).toMillis() <= 250, sleeper.waits.toString());
    }

    @Test
    void noRetriesWithRetryPolicyNone() {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(org());
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).retryPolicy(RetryPolicy.NONE).build()) {
            ServerException e = assertThrows(ServerException.class, () -> client.orgs().get("01HORG"));
            assertEquals(1, e.attempts());
        }
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void patchAndPostThroughRawRequestAreNotReplayedButGetIs() {
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).build()) {
            for (String method : List.of("PATCH", "POST")) {
                server.enqueue(new MockResponse().setResponseCode(503));
                assertThrows(ServerException.class, () -> client.rawRequest(method, "orgs/x", Map.of(), "{}", RequestOptions.NONE));
            }
            assertEquals(2, server.getRequestCount());
            server.enqueue(new MockResponse().setResponseCode(502));
            server.enqueue(Fixtures.ok("{}"));
            ApiResponse<String> response = client.rawRequest("GET", "orgs/x", Map.of(), null, RequestOptions.NONE);
            assertEquals(2, response.attempts());
            assertEquals(4, server.getRequestCount());
        }
    }

    @Test
    void everyNetworkInterceptorSeesEveryAttempt() {
        AtomicInteger seen = new AtomicInteger();
        OkHttpClient own = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
            seen.incrementAndGet();
            return chain.proceed(chain.request());
        }).build();
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(org());
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).okHttpClient(own).build()) {
            assertEquals(3, client.orgs().withResponse().get("01HORG").attempts());
        }
        assertEquals(3, seen.get());
        own.dispatcher().executorService().shutdown();
        own.connectionPool().evictAll();
    }

    @Test
    void theRealClockAndSleeperNeverWaitPastTheDeadline() {
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "5"));
        server.enqueue(org());
        long start = System.nanoTime();
        try (OpenAppClient client = OpenAppClient.builder().apiKey(Fixtures.API_KEY).baseUrl(server.url("/api/v1").toString())
                .callTimeout(Duration.ofSeconds(2)).build()) {
            ServerException e = assertThrows(ServerException.class, () -> client.orgs().get("01HORG"));
            assertEquals(1, e.attempts());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 2_000, "took " + millis + " ms: the 5 s wait would have passed the 2 s deadline");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aPerCallTimeoutStopsAHangingAttempt() {
        server.enqueue(org().setHeadersDelay(5, TimeUnit.SECONDS));
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).build()) {
            long start = System.nanoTime();
            OpenAppTimeoutException e = assertThrows(OpenAppTimeoutException.class,
                    () -> client.orgs().with(RequestOptions.builder().timeout(Duration.ofMillis(300)).build()).get("01HORG"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2_000, "took " + millis + " ms");
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("timed out after 1 attempt"), e.getMessage());
        }
    }

    @Test
    void retryPolicyBoundsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxRetries(11));
        assertEquals(10, RetryPolicy.builder().maxRetries(10).build().maxRetries());
        assertEquals(0, RetryPolicy.NONE.maxRetries());
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().baseDelay(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(9)).maxDelay(Duration.ofSeconds(8)).build());
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        assertEquals(3, defaults.maxRetries());
        assertEquals(Duration.ofMillis(250), defaults.baseDelay());
        assertEquals(Duration.ofSeconds(8), defaults.maxDelay());
        assertEquals(Duration.ofSeconds(60), defaults.maxRetryAfter());
    }

    @Test
    void anInterruptedWaitStopsTheCall() {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(org());
        try (OpenAppClient client = Fixtures.builder(server, clock, sleeper).sleeper(d -> {
            throw new InterruptedException("stop");
        }).build()) {
            OpenAppException e = assertThrows(OpenAppException.class, () -> client.orgs().get("01HORG"));
            assertEquals(1, e.attempts());
            assertTrue(Thread.interrupted(), "the interrupt flag is kept");
        }
        assertEquals(1, server.getRequestCount());
    }
}
