package house.openapp.sdk.reliability;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.ImageUpload;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.reliability.Fixtures.RecordingSleeper;
import house.openapp.sdk.reliability.Fixtures.TestClock;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static house.openapp.sdk.reliability.Fixtures.BEARER;
import static house.openapp.sdk.reliability.Fixtures.SECRET;
import static house.openapp.sdk.reliability.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials never leave the API's origin or show up in text; plain http and injection refused. */
class SecurityTest {
    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private MockWebServer server;
    private MockWebServer other;
    private OpenAppClient client;

    @BeforeEach
    void start() throws IOException {
        server = Fixtures.newServer();
        server.start();
        other = Fixtures.newServer();
        other.start();
        client = Fixtures.builder(server, clock, sleeper).build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
        other.shutdown();
    }

    // ---- redirects -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectToAnotherPortGetsNoCredentials(int status) throws Exception {
        assertEquals(server.getHostName(), other.getHostName(), "same host, other port: only the port differs");
        server.enqueue(new MockResponse().setResponseCode(status).setHeader("Location", other.url("/api/v1/orgs/01HORG")));
        other.enqueue(org());

        client.orgs().get("01HORG");

        RecordedRequest atA = server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest atB = other.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(API_KEY, atA.getHeader("X-API-Key"));
        assertEquals("/api/v1/orgs/01HORG", atB.getPath());
        assertNull(atB.getHeader("X-API-Key"), "X-API-Key followed the redirect");
        assertNull(atB.getHeader("Authorization"), "Authorization followed the redirect");
    }

    @Test
    void aBearerTokenDoesNotFollowARedirectToAnotherOriginEither() throws Exception {
        try (OpenAppClient bearer = OpenAppClient.builder().bearerToken(BEARER).baseUrl(server.url("/api/v1").toString()).build()) {
            server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", other.url("/elsewhere")));
            other.enqueue(org());
            bearer.orgs().get("01HORG");
            assertEquals("Bearer " + BEARER, server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
            RecordedRequest atB = other.takeRequest(1, TimeUnit.SECONDS);
            assertNull(atB.getHeader("Authorization"));
            assertNull(atB.getHeader("X-API-Key"));
        }
    }

    @Test
    void aRedirectWithinTheSameOriginKeepsTheKey() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", server.url("/api/v1/orgs/01HMOVED")));
        server.enqueue(org());
        client.orgs().get("01HORG");
        server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(API_KEY, server.takeRequest(1, TimeUnit.SECONDS).getHeader("X-API-Key"));
    }

    // ---- plain http ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com/api/v1", "http://localhost.evil.example/api/v1", "http://127.0.0.1.nip.io/api/v1",
            "http://10.0.0.8/api/v1", "http://[2001:db8::1]/api/v1"})
    void plainHttpToANonLoopbackHostIsRefused(String baseUrl) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenAppClient.builder().apiKey(API_KEY).baseUrl(baseUrl).build());
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertDoesNotThrow(() -> OpenAppClient.builder().apiKey(API_KEY).baseUrl(baseUrl).allowInsecureHttp(true).build().close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/api/v1", "http://127.0.0.1/api/v1", "http://127.8.9.10:1/api/v1",
            "http://[::1]:9000/api/v1", "https://api.example.com/api/v1"})
    void loopbackHttpAndHttpsAreAllowed(String baseUrl) {
        assertDoesNotThrow(() -> OpenAppClient.builder().apiKey(API_KEY).baseUrl(baseUrl).build().close());
    }

    @Test
    void anHttpOriginInTheKeyIsRefusedToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenAppClient.builder().apiKey("http://openapp.example_openapp_" + SECRET).build());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    // ---- secrets in text ---------------------------------------------------------------------------

    @Test
    void toStringNeverShowsCredentials() {
        OpenAppClient.Builder builder = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1").toString());
        RequestOptions options = RequestOptions.builder().confirmationToken("pt_SECRETTOKEN").header("X-Trace", "t").build();
        for (String text : List.of(builder.toString(), client.toString(), client.withOrg("01HCTX").toString(), client.orgs().toString(),
                client.orgs().with(options).toString(), options.toString())) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains("pt_SECRETTOKEN"), text);
        }
        try (OpenAppClient bearer = OpenAppClient.builder().bearerToken(BEARER).baseUrl(server.url("/api/v1").toString()).build()) {
            assertFalse(bearer.toString().contains("BEARERSECRET"), bearer.toString());
        }
        assertTrue(client.toString().contains("<redacted>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.example/path_openapp_", "ftp://x.example_openapp_", "https://user@x.example_openapp_",
            "https://x.example?q=1_openapp_", "no-separator-", "https://x.example_openapp_ spaced", "https://x.example_openapp_new\nline"})
    void malformedKeysFailWithoutEchoingTheSecret(String prefix) {
        String key = prefix + SECRET;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenAppClient.builder().apiKey(key).build());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().startsWith("apiKey"), e.getMessage());
    }

    @Test
    void badBearerTokensFailWithoutEchoingThem() {
        for (String token : List.of("abc\r\nX-Evil: 1" + SECRET, "tök" + SECRET)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OpenAppClient.builder().bearerToken(token).baseUrl(server.url("/api/v1").toString()).build());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
        IllegalArgumentException confirm = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.builder().confirmationToken("pt_ä" + SECRET));
        assertFalse(confirm.getMessage().contains(SECRET), confirm.getMessage());
    }

    // ---- injection -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "a/b", "../admin", "a\\b", "a\r\nX-Injected: 1", "a\nb", "a\u0000b", "a\u007fb", "a\u0085b",
            "\uD800", "x\uDC00y", " ", ""})
    void idsThatCouldEscapeTheirPathSegmentAreRefusedBeforeSending(String id) {
        List<Consumer<String>> calls = List.of(
                v -> client.orgs().get(v),
                v -> client.orgs().delete(v),
                v -> client.orgs().purge(v),
                v -> client.orgs().permissions(v),
                v -> client.orgs().ancestors(v),
                v -> client.orgs().users(v),
                v -> client.orgs().deleteImage(v),
                v -> client.orgs().uploadImage(v, ImageUpload.of(new byte[] {1, 2, 3}, "image/png")),
                v -> client.orgs().children(v),
                v -> client.withOrg(v));
        for (Consumer<String> call : calls) {
            assertThrows(IllegalArgumentException.class, () -> call.accept(id), () -> "accepted id \"" + id + "\"");
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void encodedDotsAndReservedCharactersStayInsideTheirSegment() throws Exception {
        for (String id : List.of("%2e%2e", "%2F", "...", "a?b#c", "a;b=c", "a+b&c", "a b", "ü", "\u05d0\u05d1\u202e")) {
            server.enqueue(Fixtures.ok(Fixtures.orgWithId(id)));
            client.orgs().get(id);
            RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
            List<String> segments = request.getRequestUrl().pathSegments();
            assertEquals(List.of("api", "v1", "orgs", id), segments, "for id " + id);
            assertNull(request.getRequestUrl().query(), "for id " + id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"orgs/../admin", "orgs/./x", "./orgs", "orgs/..", "/orgs", "orgs\\..\\admin", "orgs\\.\\x", "orgs\r\nX: y",
            "orgs\u0000", "..", " "})
    void rawRequestPathsCannotEscapeTheApiRoot(String path) {
        assertThrows(IllegalArgumentException.class, () -> client.rawRequest("GET", path, Map.of(), null, RequestOptions.NONE));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void rawRequestEncodesWhatItSends() throws Exception {
        server.enqueue(Fixtures.ok("{}"));
        ApiResponse<String> response = client.rawRequest("GET", "orgs/%2e%2e/x y", Map.of("q", "a&b=c#d"), null, RequestOptions.NONE);
        assertEquals("{}", response.value());
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(List.of("api", "v1", "orgs", "%2e%2e", "x y"), request.getRequestUrl().pathSegments());
        assertEquals("a&b=c#d", request.getRequestUrl().queryParameter("q"));
        assertEquals(List.of("q"), List.copyOf(request.getRequestUrl().queryParameterNames()));
    }

    @Test
    void headerInjectionIsRefused() {
        String crlf = "v\r\nX-Injected: 1";
        List<Runnable> attempts = List.of(
                () -> RequestOptions.builder().header("X-Trace", crlf),
                () -> RequestOptions.builder().header("X Trace", "v"),
                () -> RequestOptions.builder().header("X-Trace:", "v"),
                () -> RequestOptions.builder().header("X-API-Key", "other"),
                () -> RequestOptions.builder().header("Authorization", "Bearer x"),
                () -> RequestOptions.builder().header("Host", "evil.example"),
                () -> RequestOptions.builder().header("X-Trace", "ünïcode"),
                () -> RequestOptions.builder().correlationId("a\nb"),
                () -> RequestOptions.builder().correlationId("ä"),
                () -> RequestOptions.builder().org("01H\r\nX: 1"),
                () -> RequestOptions.builder().org("01HÖRG"),
                () -> RequestOptions.builder().confirmationToken("t\n"),
                () -> client.withOrg("01H\nX: 1"),
                () -> client.withOrg("01HÖRG"),
                () -> OpenAppClient.builder().apiKey(API_KEY).userAgentSuffix("app/1\r\nX: 1"),
                () -> OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/").toString()).defaultOrg("a\rb"),
                () -> client.rawRequest("GET\r\nX: 1", "orgs", Map.of(), null, RequestOptions.NONE));
        for (int i = 0; i < attempts.size(); i++) {
            Runnable attempt = attempts.get(i);
            assertThrows(IllegalArgumentException.class, attempt::run, "case " + i);
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void perCallHeadersAndContextArriveIntact() throws Exception {
        server.enqueue(org());
        OrganizationResponse org = client.withOrg("01HCTX").orgs()
                .with(RequestOptions.builder().correlationId("corr-7").header("X-Trace", "a=b; c").build()).get("01HORG");
        assertEquals("01HORG", org.getId());
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("01HCTX", request.getHeader("X-Org"));
        assertEquals("corr-7", request.getHeader("X-Correlation-Id"));
        assertEquals("a=b; c", request.getHeader("X-Trace"));
        assertNull(request.getHeader("X-Injected"));
    }
}
