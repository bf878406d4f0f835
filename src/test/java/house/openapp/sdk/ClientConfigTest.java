package house.openapp.sdk;

import house.openapp.sdk.errors.ClientClosedException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Building a client: API keys, base URLs, plain http, fromEnv, and secrets kept out of text. */
class ClientConfigTest extends MockOpenApp {

    static Stream<Arguments> malformedKeys() {
        return Stream.of(
                Arguments.of("", "must not be empty"),
                Arguments.of("http://127.0.0.1:8080" + SECRET, "'_openapp_' separator"),
                Arguments.of("http://127.0.0.1:8080_openapp_", "non-empty secret"),
                Arguments.of("http://127.0.0.1:8080/api_openapp_" + SECRET, "must not have a path"),
                Arguments.of("https://openapp.example/api/v1_openapp_" + SECRET, "must not have a path"),
                Arguments.of("ftp://127.0.0.1:8080_openapp_" + SECRET, "must use http or https"),
                Arguments.of("openapp.example_openapp_" + SECRET, "must use http or https"),
                Arguments.of("https://user:pw@openapp.example_openapp_" + SECRET, "no user info"),
                Arguments.of("https://openapp.example?x=1_openapp_" + SECRET, "query or fragment"),
                Arguments.of("https://openapp.example_openapp_" + SECRET + " \n", "printable ASCII"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedKeys")
    void malformedKeysFailAtBuildNamingTheRuleWithoutTheSecret(String key, String rule) {
        OpenAppClient.Builder builder = OpenAppClient.builder().apiKey(key);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertTrue(e.getMessage().startsWith("apiKey"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "the message echoes the secret: " + e.getMessage());
        assertFalse(e.getMessage().contains(SECRET.substring(0, 6)), "the message echoes part of the secret: " + e.getMessage());
    }

    @Test
    void theApiRootComesFromTheKeyOrigin() {
        assertEquals(URI.create(origin() + "/api/v1/"), client.baseUrl());
        OpenAppClient trailingSlash = track(OpenAppClient.builder().apiKey("https://openapp.example/_openapp_" + SECRET).build());
        assertEquals(URI.create("https://openapp.example/api/v1/"), trailingSlash.baseUrl());
        OpenAppClient withPort = track(OpenAppClient.builder().apiKey("https://openapp.example:8443_openapp_" + SECRET).build());
        assertEquals(URI.create("https://openapp.example:8443/api/v1/"), withPort.baseUrl());
    }

    @Test
    void aSecretContainingTheSeparatorIsKeptWhole() throws Exception {
        String key = origin() + "_openapp_abc_openapp_def";
        OpenAppClient odd = track(OpenAppClient.builder().apiKey(key).sleeper(duration -> { }).build());
        enqueueJson(orgMin("01HX"));

        odd.orgs().get("01HX");

        assertEquals(URI.create(origin() + "/api/v1/"), odd.baseUrl());
        assertEquals(key, take("GET", "/orgs/01HX").getHeader("X-API-Key"));
    }

    @Test
    void anExplicitBaseUrlOverridesTheKeyOrigin() throws Exception {
        String key = "https://elsewhere.example_openapp_" + SECRET;
        OpenAppClient overridden = track(OpenAppClient.builder().apiKey(key).baseUrl(origin() + "/api/v1").build());
        enqueueJson(orgMin("01HX"));

        overridden.orgs().get("01HX");

        RecordedRequest request = take("GET", "/orgs/01HX");
        assertEquals(key, request.getHeader("X-API-Key"), "the whole key is sent, verbatim");
    }

    @Test
    void aBearerTokenGoesInAuthorizationAndNeverAsApiKey() throws Exception {
        OpenAppClient session = track(OpenAppClient.builder().bearerToken("eyJhbGciOi.jwt").baseUrl(origin() + "/api/v1").build());
        enqueueJson(orgMin("01HX"));

        session.orgs().get("01HX");

        RecordedRequest request = take("GET", "/orgs/01HX");
        assertEquals("Bearer eyJhbGciOi.jwt", request.getHeader("Authorization"));
        assertNull(request.getHeader("X-API-Key"));
    }

    @Test
    void credentialsAreRequiredAndExclusive() {
        assertThrows(IllegalStateException.class, () -> OpenAppClient.builder().build());
        assertThrows(IllegalStateException.class, () -> builder().bearerToken("jwt").build());
        assertThrows(IllegalStateException.class, () -> OpenAppClient.builder().bearerToken("jwt").build(), "a JWT needs a base URL");
    }

    @Test
    void theUserAgentCarriesTheSuffix() throws Exception {
        OpenAppClient branded = newClient(builder -> builder.userAgentSuffix("my-app/1.2"));
        enqueueJson(orgMin("01HX"));

        branded.orgs().get("01HX");

        String agent = take().getHeader("User-Agent");
        assertTrue(agent.startsWith("openapp-java/") && agent.contains(" okhttp/") && agent.endsWith(" my-app/1.2"), agent);
    }

    @Test
    void toStringsNeverShowTheSecret() {
        OpenAppClient.Builder builder = builder().defaultOrg("01HORG");
        OpenAppClient built = track(builder.build());
        RequestOptions options = RequestOptions.builder().confirmationToken("pv_" + SECRET).build();

        for (String text : new String[] {client.toString(), builder.toString(), built.toString(), built.withOrg("01HA").toString(),
                built.orgs().toString(), built.orgs().with(options).toString(), options.toString(),
                OpenAppClient.builder().bearerToken(SECRET).toString()}) {
            assertFalse(text.contains(SECRET), "secret shown in: " + text);
            assertFalse(text.contains(apiKey()), "key shown in: " + text);
        }
        assertTrue(built.toString().contains("<redacted>"), built.toString());
        assertTrue(built.toString().contains("01HORG"), "the org context is shown: " + built);
    }

    @Test
    void httpLoggingRedactsTheKeyAndTheConfirmationToken() throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("house.openapp.sdk.http");
        java.util.logging.Level previous = log.getLevel();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(java.util.logging.Level.ALL);
        log.setLevel(java.util.logging.Level.ALL);
        log.addHandler(handler);
        try {
            OpenAppClient logging = newClient(builder -> builder.logging(true));
            enqueue(json(orgMin("01HX")).setHeader("Set-Cookie", "session=" + SECRET));

            logging.orgs().with(RequestOptions.builder().confirmationToken("pv_" + SECRET).build()).purge("01HX");

            take("DELETE", "/orgs/01HX/purge?include_deleted=true");
            assertFalse(lines.isEmpty(), "the request was logged");
            assertTrue(lines.stream().anyMatch(line -> line.contains("DELETE") && line.contains("/orgs/01HX/purge")), lines.toString());
            for (String line : lines) {
                assertFalse(line.contains(SECRET), "secret logged: " + line);
            }
        } finally {
            log.removeHandler(handler);
            log.setLevel(previous);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.test", "http://10.0.0.5:8080", "http://openapp.example.test.localhost.evil.example"})
    void plainHttpOnANonLoopbackHostIsRefusedUnlessAllowed(String origin) {
        OpenAppClient.Builder refused = OpenAppClient.builder().apiKey(origin + "_openapp_" + SECRET);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, refused::build);
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        assertTrue(e.getMessage().contains("allowInsecureHttp"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());

        OpenAppClient allowed = track(OpenAppClient.builder().apiKey(origin + "_openapp_" + SECRET).allowInsecureHttp(true).build());
        assertEquals(URI.create(origin + "/api/v1/"), allowed.baseUrl());

        OpenAppClient.Builder refusedBaseUrl = OpenAppClient.builder().apiKey("https://openapp.example_openapp_" + SECRET)
                .baseUrl(origin + "/api/v1");
        assertThrows(IllegalArgumentException.class, refusedBaseUrl::build);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080",
            "https://openapp.example"})
    void loopbackHttpAndHttpsAreAllowed(String origin) {
        assertDoesNotThrow(() -> track(OpenAppClient.builder().apiKey(origin + "_openapp_" + SECRET).build()));
    }

    @Test
    void fromEnvReadsKeyBaseUrlAndOrg() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put(OpenAppClient.ENV_API_KEY, " https://elsewhere.example_openapp_" + SECRET + "\n");
        env.put(OpenAppClient.ENV_BASE_URL, origin() + "/api/v1");
        env.put(OpenAppClient.ENV_ORG, "01HENV");
        OpenAppClient fromEnv = track(OpenAppClient.fromEnv(env));
        enqueueJson(orgMin("01HX"));

        fromEnv.orgs().get("01HX");

        RecordedRequest request = take("GET", "/orgs/01HX");
        assertEquals("https://elsewhere.example_openapp_" + SECRET, request.getHeader("X-API-Key"));
        assertEquals("01HENV", request.getHeader("X-Org"));
        assertEquals(Optional.of("01HENV"), fromEnv.org());
        assertEquals(URI.create(origin() + "/api/v1/"), fromEnv.baseUrl());
    }

    @Test
    void fromEnvWithOnlyTheKeyDerivesTheRootAndHasNoOrg() throws Exception {
        OpenAppClient fromEnv = track(OpenAppClient.fromEnv(Map.of("OPENAPP_API_KEY", apiKey(), "OPENAPP_ORG", "  ")));
        enqueueJson(orgMin("01HX"));

        fromEnv.orgs().get("01HX");

        RecordedRequest request = take("GET", "/orgs/01HX");
        assertAuthenticated(request);
        assertNull(request.getHeader("X-Org"));
        assertEquals(Optional.empty(), fromEnv.org());
    }

    @Test
    void fromEnvWithoutAKeyFails() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> OpenAppClient.fromEnv(Map.of("OPENAPP_BASE_URL", origin(), "OPENAPP_ORG", "01HENV")));
        assertEquals("OPENAPP_API_KEY is not set", missing.getMessage());
        assertThrows(IllegalStateException.class, () -> OpenAppClient.fromEnv(Map.of("OPENAPP_API_KEY", " ")));
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> OpenAppClient.fromEnv(Map.of("OPENAPP_API_KEY", "ftp://x_openapp_" + SECRET)));
        assertFalse(malformed.getMessage().contains(SECRET));
    }

    @Test
    void credentialsDoNotFollowARedirectToAnotherOrigin() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start(InetAddress.getByName("127.0.0.1"), 0);
            other.enqueue(json(orgMin("01HX")));
            enqueue(new MockResponse().setResponseCode(302).setHeader("Location", other.url("/elsewhere/01HX")));

            client.withOrg("01HCTX").orgs().get("01HX");

            assertAuthenticated(take("GET", "/orgs/01HX"));
            RecordedRequest redirected = other.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("/elsewhere/01HX", redirected.getPath());
            assertNull(redirected.getHeader("X-API-Key"));
            assertNull(redirected.getHeader("Authorization"));
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        OpenAppClient closing = newClient(builder -> { });
        closing.close();
        closing.close();

        ClientClosedException e = assertThrows(ClientClosedException.class, () -> closing.orgs().list());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }
}
