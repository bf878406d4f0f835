package house.openapp.sdk.internal;

import house.openapp.sdk.CallListener;
import house.openapp.sdk.generated.OperationId;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import retrofit2.Invocation;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events of one operation for the client's {@link CallListener}, carried from the façade
 * through the interceptors as a request tag: the operation's start, each attempt (from
 * {@link RetryInterceptor}), each request written to the network, and the outcome. A client
 * without a listener creates none, and every hook here is a null check then. Internal: not
 * part of the SDK's API.
 */
public final class CallEvents implements CallListener.Operation, CallListener.Outcome {
    private static final System.Logger LOG = System.getLogger(HttpLogger.LOGGER_NAME);
    /** Response headers hidden from listeners, besides the request's {@link HttpLogger#REDACTED}. */
    private static final Set<String> REDACTED_RESPONSE = Set.of("set-cookie");

    private final String operationId;
    private final String method;
    private final String urlTemplate;
    private final String url;
    private final String serverAddress;
    private final int serverPort;
    private final String org;
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private CallListener.OperationListener listener;

    // the current attempt; written and read by one thread at a time, in order (OkHttp's call)
    private volatile int attempt;
    private volatile long attemptStartNanos;
    private volatile long requestBytes;
    private volatile Response response;
    private volatile IOException exception;
    private volatile boolean pending;
    // the outcome
    private volatile int lastStatus;
    private volatile String lastRequestId;
    private volatile long durationNanos;
    private volatile Throwable failure;

    private CallEvents(String operationId, String urlTemplate, Request request) {
        HttpUrl httpUrl = request.url();
        this.operationId = operationId;
        this.method = request.method();
        this.urlTemplate = urlTemplate;
        this.url = httpUrl.toString();
        this.serverAddress = httpUrl.host();
        this.serverPort = httpUrl.port();
        this.org = request.header("X-Org");
        this.startNanos = System.nanoTime();
    }

    /**
     * The events of a request's operation.
     *
     * @param request a request
     * @return its events, or {@code null} when the client has no listener
     */
    public static CallEvents of(Request request) {
        return request.tag(CallEvents.class);
    }

    /**
     * Ends an operation: reports its last attempt, then its outcome, once.
     *
     * @param events the operation's events, or {@code null} (then nothing happens)
     * @param failure what the caller gets instead of a value, or {@code null} on success
     */
    public static void end(CallEvents events, Throwable failure) {
        if (events == null || !events.ended.compareAndSet(false, true)) {
            return;
        }
        events.attemptsOver();
        events.failure = failure;
        events.durationNanos = System.nanoTime() - events.startNanos;
        try {
            events.listener.operationEnded(events);
        } catch (RuntimeException e) {
            complain(e);
        }
    }

    /**
     * The listener a client installs for {@code listener}: none for one that says it ignores
     * everything ({@link CallListener#isNoop()}).
     *
     * @param listener the configured listener, or {@code null}
     * @return {@code listener}, or {@code null} when it would record nothing
     */
    public static CallListener active(CallListener listener) {
        return listener != null && listener.isNoop() ? null : listener;
    }

    /**
     * Combines the HTTP log and the user's listener into the client's one listener.
     *
     * @param first a listener, or {@code null}
     * @param second a listener, or {@code null}
     * @return both, either, or {@code null} when neither is set
     */
    public static CallListener combine(CallListener first, CallListener second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return operation -> new Both(first.operationStarted(operation), second.operationStarted(operation));
    }

    /**
     * {@code error.type} by the semantic conventions, for the adapters: the status code of an
     * error response, else the class of the exception, else none.
     *
     * @param statusCode the HTTP status, or 0 without a response
     * @param failure the exception, or {@code null}
     * @return the error type, or {@code null} for a success
     */
    public static String errorType(int statusCode, Throwable failure) {
        if (statusCode >= 400) {
            return Integer.toString(statusCode);
        }
        return failure == null ? null : failure.getClass().getName();
    }

    // called by RetryInterceptor, in order, for each attempt

