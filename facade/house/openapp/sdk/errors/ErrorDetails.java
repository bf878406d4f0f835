package house.openapp.sdk.errors;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an error response said, as one immutable value: status, body fields, headers, the raw
 * body when it was not JSON, and how many attempts were made.
 *
 * @param statusCode the HTTP status
 * @param errorCode the body's {@code error_code}, or {@code null}
 * @param serverMessage the body's {@code message}, or {@code null}
 * @param correlationId the body's {@code correlationId}, or {@code null}
 * @param previewToken the body's {@code preview_token}, or {@code null}
 * @param requestId the {@code X-Request-Id} header, or {@code null}
 * @param headers every response header, names in lower case
 * @param rawBody the body text when it was not a JSON error document, or {@code null}
 * @param attempts how many HTTP attempts were made
 */
public record ErrorDetails(
        int statusCode,
        String errorCode,
        String serverMessage,
        String correlationId,
        String previewToken,
        String requestId,
        Map<String, List<String>> headers,
        String rawBody,
        int attempts) {

    /**
     * Validates and copies the headers.
     */
    public ErrorDetails {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /**
     * A one-line description: status, code, message and request id.
     *
     * @return the description used as the exception message
     */
    public String describe() {
        StringBuilder text = new StringBuilder("HTTP ").append(statusCode);
        if (errorCode != null) {
            text.append(" ").append(errorCode);
        }
        if (serverMessage != null) {
            text.append(": ").append(serverMessage.length() > 200 ? serverMessage.substring(0, 200) + "..." : serverMessage);
        } else if (rawBody != null && !rawBody.isBlank()) {
            String snippet = rawBody.strip();
            text.append(": ").append(snippet.length() > 200 ? snippet.substring(0, 200) + "..." : snippet);
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
