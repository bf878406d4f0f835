package house.openapp.sdk.otel;

import house.openapp.sdk.CallListener;
import house.openapp.sdk.internal.CallEvents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

import java.util.List;
import java.util.Objects;

/**
 * The OpenTelemetry adapter: a {@link CallListener} that gives each operation one
 * {@link SpanKind#CLIENT CLIENT} span, such as {@code OpenApp get_org}, with the stable HTTP
 * client semantic conventions, propagates its context to the API (W3C {@code traceparent} with
 * the default propagators) and records the {@code http.client.request.duration} histogram and a
 * retry counter.
 *
 * <pre>{@code
 * OpenAppClient client = OpenAppClient.builder()
 *         .apiKey(key)
 *         .callListener(OpenAppTelemetry.create(openTelemetry))
 *         .build();
 * }</pre>
 *
 * <p>The span's parent is the context current on the thread that makes the call (for
 * {@code ...Async} methods, the one that calls them); a page fetched by auto-paging is an
 * operation of its own, with the context current where the iteration asks for it. Span
 * attributes: {@code http.request.method}, {@code server.address}, {@code server.port},
 * {@code url.full}, {@code url.template}, {@code http.response.status_code},
 * {@code error.type}, {@code http.request.resend_count} (set when an attempt is a resend),
 * {@code openapp.operation}, {@code openapp.request_id} (the last response's
 * {@code X-Request-Id}) and {@code openapp.org} (the org context); each attempt adds a span event
 * {@code openapp.attempt}. The trace context is only ever sent to the API's own origin, never on
 * a redirect to another. Metrics, one point per attempt:
 * {@code http.client.request.duration} (seconds) and {@code openapp.client.request.retries}
 * (attempts that were retried), both with {@code http.request.method}, {@code server.address},
 * {@code server.port}, {@code url.template}, {@code openapp.operation},
 * {@code http.response.status_code} and {@code error.type}.
 *
 * <p>This class needs {@code io.opentelemetry:opentelemetry-api} on the classpath, which the
 * SDK declares optional: add it (or the OpenTelemetry BOM) to use this adapter; nothing else in
 * the SDK needs it. Immutable and thread-safe.
 */
public final class OpenAppTelemetry implements CallListener {
    /** The instrumentation scope name of the tracer and meter. */
    public static final String INSTRUMENTATION_NAME = "house.openapp.sdk";

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> OPENAPP_OPERATION = AttributeKey.stringKey("openapp.operation");
    static final AttributeKey<String> OPENAPP_REQUEST_ID = AttributeKey.stringKey("openapp.request_id");
    static final AttributeKey<String> OPENAPP_ORG = AttributeKey.stringKey("openapp.org");
    static final AttributeKey<Long> OPENAPP_ATTEMPT = AttributeKey.longKey("openapp.attempt");
    static final AttributeKey<Long> OPENAPP_RETRY_DELAY_MS = AttributeKey.longKey("openapp.retry.delay_ms");

