package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import retrofit2.Response;

/**
 * A {@link MockWebServer} per test and an {@link ApiClient} pointed at its {@code /api/v1}
 * root, so every test drives the real stack: ApiClient, Retrofit, OkHttp, the wire.
 */
abstract class MockServerTest {
  static final String API_KEY = "http://localhost:8080_openapp_s3cr3t-Key";
  static final String REQUEST_ID = "01JA0REQUEST0000000000000X";

  MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  /** The API root as a caller would configure it: origin plus {@code /api/v1}, no trailing slash. */
  String apiRoot() {
    return server.url("/api/v1").toString();
  }

  /** A client that authenticates with {@link #API_KEY}. */
  ApiClient apiKeyClient() {
    return ApiClient.builder().baseUrl(apiRoot()).apiKey(API_KEY).build();
  }

  /** Queues a JSON response carrying {@code X-Request-Id}, as every server response does. */
  void enqueueJson(int status, String json) {
    server.enqueue(new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", REQUEST_ID)
        .setBody(json));
  }

  /** Queues a bodiless response carrying {@code X-Request-Id}. */
  void enqueueEmpty(int status) {
    server.enqueue(new MockResponse()
        .setResponseCode(status)
        .setHeader("X-Request-Id", REQUEST_ID));
  }

  /** The next request the server received; fails if none arrives within five seconds. */
  RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "the server received no request");
    return request;
  }

  /** The request carries the API key in {@code X-API-Key} and nothing in {@code Authorization}. */
  static void assertApiKeyAuthentication(RecordedRequest request) {
    assertEquals(API_KEY, request.getHeader("X-API-Key"), "X-API-Key header");
    assertNull(request.getHeader("Authorization"), "an API key must never be sent in Authorization");
  }

  /** Successful, and the response's {@code X-Request-Id} is readable. */
  static void assertSuccessful(Response<?> response, int status) {
    assertTrue(response.isSuccessful(), () -> "expected success but got " + response.code());
    assertEquals(status, response.code());
    assertEquals(REQUEST_ID, response.headers().get("X-Request-Id"));
  }

  /** No query key looks like an unspread query object ({@code pagination=}, {@code a[b]}, {@code a.b}). */
  static void assertNoObjectStyleQueryKeys(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    for (String name : url.queryParameterNames()) {
      assertFalse(name.equals("pagination") || name.equals("output_options"),
          () -> "query object sent whole: " + url.encodedQuery());
      assertFalse(name.contains("[") || name.contains("]") || name.contains("."),
          () -> "prefixed or bracketed query key: " + url.encodedQuery());
    }
  }

  /** Compares two JSON texts as trees: property order and whitespace do not matter. */
  static void assertJsonEquals(String expected, String actual) {
    JsonElement expectedTree = JsonParser.parseString(expected);
    JsonElement actualTree = JsonParser.parseString(actual);
    assertEquals(expectedTree, actualTree, () -> "JSON differs; sent " + actual);
  }
}
