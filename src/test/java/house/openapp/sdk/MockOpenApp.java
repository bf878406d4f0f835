package house.openapp.sdk;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Test fixture: a MockWebServer on loopback and an {@link OpenAppClient} whose API key points
 * at it, so tests drive the real stack (façade, generated services, OkHttp) and inspect the
 * exact requests. Retry waits are no-ops. Every client made here is closed after the test.
 */
abstract class MockOpenApp {
    /** The secret part of the test API key; no message or toString may ever show it. */
    static final String SECRET = "sk7Zq9SecretValueXw3";

    static final String API = "/api/v1";

    /**
     * MockWebServer logs every pooled connection the client closes without using as a warning;
     * kept (strongly referenced) at SEVERE so the build output stays readable.
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet(java.util.logging.Logger.getLogger(MockWebServer.class.getName()));

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    MockWebServer server;
    OpenAppClient client;
    private final List<OpenAppClient> clients = new ArrayList<>();

    @BeforeEach
    void startMockOpenApp() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = newClient(builder -> { });
    }

    @AfterEach
    void stopMockOpenApp() throws IOException {
        clients.forEach(OpenAppClient::close);
        server.shutdown();
    }

    /** The origin of the mock server, as an API key carries it. */
    String origin() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A well-formed API key for the mock server. */
    String apiKey() {
        return origin() + "_openapp_" + SECRET;
    }

    /** A builder for the mock server whose retries never sleep. */
    OpenAppClient.Builder builder() {
        return OpenAppClient.builder().apiKey(apiKey()).sleeper(duration -> { });
    }

    /** Builds a client for the mock server with extra configuration; closed after the test. */
    OpenAppClient newClient(Consumer<OpenAppClient.Builder> configure) {
        OpenAppClient.Builder builder = builder();
        configure.accept(builder);
        return track(builder.build());
    }

    /** Closes the client after the test. */
    OpenAppClient track(OpenAppClient other) {
        clients.add(other);
        return other;
    }

    // ---- responses ---------------------------------------------------------------------------

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse json(String body) {
        return json(200, body);
    }

    void enqueue(MockResponse... responses) {
        for (MockResponse response : responses) {
            server.enqueue(response);
        }
    }

    void enqueueJson(String body) {
        server.enqueue(json(body));
    }

    /** An error body as the API sends it. */
    static MockResponse apiError(int status, String errorCode, String message) {
        String code = errorCode == null ? "null" : "\"" + errorCode + "\"";
        return json(status, "{\"message\":\"" + message + "\",\"error_code\":" + code + ",\"correlationId\":\"corr-" + status + "\"}")
                .setHeader("X-Request-Id", "req-" + status);
    }

    /** A response that never comes: the server reads the request and keeps the socket open. */
    static MockResponse noResponse() {
        return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
    }

    // ---- bodies --------------------------------------------------------------------------------

    /** A full organisation, every field set. */
    static String org(String id, String englishName) {
        return """
                {"id":"%s","name":{"value":{"en":"%s","he":"משרד"}},"description":"North gate","parent_id":"01HROOT",
                 "is_personal":false,"user_roles":{"01HUSER1":["admin","users:read"]},
                 "created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-03T04:05:06+02:00","deleted_at":null,
                 "has_children":true,"parent_name":{"en":"Headquarters"},"a_field_from_the_future":42}
                """.formatted(id, englishName);
    }

    /** A minimal organisation. */
    static String orgMin(String id) {
        return "{\"id\":\"" + id + "\",\"name\":{\"value\":{\"en\":\"Org " + id + "\"}},\"user_roles\":{}}";
    }

    /** A page of items with a total. */
    static String page(long total, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"total\":" + total + "}";
    }

    /** A page of minimal organisations with these ids. */
    static String orgPage(long total, String... ids) {
        String[] items = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            items[i] = orgMin(ids[i]);
        }
        return page(total, items);
    }

    static String user(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"Ada\",\"email\":\"ada@example.org\",\"email_is_synthetic\":false,"
                + "\"roles\":{\"01HORG\":[\"admin\"]},\"phone\":null}";
    }

    static String imageUrl() {
        return "{\"url\":\"https://cdn.example/org/01HORG.png?sig=abc\",\"expires_in_seconds\":900}";
    }

    // ---- requests ------------------------------------------------------------------------------

    /** The next request the server received; fails if none arrives within 5 s. */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the server");
        return request;
    }

    /** Takes the next request and checks its method and path (with the exact query string). */
    RecordedRequest take(String method, String pathAndQuery) throws InterruptedException {
        RecordedRequest request = take();
        assertEquals(method + " " + API + pathAndQuery, request.getMethod() + " " + request.getPath());
        return request;
    }

    /** Asserts that nothing else reached the server. */
    void assertNoMoreRequests() throws InterruptedException {
        assertNull(server.takeRequest(50, TimeUnit.MILLISECONDS), "an unexpected request reached the server");
    }

    static JsonElement tree(String json) {
        return JsonParser.parseString(json);
    }

    /** Asserts the request body is this JSON, compared as a tree. */
    static void assertJsonBody(String expected, RecordedRequest request) {
        assertEquals(tree(expected), tree(request.getBody().readUtf8()), "request body");
    }

    /** Asserts the request carries the client's credentials and user agent. */
    void assertAuthenticated(RecordedRequest request) {
        assertEquals(apiKey(), request.getHeader("X-API-Key"), "X-API-Key is the whole key");
        assertNull(request.getHeader("Authorization"), "an API key never goes in Authorization");
        String agent = request.getHeader("User-Agent");
        assertNotNull(agent);
        assertEquals(true, agent.startsWith("openapp-java/"), "User-Agent " + agent);
    }
}
