package house.openapp.sdk.otel;

import house.openapp.sdk.ListParams;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.OpenAppConnectionException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenTelemetry adapter against the in-memory SDK: the exact spans (one CLIENT span per
 * operation), their attributes and parents, the {@code traceparent} each request carries on the
 * wire (and a cross-origin redirect does not), and the duration and retry metrics; for sync,
 * async, paging, the generated layer and failures.
 */
class OpenAppTelemetryTest {
    private static final String ORG = "01HORG0000000000000000000A";
    private static final String ORG_JSON = "{\"id\":\"" + ORG + "\",\"name\":{\"value\":{\"en\":\"Acme\"}},\"user_roles\":{}}";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final Tracer tracer = openTelemetry.getTracer("test");
    private final List<OpenAppClient> clients = new ArrayList<>();
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        clients.forEach(OpenAppClient::close);
        server.shutdown();
        openTelemetry.close();
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private String apiKey() {
        return origin() + "_openapp_sk7Zq9SecretValueXw3";
    }

    private OpenAppClient client() {
        return client(OpenAppTelemetry.create(openTelemetry));
    }

    private OpenAppClient client(OpenAppTelemetry telemetry) {
        OpenAppClient client = OpenAppClient.builder().apiKey(apiKey()).sleeper(wait -> { }).callListener(telemetry).build();
        clients.add(client);
        return client;
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String page(int total, String... ids) {
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            items.append(items.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"name\":{\"value\":{\"en\":\"x\"}},\"user_roles\":{}}");
        }
        return "{\"items\":[" + items + "],\"total\":" + total + "}";
    }

