package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.ReliabilityTestHooks;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.RetryPolicy;
import house.openapp.sdk.errors.OpenAppConnectionException;
import house.openapp.sdk.internal.HttpLogger;
import house.openapp.sdk.reliability.Fixtures.CapturingLogger;
import house.openapp.sdk.reliability.Fixtures.RecordingSleeper;
import house.openapp.sdk.reliability.Fixtures.TestClock;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static house.openapp.sdk.reliability.Fixtures.BEARER;
import static house.openapp.sdk.reliability.Fixtures.SECRET;
import static house.openapp.sdk.reliability.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP log: off by default, one entry per attempt when on, credentials always redacted. */
class LoggingTest {
    private static final List<String> SECRETS = List.of(SECRET, "BEARERSECRET", "CONFIRMSECRET", "COOKIESECRET", "PROXYSECRET",
            "SETCOOKIESECRET");

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = Fixtures.newServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void theLogRedactsEveryCredentialHeaderBothWays() {
        CapturingLogger log = new CapturingLogger();
        server.enqueue(new MockResponse().setHeader("Set-Cookie", "sid=SETCOOKIESECRET").setHeader("X-Request-Id", "req-9").setBody("{}"));
        RequestOptions options = RequestOptions.builder()
                .confirmationToken("CONFIRMSECRET")
                .header("Cookie", "session=COOKIESECRET")
                .header("Proxy-Authorization", "Basic PROXYSECRET")
                .correlationId("corr-1")
                .build();
        try (OpenAppClient client = ReliabilityTestHooks.httpLog(Fixtures.builder(server, clock, sleeper).logging(true), log).build()) {
            assertEquals(200, client.rawRequest("GET", "orgs", Map.of("q", "visible"), null, options).statusCode());
        }
        String text = log.all();
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), secret + " leaked into:\n" + text);
        }
        for (String name : List.of("X-API-Key", "X-OpenApp-Confirm", "Cookie", "Proxy-Authorization", "Set-Cookie")) { // Authorization: below
            assertTrue(text.contains(name + ": " + HttpLogger.MASK), name + " not shown redacted in:\n" + text);
        }
        assertTrue(text.contains("X-Correlation-Id: corr-1"), text);
        assertTrue(text.contains("X-Request-Id: req-9"), text);
        assertTrue(text.contains("--> GET " + server.url("/api/v1/orgs?q=visible") + " (attempt 1)"), text);
        assertTrue(text.contains("<-- 200 GET " + server.url("/api/v1/orgs?q=visible") + " ("), text);
    }

    @Test
    void theLogShowsFailuresAndStaysQuietWhenTheLevelIsOff() {
        AtomicBoolean enabled = new AtomicBoolean(false);
        CapturingLogger log = new CapturingLogger(enabled::get);
        OpenAppClient.Builder builder = Fixtures.builder(server, clock, sleeper).retryPolicy(RetryPolicy.NONE).logging(true);
        try (OpenAppClient client = ReliabilityTestHooks.httpLog(builder, log).build()) {
            server.enqueue(new MockResponse().setBody("{}"));
            client.rawRequest("GET", "a", Map.of(), null, RequestOptions.NONE);
            assertEquals(List.of(), log.lines, "logged although the level is off");

            enabled.set(true);
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
            assertThrows(OpenAppConnectionException.class, () -> client.rawRequest("GET", "b", Map.of(), null, RequestOptions.NONE));
        }
        assertEquals(2, log.lines.size(), log.all());
        assertTrue(log.lines.get(0).startsWith("--> GET " + server.url("/api/v1/b") + " (attempt 1)"), log.all());
        assertTrue(log.lines.get(1).startsWith("<-- FAILED GET " + server.url("/api/v1/b")), log.all());
        assertFalse(log.all().contains(SECRET));
    }

    @Test
    void aClientWithLoggingOnLogsEveryAttemptThroughTheHttpLogger() {
        CapturingLogger log = new CapturingLogger();
        OpenAppClient.Builder builder = Fixtures.builder(server, clock, sleeper).logging(true);
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(org());
        try (OpenAppClient client = ReliabilityTestHooks.httpLog(builder, log).build()) {
            client.orgs().with(RequestOptions.builder().confirmationToken("pt_CONFIRMSECRET").header("Cookie", "s=COOKIESECRET").build())
                    .get("01HORG");
        }
        List<String> sent = log.lines.stream().filter(line -> line.startsWith("--> ")).toList();
        List<String> received = log.lines.stream().filter(line -> line.startsWith("<-- ")).toList();
        assertEquals(3, sent.size(), log.all());
        assertEquals(3, received.size(), log.all());
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertTrue(sent.get(attempt - 1).startsWith("--> GET " + server.url("/api/v1/orgs/01HORG") + " (attempt " + attempt + ")"),
                    sent.get(attempt - 1));
        }
        assertTrue(received.get(0).startsWith("<-- 503"), received.get(0));
        assertTrue(received.get(2).startsWith("<-- 200"), received.get(2));
        String text = log.all();
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), secret + " leaked into:\n" + text);
        }
        assertTrue(text.contains("X-API-Key: " + HttpLogger.MASK), text);
        assertTrue(text.contains("X-OpenApp-Confirm: " + HttpLogger.MASK), text);
        assertTrue(text.contains("Cookie: " + HttpLogger.MASK), text);
    }

    @Test
    void aBearerClientLogsTheAuthorizationHeaderRedacted() {
        CapturingLogger log = new CapturingLogger();
        OpenAppClient.Builder builder = OpenAppClient.builder().bearerToken(BEARER).baseUrl(server.url("/api/v1").toString()).logging(true);
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        try (OpenAppClient client = ReliabilityTestHooks.httpLog(builder, log).build()) {
            OpenAppConnectionException e = assertThrows(OpenAppConnectionException.class,
                    () -> client.orgs().create("Field Office"));
            assertFalse(e.getMessage().contains("BEARERSECRET"));
        }
        assertTrue(log.all().contains("Authorization: " + HttpLogger.MASK), log.all());
        assertTrue(log.all().contains("<-- FAILED POST"), log.all());
        assertFalse(log.all().contains("BEARERSECRET"), log.all());
    }

    @Test
    void loggingIsOffByDefault() {
        CapturingLogger log = new CapturingLogger();
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(org());
        try (OpenAppClient client = ReliabilityTestHooks.httpLog(Fixtures.builder(server, clock, sleeper), log).build()) {
            client.orgs().get("01HORG");
        }
        assertEquals(2, server.getRequestCount());
        assertEquals(List.of(), log.lines);
    }
}