    /**
     * An attempt starts.
     *
     * @param number its number, from 1
     * @param request what it sends
     */
    void attemptStarted(int number, Request request) {
        attemptsOver();
        RequestBody body = request.body();
        try {
            requestBytes = body == null ? 0 : body.contentLength();
        } catch (IOException unknown) {
            requestBytes = -1;
        }
        response = null;
        exception = null;
        attempt = number;
        attemptStartNanos = System.nanoTime();
        pending = true;
    }

    /**
     * The attempt got a response, its body read.
     *
     * @param received the response
     */
    void attemptReceived(Response received) {
        response = received;
        lastStatus = received.code();
        lastRequestId = received.header("X-Request-Id");
    }

    /**
     * The attempt failed without a response.
     *
     * @param e why
     */
    void attemptFailed(IOException e) {
        exception = e;
    }

    /**
     * The client retries after a wait: the attempt is reported with that decision.
     *
     * @param wait the delay before the next attempt
     */
    void retrying(Duration wait) {
        report(true, wait);
    }

    private void attemptsOver() {
        report(false, Duration.ZERO);
    }

    private void report(boolean retry, Duration wait) {
        if (!pending) {
            return;
        }
        pending = false;
        AttemptInfo info = new AttemptInfo(this, attempt, response, exception, requestBytes,
                System.nanoTime() - attemptStartNanos, retry, wait);
        try {
            listener.attemptEnded(info);
        } catch (RuntimeException e) {
            complain(e);
        }
    }

    private Request sending(Request request, boolean toApiOrigin) {
        SentRequest sent = new SentRequest(attempt, request, toApiOrigin);
        try {
            listener.requestSending(sent);
        } catch (RuntimeException e) {
            complain(e);
        }
        return sent.added == null ? request : sent.added.build();
    }

    private static void complain(RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a CallListener threw; the call goes on", e);
    }

    // CallListener.Operation (equal only to itself: a listener may key a map by it while an identical call runs too)

