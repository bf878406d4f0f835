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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The application interceptor that retries failed attempts by the rules of
 * {@link RetryPolicy}, and buffers each response body so a failure while reading it is an
 * attempt failure too. Internal: not part of the SDK's API.
 */
public final class RetryInterceptor implements Interceptor {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
    private static final int PEEK_BYTES = 16 * 1024;

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * Creates the interceptor.
     *
     * @param policy when to retry
     * @param sleeper how to wait
     * @param clock the time source for deadlines and {@code Retry-After} dates
     */
    public RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request original = chain.request();
        CallState state = original.tag(CallState.class);
        if (state == null) {
            state = new CallState(false);
            original = original.newBuilder().tag(CallState.class, state).build();
        }
        long timeoutMillis = chain.call().timeout().timeoutNanos() / 1_000_000L;
        long deadline = timeoutMillis > 0 ? clock.millis() + timeoutMillis : Long.MAX_VALUE;
        boolean replayable = IDEMPOTENT.contains(original.method()) || state.retryNonIdempotent();
        for (int retry = 0; ; retry++) {
            state.startAttempt();
            Response response;
            try {
                response = buffered(chain.proceed(original));
            } catch (IOException e) {
                if (chain.call().isCanceled() || retry >= policy.maxRetries() || (state.sent() && !replayable)) {
                    throw e;
                }
                if (!waitBeforeRetry(backoff(retry + 1), deadline)) {
                    throw e;
                }
                continue;
            }
            if (!RETRYABLE_STATUS.contains(response.code()) || retry >= policy.maxRetries() || !replayable
                    || isQuotaExceeded(response)) {
                return response;
            }
            Duration wait = retryAfter(response);
            if (wait == null) {
                wait = backoff(retry + 1);
            }
            if (clock.millis() + wait.toMillis() > deadline) {
                return response;
            }
            response.close();
            if (!waitBeforeRetry(wait, deadline)) {
                throw new InterruptedIOException("deadline reached before retry");
            }
        }
    }

    /** Reads the whole body now, so that a connection lost mid-body fails this attempt. */
    private static Response buffered(Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return response;
        }
        try (body) {
            MediaType type = body.contentType();
            byte[] bytes = body.bytes();
            return response.newBuilder().body(ResponseBody.create(bytes, type)).build();
        }
    }

    private boolean waitBeforeRetry(Duration wait, long deadline) throws InterruptedIOException {
        if (clock.millis() + wait.toMillis() > deadline) {
            return false;
        }
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.initCause(e);
            throw interrupted;
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
     * The wait a {@code Retry-After} header asks for (delta-seconds or HTTP date), capped by
     * the policy; {@code null} when absent or unreadable.
     */
    Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.ofMillis(Math.max(0, at.toInstant().toEpochMilli() - clock.millis()));
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        return wait.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : wait;
    }

    private static boolean isQuotaExceeded(Response response) {
        if (response.code() != 429) {
            return false;
        }
        try {
            JsonElement body = JsonParser.parseString(response.peekBody(PEEK_BYTES).string());
            if (body.isJsonObject()) {
                JsonElement code = body.getAsJsonObject().get("error_code");
                return code != null && code.isJsonPrimitive() && "quota_exceeded".equals(code.getAsString());
            }
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
        return false;
    }
}
