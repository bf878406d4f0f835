package house.openapp.sdk;

import house.openapp.sdk.internal.Checks;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how the SDK retries a failed request: an immutable value built by {@link #builder()}.
 *
 * <p>Retried: a connection that failed before the request was sent (any method); for GET, PUT
 * and DELETE also connection resets and timeouts after sending, and the statuses 408, 429
 * (never with {@code error_code} {@code quota_exceeded}), 500, 502, 503 and 504. A POST is never
 * sent again once the server may have seen it, unless the call opts in with
 * {@link RequestOptions.Builder#retryNonIdempotent(boolean)}. Waits grow exponentially with full
 * jitter ({@code random(0, min(maxDelay, baseDelay * 2^(n-1)))}); a {@code Retry-After} header,
 * in seconds or as an HTTP date, replaces that wait, capped at {@link #maxRetryAfter()}. No wait
 * runs past the call's overall timeout. See {@code docs/errors-and-retries.md}.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder().maxRetries(5).maxDelay(Duration.ofSeconds(20)).build();
 * }</pre>
 */
public final class RetryPolicy {
    /** The default: 3 retries, 250 ms base, 8 s cap, Retry-After honoured up to 60 s. */
    public static final RetryPolicy DEFAULT = builder().build();

    /** No retries at all. */
    public static final RetryPolicy NONE = builder().maxRetries(0).build();

    private final int maxRetries;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder builder) {
        this.maxRetries = builder.maxRetries;
        this.baseDelay = builder.baseDelay;
        this.maxDelay = builder.maxDelay;
        this.maxRetryAfter = builder.maxRetryAfter;
    }

    /**
     * Starts a builder with the default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How many times a request may be retried after its first attempt (0..10).
     *
     * @return the retry budget
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The wait cap of the first retry; each later retry doubles it.
     *
     * @return the base delay
     */
    public Duration baseDelay() {
        return baseDelay;
    }

    /**
     * The largest backoff wait.
     *
     * @return the delay cap
     */
    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * The longest {@code Retry-After} the SDK waits; a longer one is cut to this.
     *
     * @return the Retry-After cap
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * A builder initialised from this policy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().maxRetries(maxRetries).baseDelay(baseDelay).maxDelay(maxDelay).maxRetryAfter(maxRetryAfter);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that
                && maxRetries == that.maxRetries
                && baseDelay.equals(that.baseDelay)
                && maxDelay.equals(that.maxDelay)
                && maxRetryAfter.equals(that.maxRetryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, baseDelay, maxDelay, maxRetryAfter);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxRetries=" + maxRetries + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
                + ", maxRetryAfter=" + maxRetryAfter + "}";
    }

    /** Builder of {@link RetryPolicy}; not thread-safe. */
    public static final class Builder {
        private int maxRetries = 3;
        private Duration baseDelay = Duration.ofMillis(250);
        private Duration maxDelay = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Sets how many retries follow a failed first attempt.
         *
         * @param maxRetries 0..10; 0 disables retries
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            Checks.range("maxRetries", maxRetries, 0, 10);
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the wait cap of the first retry.
         *
         * @param baseDelay a positive duration
         * @return this builder
         */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = Checks.timeout("baseDelay", baseDelay);
            return this;
        }

        /**
         * Sets the largest backoff wait.
         *
         * @param maxDelay a positive duration
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = Checks.timeout("maxDelay", maxDelay);
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} honoured as sent.
         *
         * @param maxRetryAfter a positive duration
         * @return this builder
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Checks.timeout("maxRetryAfter", maxRetryAfter);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if {@code baseDelay} exceeds {@code maxDelay}
         */
        public RetryPolicy build() {
            if (baseDelay.compareTo(maxDelay) > 0) {
                throw new IllegalArgumentException("baseDelay must not exceed maxDelay but " + baseDelay + " > " + maxDelay);
            }
            return new RetryPolicy(this);
        }
    }
}
