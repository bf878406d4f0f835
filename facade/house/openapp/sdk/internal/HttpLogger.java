package house.openapp.sdk.internal;

import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The network interceptor that logs every attempt (method, URL, status, time, headers) through
 * {@link System.Logger} under the name {@code house.openapp.sdk.http}, with credentials
 * redacted. Internal: not part of the SDK's API.
 */
public final class HttpLogger implements Interceptor {
    /** The name of the {@link System.Logger} the client logs to. */
    public static final String LOGGER_NAME = "house.openapp.sdk.http";

    /** Headers whose values are never logged (compared in lower case). */
    public static final Set<String> REDACTED = Set.of("x-api-key", "authorization", "proxy-authorization", "x-openapp-confirm",
            "cookie", "set-cookie");

    /** What a redacted value is logged as. */
    public static final String MASK = "██";

    private final System.Logger logger;
    private final System.Logger.Level level;

    /**
     * Creates the logger.
     *
     * @param logger where to log
     * @param level the level of every line
     */
    public HttpLogger(System.Logger logger, System.Logger.Level level) {
        this.logger = logger;
        this.level = level;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!logger.isLoggable(level)) {
            return chain.proceed(request);
        }
        long start = System.nanoTime();
        CallState state = request.tag(CallState.class);
        String attempt = state == null ? "" : " (attempt " + state.attempts() + ")";
        logger.log(level, "--> " + request.method() + " " + request.url() + attempt + redact(request.headers()));
        try {
            Response response = chain.proceed(request);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            logger.log(level, "<-- " + response.code() + " " + request.method() + " " + request.url() + " (" + millis + " ms)"
                    + redact(response.headers()));
            return response;
        } catch (IOException e) {
            logger.log(level, "<-- FAILED " + request.method() + " " + request.url() + ": " + e);
            throw e;
        }
    }

    /**
     * Renders headers one per line, with the values of credential headers replaced.
     *
     * @param headers the headers
     * @return the rendering, starting with a line break when not empty
     */
    public static String redact(Headers headers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            boolean secret = REDACTED.contains(name.toLowerCase(Locale.ROOT));
            out.append("\n    ").append(name).append(": ").append(secret ? MASK : headers.value(i));
        }
        return out.toString();
    }
}
