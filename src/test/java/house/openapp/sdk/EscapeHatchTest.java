package house.openapp.sdk;

import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.ServerException;
import house.openapp.sdk.generated.model.OrgPermissionsResponse;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.PaginationQuery;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escape hatch: {@code client.generated()} and {@code client.rawRequest(...)} share the
 * façade's credentials, base URL, org context, timeouts and retries.
 */
class EscapeHatchTest extends MockOpenApp {

    @Test
    void generatedOrgsApiSharesAuthBaseUrlAndOrgContext() throws Exception {
        enqueueJson(org("01HORG", "Field Office"));

        Response<OrganizationResponse> response = client.withOrg("01HCTX").generated().orgsApi().getOrg("01HORG", true).execute();

        RecordedRequest request = take("GET", "/orgs/01HORG?include_deleted=true");
        assertAuthenticated(request);
        assertEquals("01HCTX", request.getHeader("X-Org"));
        assertTrue(response.isSuccessful());
        assertEquals("01HORG", response.body().getId());
        assertEquals(Optional.of("Field Office"), LocalizedString.from(response.body().getName()).get("en"));
    }

    @Test
    void generatedQueryObjectsReachTheWireUnprefixed() throws Exception {
        enqueueJson(orgPage(0));

        Response<OrganizationPage> response = client.generated().orgsApi()
                .listOrgs(ListParams.builder().onlyDeleted(true).build().outputOptions(), new PaginationQuery().limit(3).offset(6))
                .execute();

        take("GET", "/orgs?only_deleted=true&limit=3&offset=6");
        assertEquals(0L, response.body().getTotal());
    }

    @Test
    void generatedOrgsApiIsRetriedLikeTheFacade() throws Exception {
        enqueue(new MockResponse().setResponseCode(503), json("{\"permissions\":[\"admin\"]}"));

        Response<OrgPermissionsResponse> response = client.generated().orgsApi().getOrgPermissions("01HORG").execute();

        assertTrue(response.isSuccessful());
        assertEquals(List.of("admin"), response.body().getPermissions());
        assertEquals(2, server.getRequestCount(), "the 503 was retried through the generated service");
        assertAuthenticated(take());
        assertAuthenticated(take());
    }

    @Test
    void generatedMediaApiSharesTheStackToo() throws Exception {
        enqueue(new MockResponse().setResponseCode(204));

        Response<Void> response = client.withOrg("01HCTX").generated().mediaApi().deleteOrgImage("01HORG").execute();

        assertEquals(204, response.code());
        RecordedRequest request = take("DELETE", "/orgs/01HORG/image");
        assertAuthenticated(request);
        assertEquals("01HCTX", request.getHeader("X-Org"));
    }

