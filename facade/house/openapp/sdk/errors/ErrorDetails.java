package house.openapp.sdk.errors;

import house.openapp.sdk.generated.model.ApiErrorResponse;
import house.openapp.sdk.internal.ErrorMapper;
import house.openapp.sdk.internal.RequestExtras;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an error response said, as one immutable value: status, the error body as the generated
 * {@link ApiErrorResponse} (with every field the bundle declares and, in
 * {@link ApiErrorResponse#getAdditionalProperties()}, every field it doesn't), headers, the raw
 * body when it was not a JSON error document, and how many attempts were made.
 *
 * <p>An {@link OpenAppApiException} hands out what it holds ({@link OpenAppApiException#body()},
 * {@link OpenAppApiException#additionalProperties()}, ...).
 *
 * @param statusCode the HTTP status
 * @param body the JSON error document, or {@code null} when the body was not one; a copy is kept and handed out
 * @param requestId the {@code X-Request-Id} header, or {@code null}
 * @param headers every response header, names in lower case
 * @param rawBody the body text when it was not a JSON error document, or {@code null}
 * @param attempts how many HTTP attempts were made
 */
public record ErrorDetails(
        int statusCode,
        ApiErrorResponse body,
        String requestId,
        Map<String, List<String>> headers,
        String rawBody,
        int attempts) {

    /**
     * Validates and copies the body and the headers.
     */
    public ErrorDetails {
        body = body == null ? null : RequestExtras.copy(body, ApiErrorResponse.class);
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /**
     * The JSON error document.
     *
     * @return a copy of it, or {@code null} when the body was not one
     */
    @Override
    public ApiErrorResponse body() {
        return body == null ? null : RequestExtras.copy(body, ApiErrorResponse.class);
    }

    /** @return the body's {@code error_code}, or {@code null} */
    public String errorCode() {
        return body == null ? null : body.getErrorCode();
    }

    /** @return the body's {@code message}, or {@code null} */
    public String serverMessage() {
        return body == null ? null : body.getMessage();
    }

    /** @return the body's {@code correlationId}, or {@code null} */
    public String correlationId() {
        return body == null ? null : body.getCorrelationId();
    }

    /** @return the body's {@code preview_token}, or {@code null} */
    public String previewToken() {
        return body == null ? null : body.getPreviewToken();
    }

    /**
     * The error body's fields that the bundle this SDK was generated from does not declare: how
     * to read a field the server added before the SDK was regenerated.
     *
     * @return an unmodifiable map, wire name to the value Gson read (string, number, boolean, list, map or null)
     */
    public Map<String, Object> additionalProperties() {
        return body == null ? Map.of() : body.getAdditionalProperties();
    }

    /**
     * A one-line description: status, code, message and request id.
     *
     * @return the description used as the exception message
     */
    public String describe() {
        StringBuilder text = new StringBuilder("HTTP ").append(statusCode);
        if (errorCode() != null) {
            text.append(" ").append(errorCode());
        }
        String said = serverMessage() != null ? serverMessage() : rawBody == null || rawBody.isBlank() ? null : rawBody.strip();
        if (said != null) {
            text.append(": ").append(ErrorMapper.quote(said));
        }
        if (requestId != null) {
            text.append(" (request id ").append(requestId).append(")");
        }
        if (attempts > 1) {
            text.append(" after ").append(attempts).append(" attempts");
        }
        return text.toString();
    }
}
