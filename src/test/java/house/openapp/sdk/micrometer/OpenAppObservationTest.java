package house.openapp.sdk.micrometer;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.errors.NotFoundException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Propagator;
import io.micrometer.observation.transport.SenderContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Micrometer Observation adapter: one observation per operation with its key values,
 * parent, retry events and error, and the headers a tracing handler injects on every request to
 * the API and on no redirect to another origin.
 */
class OpenAppObservationTest {
    private static final String ORG = "01HORG0000000000000000000A";
    private static final String ORG_JSON = "{\"id\":\"" + ORG + "\",\"name\":{\"value\":{\"en\":\"Acme\"}},\"user_roles\":{}}";
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    /** Records the observations, and injects a fixed trace header as a tracing handler would. */
    static final class Recording implements ObservationHandler<Observation.Context> {
        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void onStart(Observation.Context context) {
            if (context instanceof SenderContext<?> sender) {
                ((Propagator.Setter) sender.getSetter()).set(sender.getCarrier(), "traceparent", TRACEPARENT);
            }
        }

        @Override
        public void onEvent(Observation.Event event, Observation.Context context) {
            events.add(event.getName() + ": " + event.getContextualName());
        }

        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    private final Recording recording = new Recording();
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final List<OpenAppClient> clients = new ArrayList<>();
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        registry.observationConfig().observationHandler(recording);
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        clients.forEach(OpenAppClient::close);
        server.shutdown();
    }

    private OpenAppClient client(ObservationRegistry observations) {
        OpenAppClient client = OpenAppClient.builder().apiKey("http://127.0.0.1:" + server.getPort() + "_openapp_sk7Zq9SecretValueXw3")
                .sleeper(wait -> { }).callListener(OpenAppObservation.create(observations)).build();
        clients.add(client);
        return client;
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static Map<String, String> values(Iterable<KeyValue> keyValues) {
        Map<String, String> map = new TreeMap<>();
        keyValues.forEach(kv -> map.put(kv.getKey(), kv.getValue()));
        return map;
    }

    @Test
    @SuppressWarnings("try") // the scope is only opened and closed around the call
    void aRetriedGetIsOneObservationUnderTheCurrentOneAndItsHeadersReachEveryAttempt() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(200, ORG_JSON).setHeader("X-Request-Id", "r2"));
        OpenAppClient client = client(registry).withOrg("01HCTX");
        Observation parent = Observation.start("parent", registry);

        try (Observation.Scope ignored = parent.openScope()) {
            client.orgs().get(ORG);
        }
        parent.stop();

        Observation.Context context = recording.stopped.get(0);
        assertEquals(OpenAppObservation.NAME, context.getName());
        assertEquals("OpenApp get_org", context.getContextualName());
        assertSame(parent, context.getParentObservation());
        assertEquals(Map.of("openapp.operation", "get_org", "http.request.method", "GET", "url.template", "/api/v1/orgs/{id}",
                "server.address", "127.0.0.1", "http.response.status_code", "200", "error.type", "none"),
                values(context.getLowCardinalityKeyValues()));
        assertEquals(Map.of("url.full", "http://127.0.0.1:" + server.getPort() + "/api/v1/orgs/" + ORG, "openapp.org", "01HCTX",
                "openapp.request_id", "r2", "http.request.resend_count", "1"), values(context.getHighCardinalityKeyValues()));
        assertEquals(1, recording.events.size(), recording.events.toString());
        assertEquals(true, recording.events.get(0).startsWith("openapp.retry: attempt 1 retried after HTTP 503 in "), recording.events.toString());
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertEquals(TRACEPARENT, server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"), "attempt " + attempt);
        }
    }

    @Test
    void aNotFoundStopsTheObservationWithTheError() {
        server.enqueue(json(404, "{\"message\":\"no such org\",\"error_code\":\"not_found\"}"));

        assertThrows(NotFoundException.class, () -> client(registry).orgs().get(ORG));

        Observation.Context context = recording.stopped.get(0);
        assertInstanceOf(NotFoundException.class, context.getError());
        assertEquals("404", values(context.getLowCardinalityKeyValues()).get("error.type"));
        assertEquals("404", values(context.getLowCardinalityKeyValues()).get("http.response.status_code"));
    }

    @Test
    void theInjectedHeadersNeverFollowARedirectToAnotherOrigin() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
            elsewhere.enqueue(json(200, ORG_JSON));
            server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", elsewhere.url("/moved")));

            client(registry).orgs().get(ORG);

            assertEquals(TRACEPARENT, server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
            RecordedRequest redirected = elsewhere.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("/moved", redirected.getPath());
            assertNull(redirected.getHeader("traceparent"));
        }
    }

    @Test
    void aNoopRegistryObservesNothing() throws Exception {
        server.enqueue(json(200, ORG_JSON));

        client(ObservationRegistry.NOOP).orgs().get(ORG);

        assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
        assertEquals(List.of(), recording.stopped);
    }
}
