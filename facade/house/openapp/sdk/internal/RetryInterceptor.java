package house.openapp.sdk.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import house.openapp.sdk.RetryPolicy;
import house.openapp.sdk.Sleeper;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The application interceptor that retries failed attempts by the rules of
 * {@link RetryPolicy}, and buffers each response body so a failure while reading it is an
 * attempt failure too. Internal: not part of the SDK's API.
 *
 * <p>It runs once per call and calls the rest of the chain once per attempt, so the network
 * interceptors (credentials, {@link SendMarker}, {@link HttpLogger}) see every attempt. The
 * deadline is the call's timeout (the client's call timeout, or the per-call one) read on the
 * injected clock: no wait starts that would end past it, and the {@link DeadlineTimer} cancels an
 * attempt that would overrun it (the failure is then a {@code timeout}). The whole body is read
 * inside this interceptor, so the deadline covers it too, for façade calls and for calls made
 * through the generated services alike.
 */
public final class RetryInterceptor implements Interceptor {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
    private static final int PEEK_BYTES = 16 * 1024;
    /** How much of an error body is kept (for {@code rawBody()}); the rest is never read. */
    static final int ERROR_BODY_BYTES = 64 * 1024;
    /** How many unfit pooled connections one attempt may pass over before it opens a new one. */
    private static final int MAX_STALE_CONNECTIONS = 64;
    /** OkHttp's message when a proxy refuses the CONNECT tunnel with 407 and no authenticator answers. */
    static final String PROXY_AUTH_FAILED = "Failed to authenticate with proxy";
    private static final int READ_BYTES = 8192;

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final long callTimeoutMillis;
    private final DeadlineTimer timer;
    private final long maxResponseBytes;
    private final HostLimiter hosts;
    private final Lifecycle lifecycle;

