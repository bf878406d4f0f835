package house.openapp.sdk.micrometer;

import house.openapp.sdk.CallListener;
import house.openapp.sdk.internal.CallEvents;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplySenderContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Micrometer Observation adapter, for Spring Boot 3 and other Micrometer users: a
 * {@link CallListener} that makes each operation one {@link Observation} named
 * {@value #NAME}, contextual name {@code OpenApp get_org}, whose handlers turn it into a timer
 * and (with Micrometer Tracing) a client span that is propagated to the API.
 *
 * <pre>{@code
 * OpenAppClient client = OpenAppClient.builder()
 *         .apiKey(key)
 *         .callListener(OpenAppObservation.create(observationRegistry))
 *         .build();
 * }</pre>
 *
 * <p>Low-cardinality keys (timer tags): {@code openapp.operation}, {@code http.request.method},
 * {@code url.template}, {@code server.address}, {@code http.response.status_code} and
 * {@code error.type} ({@code none} when absent, so every timer has the same tags). High-cardinality
 * keys: {@code url.full}, {@code openapp.org}, {@code openapp.request_id} and
 * {@code http.request.resend_count}. Each retried attempt adds an event
 * {@code openapp.retry}. The parent is the registry's current observation where the call is
 * made. The observation is a {@link RequestReplySenderContext} whose carrier collects the
 * headers a tracing handler injects; they are set on every request to the API's own origin, and
 * on no redirect to another. With a no-op registry the adapter does nothing.
 *
 * <p>This class needs {@code io.micrometer:micrometer-observation} on the classpath, which the
 * SDK declares optional. Immutable and thread-safe.
 */
public final class OpenAppObservation implements CallListener {
    /** The observation's name, and so the timer's. */
    public static final String NAME = "openapp.client.operation";

    private final ObservationRegistry registry;

    private OpenAppObservation(ObservationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Creates the adapter.
     *
     * @param registry the registry, such as Spring Boot's {@code ObservationRegistry} bean
     * @return the listener to pass to {@code OpenAppClient.Builder.callListener}
     */
    @SuppressWarnings("exports") // an optional dependency (requires static): an application that uses this adapter requires it itself
    public static OpenAppObservation create(ObservationRegistry registry) {
        return new OpenAppObservation(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public OperationListener operationStarted(Operation operation) {
        if (registry.isNoop()) {
            return OperationListener.NONE;
        }
        // its carrier collects the headers to propagate
        RequestReplySenderContext<Map<String, String>, Outcome> context = new RequestReplySenderContext<>((carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        });
        context.setCarrier(new LinkedHashMap<>());
        context.setRemoteServiceAddress(operation.serverAddress() + ":" + operation.serverPort());
        String id = operation.operationId();
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName("OpenApp " + (id != null ? id : operation.method()))
                .lowCardinalityKeyValue("openapp.operation", id != null ? id : "none")
                .lowCardinalityKeyValue("http.request.method", operation.method())
                .lowCardinalityKeyValue("url.template", operation.urlTemplate() != null ? operation.urlTemplate() : "none")
                .lowCardinalityKeyValue("server.address", operation.serverAddress())
                .highCardinalityKeyValue("url.full", operation.url());
        if (operation.org() != null) {
            observation.highCardinalityKeyValue("openapp.org", operation.org());
        }
        observation.start();
        return new Observed(observation, context);
    }

    @Override
    public String toString() {
        return "OpenAppObservation{" + NAME + "}";
    }

    /** The observation of one operation, and its context. */
    private record Observed(Observation observation, RequestReplySenderContext<Map<String, String>, Outcome> context)
            implements OperationListener {
        @Override
        public void requestSending(Request request) {
            if (request.toApiOrigin()) {
                context.getCarrier().forEach(request::setHeader);
            }
        }

        @Override
        public void attemptEnded(Attempt attempt) {
            if (attempt.willRetry()) {
                String why = attempt.statusCode() > 0 ? "HTTP " + attempt.statusCode() : String.valueOf(attempt.exception());
                observation.event(Observation.Event.of("openapp.retry", "attempt " + attempt.number() + " retried after " + why + " in "
                        + attempt.retryDelay().toMillis() + " ms"));
            }
        }

        @Override
        public void operationEnded(Outcome outcome) {
            context.setResponse(outcome);
            int status = outcome.statusCode();
            String errorType = Objects.requireNonNullElse(CallEvents.errorType(status, outcome.failure()), "none");
            observation.lowCardinalityKeyValues(KeyValues.of(
                    KeyValue.of("http.response.status_code", status > 0 ? Integer.toString(status) : "none"),
                    KeyValue.of("error.type", errorType)));
            if (outcome.requestId() != null) {
                observation.highCardinalityKeyValue("openapp.request_id", outcome.requestId());
            }
            if (outcome.attempts() > 1) {
                observation.highCardinalityKeyValue("http.request.resend_count", Integer.toString(outcome.attempts() - 1));
            }
            if (outcome.failure() != null) {
                observation.error(outcome.failure());
            }
            observation.stop();
        }
    }
}