    @Test
    void generatedServicesShareTheTimeouts() throws Exception {
        OpenAppClient impatient = newClient(builder -> builder.readTimeout(Duration.ofMillis(200))
                .connectTimeout(Duration.ofMillis(300)).callTimeout(Duration.ofSeconds(7)).retryPolicy(RetryPolicy.NONE));
        OkHttpClient http = impatient.generated().apiClient().getOkHttpClient();
        assertEquals(200, http.readTimeoutMillis());
        assertEquals(300, http.connectTimeoutMillis());

        enqueue(noResponse());
        assertThrows(SocketTimeoutException.class, () -> impatient.generated().orgsApi().getOrg("01HORG", null).execute());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void generatedCallsAreCutAtTheClientsCallTimeout() throws Exception {
        OpenAppClient hasty = newClient(builder -> builder.callTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(10))
                .retryPolicy(RetryPolicy.NONE));
        // every byte arrives within the read timeout, but the whole body would take 30 s
        enqueue(json(orgMin("01HORG")).throttleBody(1, 100, java.util.concurrent.TimeUnit.MILLISECONDS));
        long started = System.nanoTime();
        java.io.InterruptedIOException timeout = assertThrows(java.io.InterruptedIOException.class,
                () -> hasty.generated().orgsApi().getOrg("01HORG", null).execute());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("timeout", timeout.getMessage());
        assertTrue(millis >= 300 && millis < 5_000, "cut after " + millis + " ms");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void generatedApiClientCreatesFurtherServicesOnTheSameStack() throws Exception {
        enqueueJson("[]");

        house.openapp.sdk.generated.api.OrgsApi again = client.withOrg("01HCTX").generated().apiClient()
                .createService(house.openapp.sdk.generated.api.OrgsApi.class);
        again.listOrgAncestors("01HORG").execute();

        RecordedRequest request = take("GET", "/orgs/01HORG/ancestors");
        assertAuthenticated(request);
        assertEquals("01HCTX", request.getHeader("X-Org"));
    }

    @Test
    void rawRequestSharesAuthContextAndQueryOrder() throws Exception {
        enqueue(json("{\"permissions\":[]}").setHeader("X-Request-Id", "req-raw"));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("z", "1");
        query.put("a", "x y");

        ApiResponse<String> response = client.withOrg("01HCTX").rawRequest("get", "orgs/01HORG/permissions", query, null,
                RequestOptions.builder().correlationId("raw-1").build());

        RecordedRequest request = take("GET", "/orgs/01HORG/permissions?z=1&a=x%20y");
        assertAuthenticated(request);
        assertEquals("01HCTX", request.getHeader("X-Org"));
        assertEquals("raw-1", request.getHeader("X-Correlation-Id"));
        assertEquals(200, response.statusCode());
        assertEquals("{\"permissions\":[]}", response.value());
        assertEquals(Optional.of("req-raw"), response.requestId());
        assertEquals(1, response.attempts());
    }

    @Test
    void rawRequestSendsAJsonBody() throws Exception {
        enqueueJson(orgMin("01HNEW"));

        ApiResponse<String> response = client.rawRequest("POST", "orgs", Map.of(), "{\"name\":{\"value\":{\"en\":\"Raw\"}}}",
                RequestOptions.NONE);

        RecordedRequest request = take("POST", "/orgs");
        assertAuthenticated(request);
        assertEquals(MediaType.get("application/json; charset=utf-8"), MediaType.get(request.getHeader("Content-Type")));
        assertJsonBody("{\"name\":{\"value\":{\"en\":\"Raw\"}}}", request);
        assertEquals(tree(orgMin("01HNEW")), tree(response.value()));
    }

    @Test
    void rawRequestIsRetriedAndMapsErrors() throws Exception {
        enqueue(new MockResponse().setResponseCode(503), json("{}"), apiError(404, "not_found", "gone"));

        ApiResponse<String> retried = client.rawRequest("GET", "orgs/01HORG", Map.of(), null, RequestOptions.NONE);
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.rawRequest("GET", "orgs/01HORG", Map.of(), null, RequestOptions.NONE));

        assertEquals(2, retried.attempts());
        assertEquals(Optional.of("req-404"), e.requestId());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void rawRequestDoesNotRetryAPost() {
        enqueue(new MockResponse().setResponseCode(503), json("{}"));

        ServerException e = assertThrows(ServerException.class,
                () -> client.rawRequest("POST", "orgs", Map.of(), "{}", RequestOptions.NONE));

        assertEquals(1, e.attempts());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void rawRequestRefusesPathsOutsideTheApiRoot() {
        for (String path : List.of("/orgs", "../admin", "orgs/../../x", "orgs/\r\nX-Evil: 1", " ")) {
            assertThrows(IllegalArgumentException.class,
                    () -> client.rawRequest("GET", path, Map.of(), null, RequestOptions.NONE), path);
        }
        assertThrows(IllegalArgumentException.class,
                () -> client.rawRequest("GE T", "orgs", Map.of(), null, RequestOptions.NONE));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theGeneratedLayerNeverSeesTheSecretInToString() {
        assertFalse(client.generated().apiClient().toString().contains(SECRET));
    }
}
