package house.openapp.sdk.errors;

import house.openapp.sdk.generated.model.ApiErrorResponse;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An error response from the OpenApp API: a non-2xx HTTP status, with what the server said.
 *
 * <p>Subclasses name the common statuses ({@link NotFoundException}, {@link RateLimitException},
 * ...). Every instance carries the status, the {@code error_code} and message of the
 * {@code ApiErrorResponse} body when there was one, the {@code correlationId}, the
 * {@code X-Request-Id} header, all response headers, and the raw body when it was not JSON.
 */
public class OpenAppApiException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorDetails details;

    /**
     * Creates an API error.
     *
     * @param details what the response said
     */
    public OpenAppApiException(ErrorDetails details) {
        super(Objects.requireNonNull(details, "details").describe(), null, details.attempts());
        this.details = details;
    }

    /**
     * The HTTP status code, such as 404.
     *
     * @return the status
     */
    public int statusCode() {
        return details.statusCode();
    }

    /**
     * The server's stable error code ({@code error_code}), such as {@code quota_exceeded}.
     *
     * @return the code, empty when the body had none
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(details.errorCode());
    }

    /**
     * The server's human-readable message ({@code message} of the body), without the status
     * and request id that {@link #getMessage()} adds.
     *
     * @return the server's message, empty when the body had none
     */
    public Optional<String> serverMessage() {
        return Optional.ofNullable(details.serverMessage());
    }

    /**
     * The {@code correlationId} of the error body, which ties it to the server's trace.
     *
     * @return the correlation id, empty when the body had none
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(details.correlationId());
    }

    /**
     * The {@code X-Request-Id} response header: quote it when you contact support.
     *
     * @return the request id, empty when the response had none
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(details.requestId());
    }

    /**
     * Every response header, names in lower case.
     *
     * @return an unmodifiable map of header name to values
     */
    public Map<String, List<String>> headers() {
        return details.headers();
    }

    /**
     * The response body as text when it was not an {@code ApiErrorResponse} JSON document
     * (an HTML proxy page, plain text, or an empty body).
     *
     * @return the raw body, empty when the body was a JSON error document
     */
    public Optional<String> rawBody() {
        return Optional.ofNullable(details.rawBody());
    }

    /**
     * The {@code preview_token} of the body, present with {@code confirmation_required}.
     *
     * @return the preview token, empty when the body had none
     */
    public Optional<String> previewToken() {
        return Optional.ofNullable(details.previewToken());
    }

    /**
     * The JSON error document as the generated model: every field the bundle declares, including
     * ones a regeneration adds, and in {@link ApiErrorResponse#getAdditionalProperties()} the
     * ones it doesn't.
     *
     * @return a copy of the body, empty when the body was not a JSON error document
     */
    public Optional<ApiErrorResponse> body() {
        return Optional.ofNullable(details.body());
    }

    /**
     * The error body's fields that the bundle this SDK was generated from does not declare: how
     * to read a field the server added before the SDK was regenerated.
     *
     * <pre>{@code
     * try {
     *     orgs.get(id);
     * } catch (OpenAppApiException e) {
     *     Object hint = e.additionalProperties().get("retry_hint");
     * }
     * }</pre>
     *
     * @return an unmodifiable map, wire name to the value Gson read; empty when there were none
     */
    public Map<String, Object> additionalProperties() {
        return details.additionalProperties();
    }

    ErrorDetails details() {
        return details;
    }
}
