package house.openapp.sdk.bench;

import house.openapp.sdk.CallListener;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.micrometer.OpenAppObservation;
import house.openapp.sdk.otel.OpenAppTelemetry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import java.util.List;

/**
 * The clients of the observability overhead measurement ({@link ObservabilityBenchmark},
 * {@link ObservabilityOverhead}): the same façade with no listener, with a listener that
 * ignores everything, with the OpenTelemetry adapter over a no-op OpenTelemetry and over the
 * real SDK exporting to memory, and with the Micrometer adapter over a registry with one
 * handler.
 */
final class Observed implements AutoCloseable {
    /** The variants, in the order of the table. */
    static final List<String> VARIANTS = List.of("no listener", "no listener (control)", "listener that ignores everything",
            "OpenTelemetry adapter, no-op OpenTelemetry", "OpenTelemetry adapter, in-memory SDK", "Micrometer adapter, one handler");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    final OpenAppClient none;
    final OpenAppClient control;
    final OpenAppClient ignoring;
    final OpenAppClient otelNoop;
    final OpenAppClient otelSdk;
    final OpenAppClient micrometer;

    Observed(String apiRoot) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        none = Clients.facade(apiRoot);
        control = Clients.facade(apiRoot);
        ignoring = client(apiRoot, operation -> CallListener.OperationListener.NONE);
        otelNoop = client(apiRoot, OpenAppTelemetry.create(OpenTelemetry.noop()));
        otelSdk = client(apiRoot, OpenAppTelemetry.create(sdk));
        micrometer = client(apiRoot, OpenAppObservation.create(registry));
    }

    private static OpenAppClient client(String apiRoot, CallListener listener) {
        return OpenAppClient.builder().apiKey(Clients.API_KEY).baseUrl(apiRoot).callListener(listener).build();
    }

    /** The client of a variant of {@link #VARIANTS}. */
    OpenAppClient client(String variant) {
        return List.of(none, control, ignoring, otelNoop, otelSdk, micrometer).get(VARIANTS.indexOf(variant));
    }

    /** Drops the exported spans, so that memory stays flat over a long run. */
    void dropSpans() {
        spans.reset();
    }

    @Override
    public void close() {
        List.of(none, control, ignoring, otelNoop, otelSdk, micrometer).forEach(OpenAppClient::close);
        sdk.close();
    }
}
