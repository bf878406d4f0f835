package house.openapp.sdk;

import house.openapp.sdk.errors.QuotaExceededException;
import house.openapp.sdk.errors.RateLimitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RateLimitException#retryAfter()} read from the 429 as it came over the wire. */
class RateLimitRetryAfterTest extends MockOpenApp {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RateLimitException rateLimited(String... headers) {
        OpenAppClient once = newClient(builder -> builder.retryPolicy(RetryPolicy.NONE));
        var response = apiError(429, "slow_down", "later");
        for (int i = 0; i < headers.length; i += 2) {
            response.setHeader(headers[i], headers[i + 1]);
        }
        enqueue(response);
        return assertThrows(RateLimitException.class, () -> once.orgs().get("01HORG"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "120", " 7 ", "86400"})
    void deltaSecondsBecomeThatDuration(String value) {
        RateLimitException e = rateLimited("Retry-After", value);

        assertEquals(Optional.of(Duration.ofSeconds(Long.parseLong(value.strip()))), e.retryAfter());
    }

    @Test
    void anHttpDateIsMeasuredFromTheResponsesOwnDateHeader() {
        Instant serverNow = Instant.parse("2026-03-01T10:00:00Z");
        RateLimitException e = rateLimited(
                "Date", IMF_FIXDATE.format(serverNow),
                "Retry-After", IMF_FIXDATE.format(serverNow.plusSeconds(90)));

        assertEquals(Optional.of(Duration.ofSeconds(90)), e.retryAfter(), "skew-free: the server's clock on both sides");
    }

    @Test
    void theObsoleteHttpDateFormsAreReadToo() {
        Instant serverNow = Instant.parse("2026-03-01T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(45)), rateLimited(
                "Date", IMF_FIXDATE.format(serverNow), "Retry-After", RFC_850.format(serverNow.plusSeconds(45))).retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(30)), rateLimited(
                "Date", IMF_FIXDATE.format(serverNow), "Retry-After", ASCTIME.format(serverNow.plusSeconds(30))).retryAfter());
    }

    @Test
    void anHttpDateWithoutADateHeaderIsMeasuredFromArrival() {
        Instant sent = Instant.now();
        RateLimitException e = rateLimited("Retry-After", IMF_FIXDATE.format(sent.plusSeconds(600)));
        Duration wait = e.retryAfter().orElseThrow();

        // The header has whole seconds and the exchange takes some milliseconds: 598..600 s.
        assertTrue(wait.compareTo(Duration.ofSeconds(598)) >= 0 && wait.compareTo(Duration.ofSeconds(600)) <= 0, wait.toString());
    }

    @Test
    void aDateInThePastMeansRetryNow() {
        Instant serverNow = Instant.parse("2026-03-01T10:00:00Z");
        RateLimitException e = rateLimited(
                "Date", IMF_FIXDATE.format(serverNow), "Retry-After", IMF_FIXDATE.format(serverNow.minusSeconds(30)));

        assertEquals(Optional.of(Duration.ZERO), e.retryAfter());
    }

    @Test
    void aHugeDeltaIsReportedUncappedWithoutOverflow() {
        assertEquals(Optional.of(Duration.ofSeconds(99_999_999_999L)), rateLimited("Retry-After", "99999999999").retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(Long.MAX_VALUE)),
                rateLimited("Retry-After", "9".repeat(40)).retryAfter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "1.5", "12 seconds", "Wed, 99 Foo 2026 25:61:00 GMT"})
    void anUnreadableRetryAfterIsEmpty(String value) {
        assertEquals(Optional.empty(), rateLimited("Retry-After", value).retryAfter());
    }

    @Test
    void noRetryAfterIsEmpty() {
        assertEquals(Optional.empty(), rateLimited().retryAfter());
    }

    @Test
    void aQuotaErrorCarriesItsRetryAfterToo() {
        OpenAppClient once = newClient(builder -> builder.retryPolicy(RetryPolicy.NONE));
        enqueue(apiError(429, "quota_exceeded", "full").setHeader("Retry-After", "3600"));

        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> once.orgs().get("01HORG"));

        assertEquals(Optional.of(Duration.ofHours(1)), e.retryAfter());
    }

    @Test
    void theClientsOwnRetriesStillCapTheWaitWhileTheExceptionReportsItAsSent() {
        List<Duration> waits = new ArrayList<>();
        OpenAppClient patient = newClient(builder -> builder.sleeper(waits::add)
                .retryPolicy(RetryPolicy.builder().maxRetries(1).maxRetryAfter(Duration.ofSeconds(5)).build()));
        enqueue(apiError(429, "slow_down", "later").setHeader("Retry-After", "120"),
                apiError(429, "slow_down", "still later").setHeader("Retry-After", "120"));

        RateLimitException e = assertThrows(RateLimitException.class, () -> patient.orgs().get("01HORG"));

        assertEquals(Optional.of(Duration.ofSeconds(120)), e.retryAfter());
        assertEquals(List.of(Duration.ofSeconds(5)), waits, "the retry waited the policy's cap, not 120 s");
    }
}
