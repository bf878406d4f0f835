package house.openapp.sdk.reliability;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.ListParams;
import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgCreateParams;
import house.openapp.sdk.OrgUpdateParams;
import house.openapp.sdk.Page;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.ConnectionPool;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One shared client, 32 threads x 500 mixed calls across 8 org contexts: no errors, every
 * request carries its caller's context, connections stay bounded, and close() leaves no SDK
 * thread behind.
 */
class LoadTest {
    private static final int THREADS = 32;
    private static final int CALLS_PER_THREAD = 500;
    private static final int CONTEXTS = 8;
    private static final int KINDS = 8;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void oneSharedClientUnderLoad() throws Exception {
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger connections = new AtomicInteger();
        Map<String, AtomicInteger> perContext = new ConcurrentHashMap<>();
        MockWebServer server = Fixtures.newServer();
        server.setDispatcher(new EchoDispatcher(requests, connections, perContext));
        server.start();

        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        int[] kinds = new int[KINDS];
        OpenAppClient base = OpenAppClient.builder().apiKey(Fixtures.API_KEY).baseUrl(server.url("/api/v1").toString()).build();
        ConnectionPool pool = base.generated().apiClient().getOkHttpClient().connectionPool();
        List<OpenAppClient> contexts = new ArrayList<>();
        for (int c = 0; c < CONTEXTS; c++) {
            contexts.add(base.withOrg("01HCTX" + c));
        }
        for (OpenAppClient context : contexts) {
            assertTrue(context.generated().apiClient().getOkHttpClient().connectionPool() == pool, "contexts share one pool");
        }

        AtomicInteger peak = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(pool.connectionCount(), Math::max);
                LockSupport.parkNanos(500_000);
            }
        }, "load-test-connection-sampler");
        sampler.setDaemon(true);
        sampler.start();

        long start = System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<int[]>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(callers.submit(() -> {
                go.await();
                Random random = new Random(1_000L + thread);
                int[] mine = new int[KINDS];
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    int c = random.nextInt(CONTEXTS);
                    int kind = random.nextInt(KINDS);
                    mine[kind]++;
                    String expected = "01HCTX" + c;
                    String correlation = "t" + thread + "-" + i;
                    try {
                        String[] seen = call(contexts.get(c), kind, expected, correlation, random);
                        expected = seen[2];
                        if (!expected.equals(seen[0]) || !correlation.equals(seen[1])) {
                            mismatches.add(correlation + " kind " + kind + ": expected " + expected + "/" + correlation
                                    + " got " + seen[0] + "/" + seen[1]);
                        }
                    } catch (Exception | AssertionError e) {
                        errors.add(correlation + " kind " + kind + ": " + e);
                    }
                }
                return mine;
            }));
        }
        go.countDown();
        for (Future<int[]> future : done) {
            int[] mine = future.get(80, TimeUnit.SECONDS);
            for (int k = 0; k < KINDS; k++) {
                kinds[k] += mine[k];
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        callers.shutdown();
        assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS));
        sampling.set(false);
        sampler.join(1_000);
        int maxPerHost = base.generated().apiClient().getOkHttpClient().dispatcher().getMaxRequestsPerHost();
        int peakBound = THREADS + maxPerHost;
        long settle = System.currentTimeMillis() + 3_000;
        while (pool.connectionCount() > 5 && System.currentTimeMillis() < settle) {
            Thread.sleep(20);
        }
        int pooled = pool.connectionCount();

        ExecutorService dispatcherThreads = base.generated().apiClient().getOkHttpClient().dispatcher().executorService();
        base.close();
        boolean dispatcherTerminated = dispatcherThreads.awaitTermination(5, TimeUnit.SECONDS);
        int pooledAfterClose = pool.connectionCount();
        assertThrows(house.openapp.sdk.errors.ClientClosedException.class, () -> contexts.get(3).orgs().get("01HORG"), "a copy of a closed client refuses calls");
        List<Thread> lingering = awaitNoSdkThreads(threadsBefore, 5_000);
        List<String> sharedDaemons = newThreads(threadsBefore).stream().filter(Thread::isDaemon)
                .map(Thread::getName).sorted().toList();
        server.shutdown();

        int total = THREADS * CALLS_PER_THREAD;
        String report = "threads x calls: " + THREADS + " x " + CALLS_PER_THREAD + " = " + total + " calls in " + millis + " ms\n"
                + "mix (get, list, permissions, create, update, delete, get async, per-call org override): "
                + java.util.Arrays.toString(kinds) + "\n"
                + "errors: " + errors.size() + "\n"
                + "X-Org or correlation mismatches: " + mismatches.size() + "\n"
                + "org contexts: " + CONTEXTS + " via withOrg, requests per X-Org: " + new java.util.TreeMap<>(perContext.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))) + "\n"
                + "requests the server received: " + requests.get() + "\n"
                + "connections open at once, peak (sampled every 0.5 ms): " + peak.get() + " (bound asserted: <= " + THREADS
                + " sync callers + " + maxPerHost + " async per host = " + peakBound + ")\n"
                + "distinct connections the server saw over the run: " + connections.get() + "\n"
                + "connections left in the pool after the run: " + pooled + " (asserted: <= " + OpenAppClient.DEFAULT_MAX_CONNECTIONS_PER_HOST + ", the pool keeps as many idle as may be open per host)\n"
                + "after close(): dispatcher executor terminated: " + dispatcherTerminated + ", pooled connections: " + pooledAfterClose
                + ", SDK threads started by the test still alive (non-daemon OkHttp, OpenApp call deadlines): " + lingering.size() + "\n"
                + "shared daemon threads started during the test and still alive (OkHttp TaskRunner, Okio Watchdog, MockWebServer): "
                + sharedDaemons + "\n";
        System.out.println("# Load\n\n" + report);
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("load.md"), "# Load\n\n```\n" + report + "```\n", StandardCharsets.UTF_8);

        assertEquals(List.of(), List.copyOf(errors).subList(0, Math.min(errors.size(), 10)), "errors under load");
        assertEquals(List.of(), List.copyOf(mismatches).subList(0, Math.min(mismatches.size(), 10)), "context or correlation mix-ups");
        assertEquals(total, requests.get(), "one request per call, no retries needed");
        for (int k = 0; k < KINDS; k++) {
            assertTrue(kinds[k] > 0, "kind " + k + " never ran");
        }
        assertTrue(peak.get() <= peakBound, "peak of " + peak.get() + " open connections for " + THREADS + " callers");
        assertTrue(peak.get() > 0, "the sampler saw no connection at all");
        assertTrue(pooled <= OpenAppClient.DEFAULT_MAX_CONNECTIONS_PER_HOST, pooled + " connections pooled after the run");
        assertTrue(connections.get() >= 1 && connections.get() < requests.get() / 10, "connections are reused: "
                + connections.get() + " for " + requests.get() + " requests");
        assertTrue(dispatcherTerminated, "the dispatcher's threads did not stop within 5 s of close()");
        assertEquals(0, pooledAfterClose, "connections still pooled after close()");
        assertEquals(List.of(), lingering.stream().map(Thread::getName).toList(), "SDK threads still alive after close()");
    }

    /** Makes one call of the given kind; returns {X-Org seen by the server, X-Request-Id, the context expected}. */
    private static String[] call(OpenAppClient client, int kind, String context, String correlation, Random random) throws Exception {
        RequestOptions options = RequestOptions.builder().correlationId(correlation).build();
        String id = "01HORG" + random.nextInt(1000);
        switch (kind) {
            case 0: {
                ApiResponse<OrganizationResponse> r = client.orgs().with(options).withResponse().get(id);
                check(id.equals(r.value().getId()), "id");
                return new String[] {r.value().getDescription(), r.requestId().orElse(null), context};
            }
            case 1: {
                ApiResponse<Page<OrganizationResponse>> r = client.orgs().with(options)
                        .withResponse().list(ListParams.builder().limit(1 + random.nextInt(50)).build());
                return new String[] {r.value().items().get(0).getDescription(), r.requestId().orElse(null), context};
            }
            case 2: {
                ApiResponse<List<String>> r = client.orgs().with(options).withResponse().permissions(id);
                return new String[] {r.value().get(0), r.requestId().orElse(null), context};
            }
            case 3: {
                ApiResponse<OrganizationResponse> r = client.orgs().with(options)
                        .withResponse().create(OrgCreateParams.builder(LocalizedString.of("en", "Org " + correlation)).build());
                return new String[] {r.header("X-Echo-Org").orElse(null), r.requestId().orElse(null), context};
            }
            case 4: {
                ApiResponse<OrganizationResponse> r = client.orgs().with(options)
                        .withResponse().update(id, OrgUpdateParams.builder().description("d").build());
                return new String[] {r.header("X-Echo-Org").orElse(null), r.requestId().orElse(null), context};
            }
            case 5: {
                ApiResponse<OrganizationResponse> r = client.orgs().with(options).withResponse().delete(id);
                return new String[] {r.header("X-Echo-Org").orElse(null), r.requestId().orElse(null), context};
            }
            case 6: {
                OrganizationResponse org = client.orgs().with(options).async().get(id).get(30, TimeUnit.SECONDS);
                check(id.equals(org.getId()), "id");
                return new String[] {org.getDescription(), org.getParentId(), context};
            }
            default: {
                String override = "01HOVERRIDE" + random.nextInt(CONTEXTS);
                ApiResponse<OrganizationResponse> r = client.orgs()
                        .with(options.toBuilder().org(override).build()).withResponse().get(id);
                return new String[] {r.value().getDescription(), r.requestId().orElse(null), override};
            }
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what + " does not match");
        }
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive()).toList();
    }

    /**
     * Waits until no thread started during the test whose name starts with "OkHttp" is alive and
     * non-daemon (the dispatcher's threads are non-daemon; OkHttp's shared TaskRunner and Okio's
     * Watchdog are JVM-wide daemon threads that idle out on their own after 60 s).
     */
    private static List<Thread> awaitNoSdkThreads(Set<Thread> before, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            List<Thread> alive = newThreads(before).stream().filter(t -> (!t.isDaemon() && t.getName().startsWith("OkHttp"))
                    || t.getName().startsWith("OpenApp")).toList();
            if (alive.isEmpty() || System.currentTimeMillis() > deadline) {
                return alive;
            }
            Thread.sleep(50);
        }
    }

    /** Answers every route quickly, echoing X-Org (body and header) and X-Correlation-Id. */
    private static final class EchoDispatcher extends Dispatcher {
        private final AtomicInteger requests;
        private final AtomicInteger connections;
        private final Map<String, AtomicInteger> perContext;

        EchoDispatcher(AtomicInteger requests, AtomicInteger connections, Map<String, AtomicInteger> perContext) {
            this.requests = requests;
            this.connections = connections;
            this.perContext = perContext;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            if (request.getSequenceNumber() == 0) {
                connections.incrementAndGet();
            }
            String org = String.valueOf(request.getHeader("X-Org"));
            String correlation = String.valueOf(request.getHeader("X-Correlation-Id"));
            perContext.computeIfAbsent(org, k -> new AtomicInteger()).incrementAndGet();
            List<String> segments = request.getRequestUrl().pathSegments();
            String id = segments.size() > 3 ? segments.get(3) : "01HNEW";
            String orgJson = "{\"id\":\"" + id + "\",\"name\":{\"value\":{\"en\":\"x\"}},\"user_roles\":{},\"description\":\"" + org
                    + "\",\"parent_id\":\"" + correlation + "\"}";
            String body;
            if (segments.size() == 3 && "GET".equals(request.getMethod())) {
                body = "{\"items\":[" + orgJson + "],\"total\":1}";
            } else if (segments.size() == 5 && "permissions".equals(segments.get(4))) {
                body = "{\"permissions\":[\"" + org + "\"]}";
            } else {
                body = orgJson;
            }
            return new MockResponse().setHeader("Content-Type", "application/json").setHeader("X-Echo-Org", org)
                    .setHeader("X-Request-Id", correlation).setBody(body);
        }
    }
}
