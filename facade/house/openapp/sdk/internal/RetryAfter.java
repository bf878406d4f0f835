package house.openapp.sdk.internal;

import okhttp3.Headers;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header (RFC 9110, section 10.2.3): delta-seconds, or an HTTP date
 * in any of the three formats HTTP allows. The one parser of that header in the SDK; not API.
 */
public final class RetryAfter {
    /** Beyond this many digits a delta-seconds value is larger than any wait worth computing. */
    private static final int MAX_DIGITS = 18;

    private RetryAfter() {
    }

    /**
     * The wait a {@code Retry-After} value asks for, as the server sent it (never negative,
     * not capped: callers apply their own ceiling).
     *
     * @param value the header value, or {@code null}
     * @param nowMillis the instant an HTTP date is measured from, in epoch milliseconds
     * @return the wait; empty when the value is absent or is neither form
     */
    public static Optional<Duration> parse(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(trimmed.length() > MAX_DIGITS
                    ? Duration.ofSeconds(Long.MAX_VALUE)
                    : Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        Date at = date(trimmed);
        return at == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, at.getTime() - nowMillis)));
    }

    /**
     * Reads an HTTP date with OkHttp's parser (IMF-fixdate, RFC 850 and asctime forms).
     *
     * @param value the text
     * @return the date, or {@code null} when it is not one
     */
    public static Date date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new Headers.Builder().addUnsafeNonAscii("Date", value).build().getDate("Date");
        } catch (IllegalArgumentException notAHeaderValue) {
            return null;
        }
    }
}
