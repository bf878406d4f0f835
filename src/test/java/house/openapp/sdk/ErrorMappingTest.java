package house.openapp.sdk;

import house.openapp.sdk.errors.AuthenticationException;
import house.openapp.sdk.errors.BadRequestException;
import house.openapp.sdk.errors.ConflictException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.OpenAppApiException;
import house.openapp.sdk.errors.OpenAppConnectionException;
import house.openapp.sdk.errors.OpenAppDecodingException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.errors.PermissionDeniedException;
import house.openapp.sdk.errors.QuotaExceededException;
import house.openapp.sdk.errors.RateLimitException;
import house.openapp.sdk.errors.ServerException;
import house.openapp.sdk.errors.UnprocessableEntityException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error type, produced from a real HTTP response or transport failure. */
class ErrorMappingTest extends MockOpenApp {

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, "invalid_id", BadRequestException.class),
                Arguments.of(401, "unauthenticated", AuthenticationException.class),
                Arguments.of(403, "forbidden", PermissionDeniedException.class),
                Arguments.of(404, "not_found", NotFoundException.class),
                Arguments.of(409, "already_exists", ConflictException.class),
                Arguments.of(422, "would_orphan_users", UnprocessableEntityException.class),
                Arguments.of(429, "slow_down", RateLimitException.class),
                Arguments.of(500, "internal", ServerException.class),
                Arguments.of(502, null, ServerException.class),
                Arguments.of(503, "maintenance", ServerException.class),
                Arguments.of(504, "gateway_timeout", ServerException.class),
                Arguments.of(418, "teapot", OpenAppApiException.class));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("statuses")
    void statusMapsToItsExceptionWithEveryDetail(int status, String errorCode, Class<? extends OpenAppApiException> type) throws Exception {
        OpenAppClient once = newClient(builder -> builder.retryPolicy(RetryPolicy.NONE));
        enqueue(apiError(status, errorCode, "went wrong").addHeader("X-Trace", "t-" + status));

        OpenAppApiException e = assertThrows(OpenAppApiException.class, () -> once.orgs().get("01HORG"));

        assertEquals(type, e.getClass());
        assertEquals(status, e.statusCode());
        assertEquals(Optional.ofNullable(errorCode), e.errorCode());
        assertEquals(Optional.of("went wrong"), e.serverMessage());
        assertEquals(Optional.of("corr-" + status), e.correlationId());
        assertEquals(Optional.of("req-" + status), e.requestId());
        assertEquals(List.of("t-" + status), e.headers().get("x-trace"));
        assertEquals(Optional.empty(), e.rawBody(), "a JSON error body is parsed, not kept raw");
        assertEquals(1, e.attempts());
        assertTrue(e.getMessage().contains(String.valueOf(status)) && e.getMessage().contains("went wrong")
                && e.getMessage().contains("req-" + status), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void quotaExceededIsNeverRetried() {
        enqueue(apiError(429, "quota_exceeded", "the parent's org quota is full"), json(orgMin("01HNEVER")));

        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> client.orgs().get("01HORG"));

        assertInstanceOf(RateLimitException.class, e);
        assertEquals(429, e.statusCode());
        assertEquals(Optional.of("quota_exceeded"), e.errorCode());
        assertEquals(Optional.of("req-429"), e.requestId());
        assertEquals(1, e.attempts());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void quotaExceededOnCreateIsAQuotaError() {
        enqueue(apiError(429, "quota_exceeded", "full"));

        assertThrows(QuotaExceededException.class, () -> client.orgs().create("Field Office"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void rateLimitIsRetriedAfterTheServersWait() throws Exception {
        List<Duration> waits = new ArrayList<>();
        OpenAppClient recording = newClient(builder -> builder.sleeper(waits::add));
        enqueue(apiError(429, "slow_down", "later").setHeader("Retry-After", "2"), json(orgMin("01HORG")));

        ApiResponse<OrganizationResponse> response = recording.orgs().withResponse().get("01HORG");

        assertEquals(2, response.attempts());
        assertEquals(List.of(Duration.ofSeconds(2)), waits);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void serverErrorsAreRetriedThenReportedWithTheAttemptCount() {
        for (int i = 0; i < 4; i++) {
            enqueue(apiError(503, "maintenance", "try later"));
        }

        ServerException e = assertThrows(ServerException.class, () -> client.orgs().list());

        assertEquals(4, e.attempts(), "the first attempt and 3 retries");
        assertEquals(4, server.getRequestCount());
        assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
    }

    @Test
    void aServerErrorOnCreateIsNotSentTwice() {
        enqueue(apiError(503, "maintenance", "try later"), json(orgMin("01HDUPLICATE")));

        ServerException e = assertThrows(ServerException.class, () -> client.orgs().create("Field Office"));

        assertEquals(1, e.attempts());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void bodilessForbiddenFromPermissionsKeepsTheEmptyRawBody() {
        enqueue(new MockResponse().setResponseCode(403).setHeader("X-Request-Id", "req-perm"));

        PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> client.orgs().permissions("01HORG"));

        assertEquals(403, e.statusCode());
        assertEquals(Optional.empty(), e.serverMessage());
        assertEquals(Optional.empty(), e.errorCode());
        assertEquals(Optional.empty(), e.correlationId());
        assertEquals("", e.rawBody().orElse(""));
        assertEquals(Optional.of("req-perm"), e.requestId());
    }

    @Test
    void htmlBadGatewayKeepsTheRawBody() {
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        OpenAppClient once = newClient(builder -> builder.retryPolicy(RetryPolicy.NONE));
        enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html").setHeader("X-Request-Id", "req-proxy")
                .setBody(html));

        ServerException e = assertThrows(ServerException.class, () -> once.orgs().get("01HORG"));

        assertEquals(502, e.statusCode());
        assertEquals(Optional.of(html), e.rawBody());
        assertEquals(Optional.empty(), e.serverMessage());
        assertEquals(Optional.empty(), e.errorCode());
        assertEquals(Optional.of("req-proxy"), e.requestId());
        assertEquals(List.of("text/html"), e.headers().get("content-type"));
        assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
    }

    @Test
    void jsonWithoutMessageIsKeptRaw() {
        enqueue(json(400, "{\"error\":\"nope\"}"));

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.orgs().get("01HORG"));

        assertEquals(Optional.of("{\"error\":\"nope\"}"), e.rawBody());
    }

    @Test
    void connectionRefusedIsAConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        OpenAppClient nowhere = track(OpenAppClient.builder().apiKey("http://127.0.0.1:" + closedPort + "_openapp_" + SECRET)
                .sleeper(duration -> { }).build());

        OpenAppConnectionException e = assertThrows(OpenAppConnectionException.class, () -> nowhere.orgs().get("01HORG"));

        assertEquals(OpenAppConnectionException.class, e.getClass(), "refused is not a timeout");
        assertEquals(4, e.attempts(), "a connection that never opened is retried");
        assertTrue(e.getMessage().contains("GET http://127.0.0.1:" + closedPort + "/api/v1/orgs/01HORG"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aReadTimeoutIsATimeoutError() {
        OpenAppClient impatient = newClient(builder -> builder.readTimeout(Duration.ofMillis(200)).retryPolicy(RetryPolicy.NONE));
        enqueue(noResponse());

        OpenAppTimeoutException e = assertThrows(OpenAppTimeoutException.class, () -> impatient.orgs().get("01HORG"));

        assertInstanceOf(OpenAppConnectionException.class, e);
        assertEquals(1, e.attempts());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void anAsyncReadTimeoutIsATimeoutError() {
        OpenAppClient impatient = newClient(builder -> builder.readTimeout(Duration.ofMillis(200)).retryPolicy(RetryPolicy.NONE));
        enqueue(noResponse());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> impatient.orgs().async().get("01HORG").get(5, TimeUnit.SECONDS));

        assertInstanceOf(OpenAppTimeoutException.class, e.getCause());
    }

    @Test
    void invalidJsonOnSuccessIsADecodingError() {
        enqueue(json("{\"id\": \"01HORG\", \"name\": ").setHeader("X-Request-Id", "req-bad"));

        OpenAppDecodingException e = assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("01HORG"));

        assertEquals(200, e.statusCode());
        assertEquals(Optional.of("req-bad"), e.requestId());
        assertEquals(1, e.attempts());
    }

    @Test
    void aWrongTypeOrContentTypeOnSuccessIsADecodingError() {
        enqueue(json("{\"id\":\"01HORG\",\"name\":{\"value\":{\"en\":\"x\"}},\"created_at\":\"yesterday\"}"),
                new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>login</html>"),
                json(""));

        assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("01HORG"));
        assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("01HORG"));
        assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("01HORG"));
    }

    @Test
    void everyErrorIsAnOpenAppException() {
        enqueue(apiError(404, "not_found", "no"));

        OpenAppException e = assertThrows(OpenAppException.class, () -> client.orgs().delete("01HORG"));

        assertInstanceOf(NotFoundException.class, e);
        assertInstanceOf(RuntimeException.class, e);
    }
}
