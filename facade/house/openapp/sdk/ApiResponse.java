package house.openapp.sdk;

import house.openapp.sdk.internal.ResponseHeaders;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A successful result together with its HTTP status, headers and request id.
 *
 * <pre>{@code
 * ApiResponse<OrganizationResponse> response = client.orgs().withResponse().get(id);
 * log.info("got {} (request {})", response.value().getId(), response.requestId().orElse("-"));
 * }</pre>
 *
 * @param <T> the type of the decoded body
 */
public final class ApiResponse<T> {
    private final int statusCode;
    private final ResponseHeaders headers;
    private final T value;
    private final int attempts;

    /**
     * Creates a response.
     *
     * @param statusCode the HTTP status
     * @param headers header name to values, copied; names are matched ignoring case
     * @param value the decoded body, {@code null} when there was none (such as a 204)
     * @param attempts how many HTTP attempts the call took
     */
    public ApiResponse(int statusCode, Map<String, List<String>> headers, T value, int attempts) {
        this.statusCode = statusCode;
        this.headers = ResponseHeaders.copyOf(Objects.requireNonNull(headers, "headers"));
        this.value = value;
        this.attempts = attempts;
    }

    /**
     * The HTTP status, such as 200 or 204.
     *
     * @return the status
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The decoded body.
     *
     * @return the body, {@code null} for a response without one (such as a 204)
     */
    public T value() {
        return value;
    }

    /**
     * Every response header; names are looked up ignoring case.
     *
     * @return an unmodifiable map of header name to values
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The last value of one response header.
     *
     * @param name the header name, in any case
     * @return the value, if the header was present
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.last(Objects.requireNonNull(name, "name")));
    }

    /**
     * The {@code X-Request-Id} header: the correlation id sent, or one the server minted.
     *
     * @return the request id, if present
     */
    public Optional<String> requestId() {
        return header("X-Request-Id");
    }

    /**
     * How many HTTP attempts the call took, retries included.
     *
     * @return at least 1
     */
    public int attempts() {
        return attempts;
    }

    /**
     * The same response with its value transformed.
     *
     * @param mapper transforms the value
     * @param <U> the new value type
     * @return a response with the same status and headers: this one when {@code mapper} returns the
     *     same value, a new one otherwise
     */
    @SuppressWarnings("unchecked")
    public <U> ApiResponse<U> map(Function<? super T, ? extends U> mapper) {
        U mapped = mapper.apply(value);
        // the same value: this response is that response (it is immutable), and no copy is made per call
        return mapped == value ? (ApiResponse<U>) this : new ApiResponse<>(statusCode, headers, mapped, attempts);
    }

    @Override
    public String toString() {
        return "ApiResponse{status=" + statusCode + ", requestId=" + requestId().orElse(null) + ", attempts=" + attempts + "}";
    }
}