    /**
     * Creates the interceptor.
     *
     * @param policy when to retry
     * @param sleeper how to wait
     * @param clock the time source for deadlines and {@code Retry-After} dates
     * @param callTimeoutMillis the client's call timeout, positive
     * @param timer cancels calls at their deadline
     * @param maxResponseBytes the largest body read, after decoding; error bodies are cut to
     *     {@value #ERROR_BODY_BYTES} bytes
     * @param maxConnectionsPerHost how many attempts may run at once against one host
     * @param lifecycle the client's lifecycle: closing it wakes the calls waiting to retry
     */
    public RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock, long callTimeoutMillis, DeadlineTimer timer,
                            long maxResponseBytes, int maxConnectionsPerHost, Lifecycle lifecycle) {
        this.maxResponseBytes = maxResponseBytes;
        this.hosts = new HostLimiter(maxConnectionsPerHost);
        this.lifecycle = lifecycle;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.callTimeoutMillis = callTimeoutMillis;
        this.timer = timer;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request original = chain.request();
        CallState state = original.tag(CallState.class);
        if (state == null) {
            state = new CallState(false, 0, false); // a call of the generated layer: the client's timeout
            original = original.newBuilder().tag(CallState.class, state).build();
        }
        long timeoutMillis = state.timeoutMillis() > 0 ? state.timeoutMillis() : callTimeoutMillis;
        long okHttpTimeoutMillis = chain.call().timeout().timeoutNanos() / 1_000_000L;
        if (okHttpTimeoutMillis > 0) {
            timeoutMillis = Math.min(timeoutMillis, okHttpTimeoutMillis); // set on the call by a user of the generated layer
        }
        long deadline = clock.millis() + timeoutMillis;
        try (DeadlineTimer.Deadline registration = timer.register(chain.call(), timeoutMillis)) {
            // a call keeps its connection from its first attempt to its end, so the slot is the call's
            try {
                state.holdSlot(hosts.acquire(original.url(), chain.call()));
                boolean done = false;
                try {
                    Response response = attempts(chain, original, state, deadline);
                    done = true;
                    return response;
                } finally {
                    if (!done || !state.isReleasedByCaller()) {
                        state.releaseSlot(); // a generated-layer call, or a failure: nothing holds the connection now
                    }
                }
            } catch (IOException e) {
                if (registration.expired()) {
                    throw (InterruptedIOException) new InterruptedIOException("timeout").initCause(e);
                }
                throw e;
            }
        }
    }

    private Response attempts(Chain chain, Request original, CallState state, long deadline) throws IOException {
        boolean replayable = IDEMPOTENT.contains(original.method()) || state.retryNonIdempotent();
        CallEvents events = CallEvents.of(original);
        for (int retry = 0; ; retry++) {
            state.startAttempt();
            if (events != null) {
                events.attemptStarted(state.attempts(), original);
            }
            Duration wait;
            try {
                Response response = exchange(chain, original, state);
                for (Request next; (next = Redirects.followUp(response, original, state)) != null; ) {
                    response.close();
                    response = exchange(chain, next, state);
                }
                if (events != null) {
                    events.attemptReceived(response);
                }
                if (!RETRYABLE_STATUS.contains(response.code()) || !replayable || retry >= policy.maxRetries()
                        || isQuotaExceeded(response)) {
                    return response;
                }
                wait = retryWait(response, retry + 1);
                if (!fitsBeforeDeadline(wait, deadline)) {
                    return response;
                }
                response.close();
            } catch (IOException e) {
                if (events != null) {
                    events.attemptFailed(e);
                }
                if (chain.call().isCanceled() || e instanceof BodyTooLargeException || e instanceof MalformedResponseException
                        || e instanceof ClientClosedIOException || PROXY_AUTH_FAILED.equals(e.getMessage())) {
                    throw e;
                }
                if (state.sent() && !replayable) {
                    state.note("not retried: the server may have received this " + original.method()
                            + " (RequestOptions.retryNonIdempotent(true) allows repeating it)");
                    throw e;
                }
                if (retry >= policy.maxRetries()) {
                    throw e;
                }
                wait = backoff(retry + 1);
                if (!fitsBeforeDeadline(wait, deadline)) {
                    state.note("not retried: waiting " + wait.toMillis() + " ms would pass the call's deadline");
                    throw e;
                }
            }
            if (events != null) {
                events.retrying(wait);
            }
            sleep(wait);
        }
    }

    /** One request and its buffered response. */
    private Response exchange(Chain chain, Request request, CallState state) throws IOException {
        return buffered(proceed(chain, request, state));
    }

    /**
     * Sends one attempt down the chain, passing over pooled connections that {@link ConnectionGuard}
     * found unfit before writing anything (not an attempt: nothing reached the server), and
     * keeping whatever else goes wrong below an {@link IOException}, so that an asynchronous
     * call never loses a dispatcher thread to it.
     */
    private static Response proceed(Chain chain, Request request, CallState state) throws IOException {
        for (int stale = 0; ; stale++) {
            try {
                return chain.proceed(request);
            } catch (StaleConnectionException e) {
                if (stale >= MAX_STALE_CONNECTIONS || chain.call().isCanceled()) {
                    throw e;
                }
                state.restartAttempt();
            } catch (RuntimeException e) {
                throw new MalformedResponseException("unexpected failure in the HTTP stack: " + e, e);
            }
        }
    }

    /**
     * Reads the whole body now, so that a connection lost mid-body fails this attempt, and at
     * most the limit: a 2xx body past {@link #maxResponseBytes} (counted after gzip decoding)
     * fails with {@link BodyTooLargeException}; an error body is cut to {@value #ERROR_BODY_BYTES}
     * bytes. Either way the rest is never read: closing the body early closes its connection.
     */
    private Response buffered(Response response) throws IOException {
        response = ConnectionGuard.restore(SendMarker.restore(response));
        ResponseBody body = response.body();
        if (body == null) {
            return response;
        }
        Buffer bytes = new Buffer();
        MediaType type;
        try (body) {
            type = body.contentType();
            boolean success = response.isSuccessful();
            long limit = success ? maxResponseBytes : ERROR_BODY_BYTES;
            long declared = body.contentLength();
            if (success && declared > limit) {
                throw new BodyTooLargeException(response.code(), limit, 0, declared);
            }
            BufferedSource source = body.source();
            while (source.read(bytes, READ_BYTES) != -1) { // moves Okio's segments: no copy
                if (bytes.size() > limit) {
                    if (success) {
                        throw new BodyTooLargeException(response.code(), limit, bytes.size(), -1);
                    }
                    Buffer kept = new Buffer();
                    bytes.read(kept, limit);
                    bytes.clear();
                    bytes = kept;
                    break;
                }
            }
        }
        if (body instanceof ConnectionGuard.GuardedBody guarded) {
            guarded.serve(bytes, type); // closed above: from now on it serves the bytes, no response rebuilt
            return response;
        }
        return response.newBuilder().body(ResponseBody.create(bytes, type, bytes.size())).build();
    }

    private boolean fitsBeforeDeadline(Duration wait, long deadline) {
        long now = clock.millis();
        return wait.toMillis() <= deadline - now && now < deadline;
    }

    private void sleep(Duration wait) throws IOException {
        lifecycle.startWaiting();
        try {
            if (lifecycle.isClosed()) {
                throw new ClientClosedIOException("this OpenAppClient was closed while the call waited to retry");
            }
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            if (lifecycle.isClosed()) {
                throw new ClientClosedIOException("this OpenAppClient was closed while the call waited to retry");
            }
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while waiting to retry").initCause(e);
        } finally {
            lifecycle.stopWaiting();
        }
    }

    /** Full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(retry-1))]. */
    Duration backoff(int retry) {
        long cap = policy.maxDelay().toMillis();
        long exponential = policy.baseDelay().toMillis() << Math.min(retry - 1, 30);
        long ceiling = Math.min(cap, exponential < 0 ? cap : exponential);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /**
     * The wait before retry number {@code retry} after {@code response}: what its {@code Retry-After}
     * header asks for (delta-seconds, or an HTTP date in any of the three formats of RFC 9110 read
     * against the injected clock), capped by the policy; the {@link #backoff} when absent or unreadable.
     */
    private Duration retryWait(Response response, int retry) {
        Duration max = policy.maxRetryAfter();
        return RetryAfter.parse(response.header("Retry-After"), clock.millis())
                .map(wait -> wait.compareTo(max) > 0 ? max : wait)
                .orElseGet(() -> backoff(retry));
    }

    private static boolean isQuotaExceeded(Response response) {
        if (response.code() != 429) {
            return false;
        }
        try {
            JsonElement body = JsonParser.parseString(response.peekBody(PEEK_BYTES).string());
            JsonElement code = body.isJsonObject() ? body.getAsJsonObject().get("error_code") : null;
            return code != null && code.isJsonPrimitive() && "quota_exceeded".equals(code.getAsString());
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