    /** Runs {@code call} under a parent span and returns that span's data. */
    @SuppressWarnings("try") // the scope is only opened and closed around the call
    private <T> SpanData underParent(Supplier<T> call) {
        Span parent = tracer.spanBuilder("parent").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            call.get();
        } catch (RuntimeException e) {
            // asserted by the caller through the span
        } finally {
            parent.end();
        }
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals("parent")).findFirst().orElseThrow();
    }

    private List<SpanData> operationSpans() {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().startsWith("OpenApp "))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    private Attributes expectedStart(String method, String path, String template, String operationId) {
        return Attributes.builder()
                .put(OpenAppTelemetry.HTTP_REQUEST_METHOD, method)
                .put(OpenAppTelemetry.SERVER_ADDRESS, "127.0.0.1")
                .put(OpenAppTelemetry.SERVER_PORT, (long) server.getPort())
                .put(OpenAppTelemetry.URL_FULL, origin() + path)
                .put(OpenAppTelemetry.URL_TEMPLATE, template)
                .put(OpenAppTelemetry.OPENAPP_OPERATION, operationId)
                .build();
    }

    private Attributes metricAttributes(String method, String template, String operationId, int status, String errorType) {
        var builder = Attributes.builder()
                .put(OpenAppTelemetry.HTTP_REQUEST_METHOD, method)
                .put(OpenAppTelemetry.SERVER_ADDRESS, "127.0.0.1")
                .put(OpenAppTelemetry.SERVER_PORT, (long) server.getPort())
                .put(OpenAppTelemetry.URL_TEMPLATE, template)
                .put(OpenAppTelemetry.OPENAPP_OPERATION, operationId);
        if (status > 0) {
            builder.put(OpenAppTelemetry.HTTP_RESPONSE_STATUS_CODE, (long) status);
        }
        if (errorType != null) {
            builder.put(OpenAppTelemetry.ERROR_TYPE, errorType);
        }
        return builder.build();
    }

    private MetricData metric(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private Map<Attributes, Long> durationCounts() {
        MetricData duration = metric("http.client.request.duration");
        assertEquals("s", duration.getUnit());
        Map<Attributes, Long> counts = new java.util.HashMap<>();
        for (HistogramPointData point : duration.getHistogramData().getPoints()) {
            counts.put(point.getAttributes(), point.getCount());
        }
        return counts;
    }

    @Test
    void aRetriedGetIsOneClientSpanUnderTheCallersSpanAndEveryAttemptCarriesItsContext() throws Exception {
        server.enqueue(json(503, "{}").setHeader("X-Request-Id", "r1"));
        server.enqueue(json(200, ORG_JSON).setHeader("X-Request-Id", "r2"));
        OpenAppClient client = client().withOrg("01HCTX");

        SpanData parent = underParent(() -> client.orgs().get(ORG));

        List<SpanData> operations = operationSpans();
        assertEquals(1, operations.size(), operations.toString());
        SpanData span = operations.get(0);
        assertEquals("OpenApp get_org", span.getName());
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals(parent.getSpanId(), span.getParentSpanId());
        assertEquals(parent.getTraceId(), span.getTraceId());
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertEquals(expectedStart("GET", "/api/v1/orgs/" + ORG, "/api/v1/orgs/{id}", "get_org").toBuilder()
                .put(OpenAppTelemetry.OPENAPP_ORG, "01HCTX")
                .put(OpenAppTelemetry.HTTP_REQUEST_RESEND_COUNT, 1L)
                .put(OpenAppTelemetry.HTTP_RESPONSE_STATUS_CODE, 200L)
                .put(OpenAppTelemetry.OPENAPP_REQUEST_ID, "r2")
                .build().asMap(), span.getAttributes().asMap());
        List<EventData> events = span.getEvents();
        assertEquals(List.of("openapp.attempt", "openapp.attempt"), events.stream().map(EventData::getName).toList());
        assertEquals(Map.of(OpenAppTelemetry.OPENAPP_ATTEMPT, 1L, OpenAppTelemetry.HTTP_RESPONSE_STATUS_CODE, 503L,
                OpenAppTelemetry.ERROR_TYPE, "503", OpenAppTelemetry.OPENAPP_REQUEST_ID, "r1", OpenAppTelemetry.OPENAPP_RETRY_DELAY_MS,
                events.get(0).getAttributes().get(OpenAppTelemetry.OPENAPP_RETRY_DELAY_MS)), events.get(0).getAttributes().asMap());
        assertEquals(Map.of(OpenAppTelemetry.OPENAPP_ATTEMPT, 2L, OpenAppTelemetry.HTTP_REQUEST_RESEND_COUNT, 1L,
                OpenAppTelemetry.HTTP_RESPONSE_STATUS_CODE, 200L, OpenAppTelemetry.OPENAPP_REQUEST_ID, "r2"),
                events.get(1).getAttributes().asMap());
        for (int attempt = 1; attempt <= 2; attempt++) {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertEquals(traceparent(span), request.getHeader("traceparent"), "attempt " + attempt);
        }

        Attributes failed = metricAttributes("GET", "/api/v1/orgs/{id}", "get_org", 503, "503");
        Attributes succeeded = metricAttributes("GET", "/api/v1/orgs/{id}", "get_org", 200, null);
        assertEquals(Map.of(failed, 1L, succeeded, 1L), durationCounts());
        List<LongPointData> retries = List.copyOf(metric("openapp.client.request.retries").getLongSumData().getPoints());
        assertEquals(1, retries.size());
        assertEquals(failed, retries.get(0).getAttributes());
        assertEquals(1L, retries.get(0).getValue());
    }

    @Test
    void anAsyncCallIsAChildOfTheSpanCurrentWhereItWasMade() throws Exception {
        server.enqueue(json(200, ORG_JSON));
        OpenAppClient client = client();

        SpanData parent = underParent(() -> client.orgs().async().get(ORG).join());

        SpanData span = operationSpans().get(0);
        assertEquals("OpenApp get_org", span.getName());
        assertEquals(parent.getSpanId(), span.getParentSpanId());
        assertEquals(expectedStart("GET", "/api/v1/orgs/" + ORG, "/api/v1/orgs/{id}", "get_org").toBuilder()
                .put(OpenAppTelemetry.HTTP_RESPONSE_STATUS_CODE, 200L).build().asMap(), span.getAttributes().asMap());
        assertEquals(traceparent(span), server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
    }

    @Test
    void everyAutoPagedPageIsASpanOfItsOwnUnderTheCaller() throws Exception {
        server.enqueue(json(200, page(3, "o1")));
        server.enqueue(json(200, page(3, "o2")));
        server.enqueue(json(200, page(3, "o3")));
        OpenAppClient client = client();

        SpanData parent = underParent(() -> client.orgs().list(ListParams.builder().limit(1).build()).autoPaging().stream().count());

        List<SpanData> pages = operationSpans();
        assertEquals(List.of("OpenApp list_orgs", "OpenApp list_orgs", "OpenApp list_orgs"), pages.stream().map(SpanData::getName).toList());
        List<String> paths = List.of("/api/v1/orgs?limit=1", "/api/v1/orgs?limit=1&offset=1", "/api/v1/orgs?limit=1&offset=2");
        for (int i = 0; i < 3; i++) {
            SpanData page = pages.get(i);
            assertEquals(parent.getSpanId(), page.getParentSpanId());
            assertEquals(expectedStart("GET", paths.get(i), "/api/v1/orgs", "list_orgs").toBuilder()
                    .put(OpenAppTelemetry.HTTP_RESPONSE_STATUS_CODE, 200L).build().asMap(), page.getAttributes().asMap());
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertEquals(paths.get(i), request.getPath());
            assertEquals(traceparent(page), request.getHeader("traceparent"));
        }
        assertEquals(Map.of(metricAttributes("GET", "/api/v1/orgs", "list_orgs", 200, null), 3L), durationCounts());
    }

    @Test
    void aNotFoundIsAnErrorSpanWithItsStatusAsErrorTypeAndTheException() throws Exception {
        server.enqueue(json(404, "{\"message\":\"no such org\",\"error_code\":\"not_found\"}").setHeader("X-Request-Id", "r404"));
        OpenAppClient client = client();

        assertThrows(NotFoundException.class, () -> client.orgs().get(ORG));

        SpanData span = operationSpans().get(0);
        assertNull(span.getParentSpanContext().isValid() ? span.getParentSpanId() : null, "no parent: a root span");
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals(expectedStart("GET", "/api/v1/orgs/" + ORG, "/api/v1/orgs/{id}", "get_org").toBuilder()
                .put(OpenAppTelemetry.HTTP_RESPONSE_STATUS_CODE, 404L)
                .put(OpenAppTelemetry.OPENAPP_REQUEST_ID, "r404")
                .put(OpenAppTelemetry.ERROR_TYPE, "404")
                .build().asMap(), span.getAttributes().asMap());
        assertEquals(List.of("openapp.attempt", "exception"), span.getEvents().stream().map(EventData::getName).toList());
        assertEquals(NotFoundException.class.getName(), span.getEvents().get(1).getAttributes().get(AttributeKey.stringKey("exception.type")));
        assertEquals(traceparent(span), server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
        assertEquals(Map.of(metricAttributes("GET", "/api/v1/orgs/{id}", "get_org", 404, "404"), 1L), durationCounts());
    }

    @Test
    void aLostConnectionIsAnErrorSpanTypedByTheExceptionAndAPostIsNotRetried() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        OpenAppClient client = client();

        SpanData parent = underParent(() -> client.orgs().create("Field Office"));

        SpanData span = operationSpans().get(0);
        assertEquals("OpenApp create_org", span.getName());
        assertEquals(parent.getSpanId(), span.getParentSpanId());
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals(expectedStart("POST", "/api/v1/orgs", "/api/v1/orgs", "create_org").toBuilder()
                .put(OpenAppTelemetry.ERROR_TYPE, OpenAppConnectionException.class.getName())
                .build().asMap(), span.getAttributes().asMap());
        EventData attempt = span.getEvents().get(0);
        String ioType = attempt.getAttributes().get(OpenAppTelemetry.ERROR_TYPE);
        assertEquals(Map.of(OpenAppTelemetry.OPENAPP_ATTEMPT, 1L, OpenAppTelemetry.ERROR_TYPE, ioType), attempt.getAttributes().asMap());
        assertEquals(true, IOException.class.isAssignableFrom(Class.forName(ioType)), ioType);
        assertEquals(traceparent(span), server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
        assertEquals(Map.of(metricAttributes("POST", "/api/v1/orgs", "create_org", 0, ioType), 1L), durationCounts());
        assertEquals(List.of(), metrics.collectAllMetrics().stream().filter(m -> m.getName().equals("openapp.client.request.retries"))
                .flatMap(m -> m.getLongSumData().getPoints().stream()).filter(p -> p.getValue() > 0).toList());
    }

    @Test
    void theTraceContextNeverFollowsARedirectToAnotherOrigin() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
            elsewhere.enqueue(json(200, ORG_JSON));
            server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", elsewhere.url("/moved/" + ORG)));
            OpenAppClient client = client();

            underParent(() -> client.orgs().get(ORG));

            SpanData span = operationSpans().get(0);
            assertEquals(traceparent(span), server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
            RecordedRequest redirected = elsewhere.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("/moved/" + ORG, redirected.getPath());
            assertNull(redirected.getHeader("traceparent"), "the trace context went to another origin");
            assertNull(redirected.getHeader("tracestate"));
        }
    }

    @Test
    void aCallThroughTheGeneratedLayerIsASpanToo() throws Exception {
        server.enqueue(json(200, "{\"permissions\":[]}"));
        OpenAppClient client = client();

        SpanData parent = underParent(() -> {
            try {
                return client.generated().orgsApi().getOrgPermissions(ORG).execute().code();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        SpanData span = operationSpans().get(0);
        assertEquals("OpenApp get_org_permissions", span.getName());
        assertEquals(parent.getSpanId(), span.getParentSpanId());
        assertEquals(traceparent(span), server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
    }

    @Test
    void aNoopOpenTelemetrySendsNoTraceContextAndRecordsNothing() throws Exception {
        server.enqueue(json(200, ORG_JSON));
        OpenAppClient client = client(OpenAppTelemetry.create(OpenTelemetry.noop()));

        OrganizationResponse org = client.orgs().get(ORG);

        assertEquals(ORG, org.getId());
        assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeader("traceparent"));
        assertEquals(List.of(), spans.getFinishedSpanItems());
    }

    @Test
    void overANoopOpenTelemetryTheClientInstallsNoListenerButOverAnyOtherItDoes() {
        assertTrue(OpenAppTelemetry.create(OpenTelemetry.noop()).isNoop());
        assertNull(house.openapp.sdk.internal.CallEvents.active(OpenAppTelemetry.create(OpenTelemetry.noop())));
        OpenAppTelemetry propagating = OpenAppTelemetry.create(OpenTelemetry.propagating(
                io.opentelemetry.context.propagation.ContextPropagators.create(
                        io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance())));
        assertSame(propagating, house.openapp.sdk.internal.CallEvents.active(propagating)); // it forwards a parent's traceparent
        OpenAppTelemetry recording = OpenAppTelemetry.create(openTelemetry);
        assertSame(recording, house.openapp.sdk.internal.CallEvents.active(recording));
    }

    @Test
    void theReadmeSnippetTracesACall() throws Exception {
        server.enqueue(json(200, ORG_JSON));
        String apiKey = apiKey();
        OpenTelemetry openTelemetry = this.openTelemetry;
        // snippet:tracing
        OpenAppClient client = OpenAppClient.builder()
                .apiKey(apiKey)
                .callListener(OpenAppTelemetry.create(openTelemetry)) // spans, metrics, traceparent
                .build();
        // end-snippet
        clients.add(client);

        client.orgs().get(ORG);

        assertEquals(List.of("OpenApp get_org"), operationSpans().stream().map(SpanData::getName).toList());
    }
}
