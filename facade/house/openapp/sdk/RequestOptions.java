package house.openapp.sdk;

import house.openapp.sdk.internal.Checks;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Options of single calls: an org context, a correlation id, a timeout and extra headers; an
 * immutable value built by {@link #builder()}.
 *
 * <p>Apply them to every call of a resource view:
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *     .org("01HORG...")
 *     .correlationId("checkout-42")
 *     .timeout(Duration.ofSeconds(5))
 *     .build();
 * OrganizationResponse org = client.orgs().with(options).get(id);
 * }</pre>
 */
public final class RequestOptions {
    /** No options: the client's defaults apply. */
    public static final RequestOptions NONE = builder().build();

    private static final Set<String> RESERVED = Set.of("x-api-key", "authorization", "host", "content-length",
            "transfer-encoding", "connection");

    private final String org;
    private final String correlationId;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final boolean retryNonIdempotent;
    private final String confirmationToken;

    private RequestOptions(Builder builder) {
        this.org = builder.org;
        this.correlationId = builder.correlationId;
        this.timeout = builder.timeout;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.retryNonIdempotent = builder.retryNonIdempotent;
        this.confirmationToken = builder.confirmationToken;
    }

    /**
     * Starts a builder with no options set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The org context sent as {@code X-Org}, overriding the client's.
     *
     * @return the org id, empty to use the client's context
     */
    public Optional<String> org() {
        return Optional.ofNullable(org);
    }

    /**
     * The correlation id sent as {@code X-Correlation-Id}; the server echoes it as
     * {@code X-Request-Id}.
     *
     * @return the correlation id, if set
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * The overall timeout of the call, retries and their waits included, overriding the
     * client's call timeout.
     *
     * @return the timeout, if set
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Extra headers sent with the call.
     *
     * @return an unmodifiable map of header name to value, in insertion order
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Whether a POST may be sent again after the server may have seen it.
     *
     * @return true if the caller opted in to replaying non-idempotent requests
     */
    public boolean retryNonIdempotent() {
        return retryNonIdempotent;
    }

    /**
     * The preview token sent as {@code X-OpenApp-Confirm}.
     *
     * @return the token, if set
     */
    public Optional<String> confirmationToken() {
        return Optional.ofNullable(confirmationToken);
    }

    /**
     * A builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.org = org;
        builder.correlationId = correlationId;
        builder.timeout = timeout;
        builder.headers.putAll(headers);
        builder.retryNonIdempotent = retryNonIdempotent;
        builder.confirmationToken = confirmationToken;
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestOptions that
                && Objects.equals(org, that.org)
                && Objects.equals(correlationId, that.correlationId)
                && Objects.equals(timeout, that.timeout)
                && headers.equals(that.headers)
                && retryNonIdempotent == that.retryNonIdempotent
                && Objects.equals(confirmationToken, that.confirmationToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(org, correlationId, timeout, headers, retryNonIdempotent, confirmationToken);
    }

    @Override
    public String toString() {
        return "RequestOptions{org=" + org + ", correlationId=" + correlationId + ", timeout=" + timeout
                + ", headers=" + headers.keySet() + ", retryNonIdempotent=" + retryNonIdempotent
                + ", confirmationToken=" + (confirmationToken == null ? "null" : "<redacted>") + "}";
    }

    /** Builder of {@link RequestOptions}; not thread-safe. */
    public static final class Builder {
        private String org;
        private String correlationId;
        private Duration timeout;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean retryNonIdempotent;
        private String confirmationToken;

        private Builder() {
        }

        /**
         * Sets the org context ({@code X-Org}) of the call.
         *
         * @param org an org id
         * @return this builder
         */
        public Builder org(String org) {
            this.org = Checks.asciiHeaderValue("org", Checks.id("org", org));
            return this;
        }

        /**
         * Sets the correlation id ({@code X-Correlation-Id}) of the call.
         *
         * @param correlationId a non-blank ASCII id without control characters
         * @return this builder
         */
        public Builder correlationId(String correlationId) {
            this.correlationId = Checks.asciiHeaderValue("correlationId", Checks.text("correlationId", correlationId));
            return this;
        }

        /**
         * Sets the overall timeout of the call, retries included.
         *
         * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms (about 24.8 days)
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.timeout("timeout", timeout);
            return this;
        }

        /**
         * Adds a header to the call, replacing an earlier one of the same name. Credentials
         * ({@code X-API-Key}, {@code Authorization}) and framing headers cannot be set here.
         *
         * @param name a header name
         * @param value an ASCII value without CR, LF or other control characters
         * @return this builder
         */
        public Builder header(String name, String value) {
            Checks.headerName(name);
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is managed by the client and cannot be set per call");
            }
            headers.put(name, Checks.asciiHeaderValue("header " + name, value));
            return this;
        }

        /**
         * Lets the SDK send a POST again after the server may have seen it. Only for calls that
         * are safe to repeat, such as a create with a caller-chosen id.
         *
         * @param retryNonIdempotent true to allow replaying this call
         * @return this builder
         */
        public Builder retryNonIdempotent(boolean retryNonIdempotent) {
            this.retryNonIdempotent = retryNonIdempotent;
            return this;
        }

        /**
         * Sends {@code X-OpenApp-Confirm} with this preview token, to go ahead with an operation
         * the server asked to confirm.
         *
         * @param previewToken the token from a {@code confirmation_required} error
         * @return this builder
         */
        public Builder confirmationToken(String previewToken) {
            this.confirmationToken = Checks.asciiHeaderValue("confirmationToken", Checks.notBlank("confirmationToken", previewToken));
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