    @Override
    public String operationId() {
        return operationId;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String urlTemplate() {
        return urlTemplate;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String serverAddress() {
        return serverAddress;
    }

    @Override
    public int serverPort() {
        return serverPort;
    }

    @Override
    public String org() {
        return org;
    }

    // CallListener.Outcome

    @Override
    public CallListener.Operation operation() {
        return this;
    }

    @Override
    public int attempts() {
        return attempt;
    }

    @Override
    public int statusCode() {
        return lastStatus;
    }

    @Override
    public String requestId() {
        return lastRequestId;
    }

    @Override
    public Duration duration() {
        return Duration.ofNanos(durationNanos);
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "Operation{" + (operationId == null ? method + " " + url : operationId) + "}";
    }

    private static Map<String, List<String>> redacted(Headers headers, Set<String> secret) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = secret.contains(name.toLowerCase(Locale.ROOT)) ? HttpLogger.MASK : headers.value(i);
            out.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        out.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The listener of one client context and what it needs to name operations: the API root,
     * and the bundle's operation of each generated method, looked up once per method.
     * Internal: not API.
     */
    public static final class Factory {
        private final CallListener listener;
        private final HttpUrl apiRoot;
        private final Map<Method, Optional<OperationId>> operations = new ConcurrentHashMap<>();

        /**
         * Creates the factory.
         *
         * @param listener the client's listener
         * @param apiRoot the API root, whose origin is the one trace headers may go to
         */
        public Factory(CallListener listener, HttpUrl apiRoot) {
            this.listener = listener;
            this.apiRoot = apiRoot;
        }

        /**
         * Starts the operation of a prepared request, on the calling thread.
         *
         * @param request the request, with its org context
         * @return the request tagged with its events
         */
        public Request start(Request request) {
            Invocation invocation = request.tag(Invocation.class);
            OperationId id = invocation == null ? null
                    : operations.computeIfAbsent(invocation.method(), m -> Optional.ofNullable(m.getAnnotation(OperationId.class))).orElse(null);
            CallEvents events = new CallEvents(id == null ? null : id.value(), id == null ? null : template(request.url(), id.path()), request);
            CallListener.OperationListener operationListener = null;
            try {
                operationListener = listener.operationStarted(events);
            } catch (RuntimeException e) {
                complain(e);
            }
            events.listener = Objects.requireNonNullElse(operationListener, CallListener.OperationListener.NONE);
            return request.newBuilder().tag(CallEvents.class, events).build();
        }

        /**
         * The application interceptor, first in the chain, that starts and ends the operation
         * of a call made through the generated services (façade calls are started by
         * {@link Transport}, which also ends them with their typed outcome).
         *
         * @return the interceptor
         */
        public Interceptor operations() {
            return chain -> {
                Request request = chain.request();
                if (of(request) != null) {
                    return chain.proceed(request);
                }
                Request started = start(request);
                CallEvents events = of(started);
                try {
                    Response response = chain.proceed(started);
                    end(events, null);
                    return response;
                } catch (IOException | RuntimeException e) {
                    end(events, e);
                    throw e;
                }
            };
        }

        /**
         * The network interceptor, last in the chain, that shows each request as written to the
         * listener and adds the headers it sets, on the API's origin only.
         *
         * @return the interceptor
         */
        public Interceptor network() {
            return chain -> {
                Request request = chain.request();
                CallEvents events = of(request);
                if (events == null) {
                    return chain.proceed(request);
                }
                return chain.proceed(events.sending(request, Redirects.sameOrigin(request.url(), apiRoot)));
            };
        }

        /** {@code /api/v1/} + {@code orgs/{id}}: the URL's path with the template's segments in place of its last ones. */
        private static String template(HttpUrl url, String path) {
            List<String> segments = url.encodedPathSegments();
            int templateSegments = path.isEmpty() ? 0 : path.split("/", -1).length;
            StringBuilder out = new StringBuilder("/");
            for (int i = 0; i < segments.size() - templateSegments; i++) {
                out.append(segments.get(i)).append('/');
            }
            return out.append(path).toString();
        }
    }

    /** Two listeners of one operation, called in turn. */
    private record Both(CallListener.OperationListener first, CallListener.OperationListener second)
            implements CallListener.OperationListener {
        @Override
        public void requestSending(CallListener.Request request) {
            first.requestSending(request);
            second.requestSending(request);
        }

        @Override
        public void attemptEnded(CallListener.Attempt attempt) {
            first.attemptEnded(attempt);
            second.attemptEnded(attempt);
        }

        @Override
        public void operationEnded(CallListener.Outcome outcome) {
            first.operationEnded(outcome);
            second.operationEnded(outcome);
        }
    }

    /** One attempt that is over, as reported; its response's status, id, size and headers are read when asked for. */
    private record AttemptInfo(CallListener.Operation operation, int number, Response response, IOException exception,
                               long requestBytes, long nanos, boolean willRetry, Duration retryDelay)
            implements CallListener.Attempt {
        @Override
        public int statusCode() {
            return response == null ? 0 : response.code();
        }

        @Override
        public String requestId() {
            return response == null ? null : response.header("X-Request-Id");
        }

        @Override
        public long responseBytes() {
            if (response == null) {
                return -1;
            }
            ResponseBody body = response.body();
            return body == null ? 0 : body.contentLength();
        }

        @Override
        public Duration duration() {
            return Duration.ofNanos(nanos);
        }

        @Override
        public Map<String, List<String>> responseHeaders() {
            return response == null ? Map.of() : redacted(response.headers(), REDACTED_RESPONSE);
        }

        @Override
        public String toString() {
            return "Attempt{" + operation + " #" + number + ", status=" + statusCode() + ", retry=" + willRetry + "}";
        }
    }

    private static final class SentRequest implements CallListener.Request {
        private final int attempt;
        private final Request request;
        private final boolean toApiOrigin;
        private Request.Builder added;

        SentRequest(int attempt, Request request, boolean toApiOrigin) {
            this.attempt = attempt;
            this.request = request;
            this.toApiOrigin = toApiOrigin;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public String method() {
            return request.method();
        }

        @Override
        public String url() {
            return request.url().toString();
        }

        @Override
        public boolean toApiOrigin() {
            return toApiOrigin;
        }

        @Override
        public Map<String, List<String>> headers() {
            return redacted(request.headers(), HttpLogger.REDACTED);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!toApiOrigin) {
                return;
            }
            Checks.asciiHeaderValue(name, value);
            if (added == null) {
                added = request.newBuilder();
            }
            added.header(name, value);
        }
    }
}
