package house.openapp.sdk.errors;

import house.openapp.sdk.internal.RetryAfter;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The API answered 429 Too Many Requests: slow down and retry later, after {@link #retryAfter()}
 * when the server said how long.
 *
 * <pre>{@code
 * try {
 *     client.orgs().list();
 * } catch (RateLimitException e) {
 *     Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1));
 *     scheduler.schedule(() -> client.orgs().list(), wait.toMillis(), TimeUnit.MILLISECONDS);
 * }
 * }</pre>
 */
public class RateLimitException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /** The wait the response asked for, or {@code null}; fixed when the response arrived. */
    private final Duration retryAfter;

    /**
     * Creates the error.
     *
     * @param details what the response said
     */
    public RateLimitException(ErrorDetails details) {
        super(details);
        this.retryAfter = retryAfter(details).orElse(null);
    }

    /**
     * How long the server asked the client to wait, from the response's {@code Retry-After}
     * header: delta-seconds ({@code Retry-After: 120}) or an HTTP date
     * ({@code Retry-After: Wed, 21 Oct 2026 07:28:00 GMT}). A date is measured from the
     * response's own {@code Date} header when it has one, so a skewed local clock does not
     * matter, else from when the response arrived; a date in the past is {@link Duration#ZERO}.
     * The value is what the server sent, not capped: the SDK's own retries cap it at {@code
     * RetryPolicy.maxRetryAfter()}, and a caller waiting by itself should cap it too.
     *
     * @return the wait; empty when the response had no readable {@code Retry-After}
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static Optional<Duration> retryAfter(ErrorDetails details) {
        String value = first(details.headers().get("retry-after"));
        if (value == null) {
            return Optional.empty();
        }
        Date serverNow = RetryAfter.date(first(details.headers().get("date")));
        return RetryAfter.parse(value, serverNow != null ? serverNow.getTime() : System.currentTimeMillis());
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