    /** The semantic conventions' advice for {@code http.client.request.duration}, in seconds. */
    private static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0,
            7.5, 10.0);
    private static final TextMapSetter<Request> SETTER = (request, name, value) -> {
        if (request != null) {
            request.setHeader(name, value);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final DoubleHistogram duration;
    private final LongCounter retries;
    /** Over {@link OpenTelemetry#noop()}: nothing is recorded or propagated, so the client installs no listener. */
    private final boolean switchedOff;

    private OpenAppTelemetry(OpenTelemetry openTelemetry) {
        this.switchedOff = openTelemetry == OpenTelemetry.noop();
        String version = OpenAppTelemetry.class.getPackage().getImplementationVersion();
        this.tracer = version == null ? openTelemetry.getTracer(INSTRUMENTATION_NAME) : openTelemetry.getTracer(INSTRUMENTATION_NAME, version);
        Meter meter = version == null ? openTelemetry.getMeter(INSTRUMENTATION_NAME)
                : openTelemetry.meterBuilder(INSTRUMENTATION_NAME).setInstrumentationVersion(version).build();
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.duration = meter.histogramBuilder("http.client.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP client requests.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.retries = meter.counterBuilder("openapp.client.request.retries")
                .setUnit("{retry}")
                .setDescription("HTTP attempts of the OpenApp client that were retried.")
                .build();
    }

    /**
     * Creates the adapter.
     *
     * @param openTelemetry where spans, metrics and propagators come from, such as
     *     {@code GlobalOpenTelemetry.get()} or an SDK built by the application
     * @return the listener to pass to {@code OpenAppClient.Builder.callListener}
     */
    @SuppressWarnings("exports") // an optional dependency (requires static): an application that uses this adapter requires it itself
    public static OpenAppTelemetry create(OpenTelemetry openTelemetry) {
        return new OpenAppTelemetry(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    /**
     * Whether this adapter is over {@link OpenTelemetry#noop()}, which records and propagates
     * nothing: a client given it installs no listener, so switching OpenTelemetry off this way
     * costs nothing per call.
     *
     * @return true over {@code OpenTelemetry.noop()}
     */
    @Override
    public boolean isNoop() {
        return switchedOff;
    }

    @Override
    public OperationListener operationStarted(Operation operation) {
        Context parent = Context.current();
        String id = operation.operationId();
        // the attributes the span and each attempt's metric points share
        AttributesBuilder common = Attributes.builder()
                .put(HTTP_REQUEST_METHOD, operation.method())
                .put(SERVER_ADDRESS, operation.serverAddress())
                .put(SERVER_PORT, (long) operation.serverPort());
        if (operation.urlTemplate() != null) {
            common.put(URL_TEMPLATE, operation.urlTemplate());
        }
        if (id != null) {
            common.put(OPENAPP_OPERATION, id);
        }
        Attributes metric = common.build();
        SpanBuilder builder = tracer.spanBuilder("OpenApp " + (id != null ? id : operation.method()))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAllAttributes(metric)
                .setAttribute(URL_FULL, operation.url());
        if (operation.org() != null) {
            builder.setAttribute(OPENAPP_ORG, operation.org());
        }
        Span span = builder.startSpan();
        return new Traced(metric, span, parent.with(span));
    }

    @Override
    public String toString() {
        return "OpenAppTelemetry{" + INSTRUMENTATION_NAME + "}";
    }

    /** The span of one operation, and the metrics of its attempts. */
    private final class Traced implements OperationListener {
        private final Attributes metric;
        private final Span span;
        private final Context context;

        Traced(Attributes metric, Span span, Context context) {
            this.metric = metric;
            this.span = span;
            this.context = context;
        }

        @Override
        public void requestSending(Request request) {
            if (request.toApiOrigin()) {
                propagator.inject(context, request, SETTER);
            }
        }

        @Override
        public void attemptEnded(Attempt attempt) {
            String errorType = CallEvents.errorType(attempt.statusCode(), attempt.exception());
            AttributesBuilder point = metric.toBuilder();
            if (attempt.statusCode() > 0) {
                point.put(HTTP_RESPONSE_STATUS_CODE, (long) attempt.statusCode());
            }
            if (errorType != null) {
                point.put(ERROR_TYPE, errorType);
            }
            Attributes attributes = point.build();
            duration.record(attempt.duration().toNanos() / 1e9, attributes, context);
            if (attempt.willRetry()) {
                retries.add(1, attributes, context);
            }

            AttributesBuilder event = Attributes.builder().put(OPENAPP_ATTEMPT, (long) attempt.number());
            if (attempt.number() > 1) {
                span.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) attempt.number() - 1);
                event.put(HTTP_REQUEST_RESEND_COUNT, (long) attempt.number() - 1);
            }
            if (attempt.statusCode() > 0) {
                event.put(HTTP_RESPONSE_STATUS_CODE, (long) attempt.statusCode());
            }
            if (errorType != null) {
                event.put(ERROR_TYPE, errorType);
            }
            if (attempt.requestId() != null) {
                event.put(OPENAPP_REQUEST_ID, attempt.requestId());
            }
            if (attempt.willRetry()) {
                event.put(OPENAPP_RETRY_DELAY_MS, attempt.retryDelay().toMillis());
            }
            span.addEvent("openapp.attempt", event.build());
        }

        @Override
        public void operationEnded(Outcome outcome) {
            if (outcome.statusCode() > 0) {
                span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) outcome.statusCode());
            }
            if (outcome.requestId() != null) {
                span.setAttribute(OPENAPP_REQUEST_ID, outcome.requestId());
            }
            String errorType = CallEvents.errorType(outcome.statusCode(), outcome.failure());
            if (errorType != null) {
                span.setAttribute(ERROR_TYPE, errorType);
                span.setStatus(StatusCode.ERROR);
            }
            if (outcome.failure() != null) {
                span.recordException(outcome.failure());
            }
            span.end();
        }
    }
}
