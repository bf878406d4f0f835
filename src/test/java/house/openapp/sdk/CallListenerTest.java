package house.openapp.sdk;

import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.OpenAppConnectionException;
import house.openapp.sdk.generated.OperationId;
import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call listener: one operation per call named as in the bundle, one event per attempt with
 * its status, request id, sizes and retry decision, and the outcome the caller got; for the
 * façade (sync, async, paging), the generated services and raw requests alike.
 */
class CallListenerTest extends MockOpenApp {
    private static final String ORG = "01HORG0000000000000000000A";

    /** Records every event as one line, in order. */
    static final class Recorder implements CallListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        final List<String> startThreads = new CopyOnWriteArrayList<>();

        @Override
        public OperationListener operationStarted(Operation operation) {
            startThreads.add(Thread.currentThread().getName());
            events.add("start " + operation.operationId() + " " + operation.method() + " " + operation.urlTemplate() + " org=" + operation.org());
            return new OperationListener() {
                @Override
                public void requestSending(Request request) {
                    events.add("send " + request.attempt() + " " + request.method() + " " + request.toApiOrigin());
                }

                @Override
                public void attemptEnded(Attempt attempt) {
                    attempts.add(attempt);
                    events.add("attempt " + attempt.number() + " " + attempt.statusCode() + " id=" + attempt.requestId()
                            + " retry=" + attempt.willRetry() + (attempt.exception() == null ? "" : " " + attempt.exception().getClass().getSimpleName()));
                }

                @Override
                public void operationEnded(Outcome outcome) {
                    outcomes.add(outcome);
                    events.add("end " + operation.operationId() + " " + outcome.statusCode() + " attempts=" + outcome.attempts()
                            + (outcome.failure() == null ? "" : " " + outcome.failure().getClass().getSimpleName()));
                }
            };
        }
    }

    private final Recorder recorder = new Recorder();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    private OpenAppClient listened() {
        return track(OpenAppClient.builder().apiKey(apiKey()).sleeper(sleeps::add).callListener(recorder).build());
    }

    private static MockResponse withId(MockResponse response, String requestId) {
        return response.setHeader("X-Request-Id", requestId);
    }

    @Test
    void eachAttemptIsReportedWithItsRetryDecisionAndDelay() {
        enqueue(withId(json(503, "{}"), "r1").setHeader("Retry-After", "2"), withId(json(503, "{}"), "r2").setHeader("Retry-After", "1"),
                withId(json(org(ORG, "Acme")), "r3"));

        OrganizationResponse org = listened().withOrg("01HCTX").orgs().get(ORG);

        assertEquals(ORG, org.getId());
        assertEquals(List.of(
                "start get_org GET /api/v1/orgs/{id} org=01HCTX",
                "send 1 GET true", "attempt 1 503 id=r1 retry=true",
                "send 2 GET true", "attempt 2 503 id=r2 retry=true",
                "send 3 GET true", "attempt 3 200 id=r3 retry=false",
                "end get_org 200 attempts=3"), recorder.events);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), sleeps);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO),
                recorder.attempts.stream().map(CallListener.Attempt::retryDelay).toList());
        CallListener.Attempt last = recorder.attempts.get(2);
        assertEquals(org(ORG, "Acme").getBytes(java.nio.charset.StandardCharsets.UTF_8).length, last.responseBytes());
        assertEquals(0, last.requestBytes());
        assertTrue(last.duration().compareTo(Duration.ZERO) > 0);
        assertEquals(List.of("r3"), last.responseHeaders().get("X-Request-Id"));
        CallListener.Outcome outcome = recorder.outcomes.get(0);
        assertEquals("r3", outcome.requestId());
        assertTrue(outcome.duration().compareTo(last.duration()) >= 0);
        assertEquals(List.of(Thread.currentThread().getName()), recorder.startThreads);
    }

    @Test
    void aListenerThatSaysItIsNoopIsLeftOutAndNeverCalled() {
        enqueue(json(org(ORG, "Acme")));
        List<String> calls = new CopyOnWriteArrayList<>();
        CallListener noop = new CallListener() {
            @Override
            public OperationListener operationStarted(Operation operation) {
                calls.add(operation.operationId());
                return OperationListener.NONE;
            }

            @Override
            public boolean isNoop() {
                return true;
            }
        };

        OrganizationResponse org = track(OpenAppClient.builder().apiKey(apiKey()).callListener(noop).build()).orgs().get(ORG);

        assertEquals(ORG, org.getId());
        assertEquals(List.of(), calls);
    }

    @Test
    void aTypedFailureIsTheOutcomeAndTheBodySizeIsCounted() {
        enqueue(apiError(404, "not_found", "no such org"));

        assertThrows(NotFoundException.class, () -> listened().orgs().get(ORG));

        assertEquals(List.of("start get_org GET /api/v1/orgs/{id} org=null", "send 1 GET true", "attempt 1 404 id=req-404 retry=false",
                "end get_org 404 attempts=1 NotFoundException"), recorder.events);
        assertInstanceOf(NotFoundException.class, recorder.outcomes.get(0).failure());
    }

    @Test
    void aLostConnectionIsAnAttemptExceptionAndAPostIsNotRetriedAfterIt() {
        enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

        assertThrows(OpenAppConnectionException.class, () -> listened().orgs().create("Field Office"));

        assertEquals(List.of("start create_org POST /api/v1/orgs org=null", "send 1 POST true",
                "attempt 1 0 id=null retry=false IOException", "end create_org 0 attempts=1 OpenAppConnectionException"), recorder.events);
        assertTrue(recorder.attempts.get(0).requestBytes() > 0, "the JSON body's size");
        assertEquals(-1, recorder.attempts.get(0).responseBytes());
    }

    @Test
    void anAsyncCallStartsOnTheCallersThreadAndEndsOnce() throws Exception {
        enqueue(json(503, "{}"), json(org(ORG, "Acme")));

        CompletableFuture<OrganizationResponse> future = listened().orgs().async().get(ORG);

        assertEquals(ORG, future.get(10, TimeUnit.SECONDS).getId());
        waitForEnd();
        assertEquals(List.of("start get_org GET /api/v1/orgs/{id} org=null", "send 1 GET true", "attempt 1 503 id=null retry=true",
                "send 2 GET true", "attempt 2 200 id=null retry=false", "end get_org 200 attempts=2"), recorder.events);
        assertEquals(List.of(Thread.currentThread().getName()), recorder.startThreads);
    }

    @Test
    void aCancelledAsyncCallEndsWithTheCancellation() throws Exception {
        enqueue(noResponse());
        CompletableFuture<OrganizationResponse> future = listened().orgs().async().get(ORG);
        server.takeRequest(5, TimeUnit.SECONDS);

        future.cancel(true);

        waitForEnd();
        assertInstanceOf(java.util.concurrent.CancellationException.class, recorder.outcomes.get(0).failure());
        assertEquals(1, recorder.outcomes.size());
    }

    @Test
    void autoPagingReportsEachPageAsAnOperation() {
        enqueue(json(orgPage(5, "o1", "o2")), json(orgPage(5, "o3", "o4")), json(orgPage(5, "o5")));

        long seen = listened().orgs().list(ListParams.builder().limit(2).build()).autoPaging().stream().count();

        assertEquals(5, seen);
        assertEquals(List.of("list_orgs", "list_orgs", "list_orgs"),
                recorder.outcomes.stream().map(outcome -> outcome.operation().operationId()).toList());
        assertEquals(List.of(origin() + "/api/v1/orgs?limit=2", origin() + "/api/v1/orgs?limit=2&offset=2",
                origin() + "/api/v1/orgs?limit=2&offset=4"),
                recorder.outcomes.stream().map(outcome -> outcome.operation().url()).toList());
        assertEquals(List.of("/api/v1/orgs"), recorder.outcomes.stream().map(o -> o.operation().urlTemplate()).distinct().toList());
    }

    @Test
    void callsThroughTheGeneratedServicesAreOperationsToo() throws IOException {
        enqueue(withId(json(404, "{}"), "g1"));

        int status = listened().generated().orgsApi().getOrgPermissions(ORG).execute().code();

        assertEquals(404, status);
        assertEquals(List.of("start get_org_permissions GET /api/v1/orgs/{id}/permissions org=null", "send 1 GET true",
                "attempt 1 404 id=g1 retry=false", "end get_org_permissions 404 attempts=1"), recorder.events);
        assertNull(recorder.outcomes.get(0).failure(), "the generated layer returns a 404, it does not throw");
    }

    @Test
    void aRawRequestHasNoOperationIdNorTemplate() {
        enqueue(json("{}"));

        listened().rawRequest("GET", "orgs/" + ORG + "/permissions", Map.of(), null, RequestOptions.NONE);

        assertEquals(List.of("start null GET null org=null", "send 1 GET true", "attempt 1 200 id=null retry=false", "end null 200 attempts=1"),
                recorder.events);
    }

    @Test
    void aListenerThatThrowsNeverFailsTheCall() {
        enqueue(json(org(ORG, "Acme")));
        OpenAppClient client = track(OpenAppClient.builder().apiKey(apiKey()).callListener(operation -> {
            throw new IllegalStateException("listener bug");
        }).build());

        assertEquals(ORG, client.orgs().get(ORG).getId());
    }

    @Test
    void listenerHeadersReachTheApiButCredentialsNeverReachTheListener() throws Exception {
        enqueue(json(org(ORG, "Acme")));
        List<Map<String, List<String>>> seen = new CopyOnWriteArrayList<>();
        OpenAppClient client = track(OpenAppClient.builder().apiKey(apiKey()).callListener(operation -> new CallListener.OperationListener() {
            @Override
            public void requestSending(CallListener.Request request) {
                seen.add(request.headers());
                request.setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            }
        }).build());

        client.orgs().get(ORG);

        assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", server.takeRequest().getHeader("traceparent"));
        assertEquals(List.of("██"), seen.get(0).get("X-API-Key"));
        assertTrue(seen.toString().indexOf(SECRET) < 0, seen.toString());
    }

    /** Every generated Retrofit method names an operation of the bundle, and every operation of the bundle is named once. */
    @Test
    @SuppressWarnings("unchecked")
    void everyBundleOperationIdReachesTheListenerFromTheGeneratedLayer() throws IOException {
        TreeSet<String> bundle = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(Path.of("openapi/orgs.yaml"))) {
            Map<String, Object> spec = new Yaml().load(reader);
            ((Map<String, Map<String, Object>>) spec.get("paths")).values().forEach(item -> item.values().forEach(operation -> {
                if (operation instanceof Map<?, ?> map && map.get("operationId") != null) {
                    bundle.add((String) map.get("operationId"));
                }
            }));
        }
        List<String> annotated = new ArrayList<>();
        for (Class<?> service : List.of(OrgsApi.class, MediaApi.class)) {
            for (Method method : service.getMethods()) {
                OperationId id = method.getAnnotation(OperationId.class);
                if (id != null) {
                    annotated.add(id.value());
                }
            }
        }
        Collections.sort(annotated);
        assertEquals(List.copyOf(bundle), annotated.stream().distinct().toList(), "every operation of the bundle, on each of its Retrofit methods");
    }

    private void waitForEnd() throws InterruptedException {
        for (int i = 0; i < 500 && recorder.outcomes.isEmpty(); i++) {
            Thread.sleep(10);
        }
    }
}
