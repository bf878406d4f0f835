package house.openapp.sdk.internal;

import house.openapp.sdk.CallListener;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP log, a {@link CallListener}: every request as written (method, URL, attempt, headers)
 * and every attempt's end (status, time, response headers, retry decision, failure) through
 * {@link System.Logger} under the name {@code house.openapp.sdk.http}, with credentials
 * redacted. Internal: not part of the SDK's API.
 *
 * @param logger where to log
 * @param level the level of every line
 */
public record HttpLogger(System.Logger logger, System.Logger.Level level) implements CallListener {
    /** The name of the {@link System.Logger} the client logs to. */
    public static final String LOGGER_NAME = "house.openapp.sdk.http";

    /** Headers whose values are never logged (compared in lower case). */
    public static final Set<String> REDACTED = Set.of("x-api-key", "authorization", "proxy-authorization", "x-openapp-confirm",
            "cookie", "set-cookie");

    /** What a redacted value is logged as. */
    public static final String MASK = "██";

    @Override
    public OperationListener operationStarted(Operation operation) {
        if (!logger.isLoggable(level)) {
            return OperationListener.NONE;
        }
        return new OperationListener() {
            @Override
            public void requestSending(Request request) {
                logger.log(level, "--> " + request.method() + " " + request.url() + " (attempt " + request.attempt() + ")"
                        + render(request.headers()));
            }

            @Override
            public void attemptEnded(Attempt attempt) {
                String retry = attempt.willRetry() ? " (retrying in " + attempt.retryDelay().toMillis() + " ms)" : "";
                if (attempt.exception() != null) {
                    logger.log(level, "<-- FAILED " + operation.method() + " " + operation.url() + ": " + attempt.exception() + retry);
                } else {
                    logger.log(level, "<-- " + attempt.statusCode() + " " + operation.method() + " " + operation.url() + " ("
                            + attempt.duration().toMillis() + " ms, " + attempt.responseBytes() + " bytes)" + retry
                            + render(attempt.responseHeaders()));
                }
            }
        };
    }

    private static String render(Map<String, List<String>> headers) {
        StringBuilder out = new StringBuilder();
        headers.forEach((name, values) -> values.forEach(value -> out.append("\n    ").append(name).append(": ").append(value)));
        return out.toString();
    }
}
