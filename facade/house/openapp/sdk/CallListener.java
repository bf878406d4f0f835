package house.openapp.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one hook that observes every call a client makes: each operation (named by its
 * {@code operationId} in the bundle, such as {@code get_org}), each HTTP attempt of it with its
 * retry decision, and its final outcome. Set it with {@link OpenAppClient.Builder#callListener};
 * the HTTP log ({@link OpenAppClient.Builder#logging(boolean)}) and the OpenTelemetry and
 * Micrometer adapters ({@code house.openapp.sdk.otel.OpenAppTelemetry},
 * {@code house.openapp.sdk.micrometer.OpenAppObservation}) are listeners on it.
 *
 * <pre>{@code
 * OpenAppClient client = OpenAppClient.builder().apiKey(key)
 *         .callListener(operation -> new CallListener.OperationListener() {
 *             @Override
 *             public void operationEnded(CallListener.Outcome outcome) {
 *                 System.out.println(operation.operationId() + " took " + outcome.duration());
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>Every façade call is an operation, and so is every call made through
 * {@link OpenAppClient#generated()} and {@link OpenAppClient#rawRequest}; auto-paging makes one
 * operation per page it fetches. {@link #operationStarted} runs on the thread that starts the
 * operation (so a listener can read that thread's tracing context), before any attempt; the
 * methods of the {@link OperationListener} it returns may run on OkHttp's threads, one after the
 * other, never concurrently for one operation. A listener must be thread-safe across operations
 * and should be quick; an exception it throws is logged and otherwise ignored, never failing the
 * call. Without a listener the client creates no event at all.
 */
@FunctionalInterface
public interface CallListener {
    /**
     * Called once per operation, on the thread that starts it, before its first attempt.
     *
     * @param operation what is about to be called
     * @return the listener of this operation's requests, attempts and outcome; may be
     *     {@link OperationListener#NONE}
     */
    OperationListener operationStarted(Operation operation);

    /**
     * Whether this listener ignores every operation for as long as a client uses it, such as an
     * adapter over a backend that is switched off: a client built with such a listener installs
     * none, so that switching observability off costs nothing per call. Read once, when the client
     * is built.
     *
     * @return true if a client may leave this listener out; {@code false} unless overridden
     */
    default boolean isNoop() {
        return false;
    }

    /**
     * One operation about to be called: what the bundle calls it and where it goes.
     */
    interface Operation {
        /**
         * The {@code operationId} of the bundle, such as {@code get_org}.
         *
         * @return the operation id, or {@code null} for {@link OpenAppClient#rawRequest}, which no
         *     bundle operation describes
         */
        String operationId();

        /**
         * The HTTP method.
         *
         * @return such as {@code GET}
         */
        String method();

        /**
         * The absolute path template of the operation, such as {@code /api/v1/orgs/{id}}: low in
         * cardinality, fit for a metric attribute.
         *
         * @return the template, or {@code null} for {@link OpenAppClient#rawRequest}
         */
        String urlTemplate();

        /**
         * The full URL of the first attempt, query included.
         *
         * @return the URL
         */
        String url();

        /**
         * The host the request goes to.
         *
         * @return the host name or address
         */
        String serverAddress();

        /**
         * The port the request goes to.
         *
         * @return the port
         */
        int serverPort();

        /**
         * The org context of the request ({@code X-Org}).
         *
         * @return the org id, or {@code null} when the request has none
         */
        String org();
    }

    /**
     * Listens to one operation; returned by {@link CallListener#operationStarted}. Every method
     * does nothing by default.
     */
    interface OperationListener {
        /** The listener that ignores everything. */
        OperationListener NONE = new OperationListener() {
        };

        /**
         * Called as each request is written to the network: once per attempt, and again for each
         * redirect that is followed.
         *
         * @param request the request, which can still take headers (on the API's own origin only)
         */
        default void requestSending(Request request) {
        }

        /**
         * Called when an attempt is over: it got a response or failed, and the client decided
         * whether to retry.
         *
         * @param attempt what happened
         */
        default void attemptEnded(Attempt attempt) {
        }

        /**
         * Called once when the operation is over: it returned, threw, or (async) was cancelled.
         *
         * @param outcome what the caller got
         */
        default void operationEnded(Outcome outcome) {
        }
    }

    /**
     * A request as it is written to the network, credentials already in place.
     */
    interface Request {
        /**
         * Which attempt of the operation this is.
         *
         * @return 1 for the first
         */
        int attempt();

        /**
         * The HTTP method.
         *
         * @return such as {@code GET}
         */
        String method();

        /**
         * The full URL.
         *
         * @return the URL
         */
        String url();

        /**
         * Whether it goes to the API's own origin (scheme, host and port), as opposed to a
         * redirect that leads elsewhere.
         *
         * @return true for the API's origin
         */
        boolean toApiOrigin();

        /**
         * The headers as sent, with the values of credential headers ({@code X-API-Key},
         * {@code Authorization}, {@code X-OpenApp-Confirm}, cookies) replaced by {@code ██}.
         *
         * @return header name to values, in wire order
         */
        Map<String, List<String>> headers();

        /**
         * Sets a header on this request, such as a trace context's {@code traceparent}. On a
         * request to another origin it does nothing: a trace context never follows a redirect
         * off the API's origin.
         *
         * @param name the header name
         * @param value its value
         */
        void setHeader(String name, String value);
    }

    /**
     * One HTTP attempt that is over.
     */
    interface Attempt {
        /**
         * The operation it belongs to.
         *
         * @return the operation
         */
        Operation operation();

        /**
         * Which attempt this was.
         *
         * @return 1 for the first; {@code number() - 1} is the resend count
         */
        int number();

        /**
         * The HTTP status of the response.
         *
         * @return the status, or 0 when the attempt got no response
         */
        int statusCode();

        /**
         * The server's {@code X-Request-Id}.
         *
         * @return the id, or {@code null} when absent
         */
        String requestId();

        /**
         * The size of the request body.
         *
         * @return bytes, 0 without a body, or -1 when not known in advance
         */
        long requestBytes();

        /**
         * The size of the response body as received.
         *
         * @return bytes, or -1 when the attempt got no response
         */
        long responseBytes();

        /**
         * How long the attempt took, from its start to its whole body read or its failure.
         *
         * @return the duration
         */
        Duration duration();

        /**
         * Whether the client will retry after this attempt.
         *
         * @return true when another attempt follows
         */
        boolean willRetry();

        /**
         * How long the client waits before the next attempt.
         *
         * @return the delay, {@link Duration#ZERO} when none follows
         */
        Duration retryDelay();

        /**
         * Why the attempt failed without a response.
         *
         * @return the exception, or {@code null} when there was a response
         */
        IOException exception();

        /**
         * The response headers, with cookies replaced by {@code ██}.
         *
         * @return header name to values, empty when the attempt got no response
         */
        Map<String, List<String>> responseHeaders();
    }

    /**
     * What an operation came to.
     */
    interface Outcome {
        /**
         * The operation.
         *
         * @return the operation
         */
        Operation operation();

        /**
         * How many attempts were made.
         *
         * @return the count, 0 if none started
         */
        int attempts();

        /**
         * The HTTP status of the last response.
         *
         * @return the status, or 0 when no attempt got a response
         */
        int statusCode();

        /**
         * The {@code X-Request-Id} of the last response.
         *
         * @return the id, or {@code null}
         */
        String requestId();

        /**
         * How long the operation took, retries and waits included.
         *
         * @return the duration
         */
        Duration duration();

        /**
         * What the caller got instead of a value: the SDK's exception (such as
         * {@link house.openapp.sdk.errors.NotFoundException}), an {@link IOException} for a call
         * through {@link OpenAppClient#generated()}, or a
         * {@link java.util.concurrent.CancellationException} for a cancelled future.
         *
         * @return the failure, or {@code null} on success
         */
        Throwable failure();
    }
}
