package house.openapp.sdk.testing;

import com.google.gson.JsonObject;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.ApiErrorResponse;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.PaginationQuery;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import retrofit2.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static house.openapp.sdk.testing.FakeClients.child;
import static house.openapp.sdk.testing.FakeClients.error;
import static house.openapp.sdk.testing.FakeClients.execute;
import static house.openapp.sdk.testing.FakeClients.ok;
import static house.openapp.sdk.testing.FakeClients.orgs;
import static house.openapp.sdk.testing.FakeClients.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway side of {@link FakeOpenApp}: authentication, strict checking, headers and faults.
 * It calls the generated {@code ...WithQuery} forms, whose signatures a new query parameter does
 * not change, so the spec-evolution drill ({@code .ci/drill}) keeps it whatever operation gains one.
 */
@WithFakeOpenApp
class FakeOpenAppGatewayTest {

  @Test
  void refusesMissingMisplacedAndUnknownKeys(FakeOpenApp fake) {
    FakeClients.RawResponse missing = raw(fake, "GET", "orgs", null, null);
    assertEquals(401, missing.code());
    assertEquals("missing_api_key", missing.json().get("error_code").getAsString());
    assertEquals(missing.header("X-Request-Id"), missing.json().get("correlationId").getAsString());

    for (String authorization : List.of(fake.apiKey(), "Bearer " + fake.apiKey())) {
      FakeClients.RawResponse misplaced = FakeClients.send(new Request.Builder().url(fake.baseUrl() + "orgs")
          .header("Authorization", authorization).build());
      assertEquals(401, misplaced.code());
      assertEquals("api_key_in_authorization", misplaced.json().get("error_code").getAsString());
      assertFalse(misplaced.body().contains(fake.apiKey()), "the key is never echoed");
    }

    FakeClients.RawResponse unknown = raw(fake, "GET", "orgs", fake.origin() + "_openapp_nope", null);
    assertEquals(401, unknown.code());
    assertEquals("invalid_api_key", unknown.json().get("error_code").getAsString());

    String key = fake.addApiKey(fake.rootOrgId(), "admin");
    assertEquals(200, raw(fake, "GET", "orgs", key, null).code());
    fake.revokeApiKey(key);
    assertEquals(401, raw(fake, "GET", "orgs", key, null).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pagination[limit]=5", "pagination=limit%3D5", "output_options=include_deleted",
      "includeDeleted=true", "cursor=abc", "page=2"})
  void refusesQueryKeysTheRouteDoesNotDeclare(String query, FakeOpenApp fake) {
    FakeClients.RawResponse response = raw(fake, "GET", "orgs?" + query, fake.apiKey(), null);

    assertEquals(400, response.code(), response.body());
    JsonObject body = response.json();
    assertEquals("unknown_query_parameter", body.get("error_code").getAsString());
    String key = query.substring(0, query.indexOf('='));
    assertTrue(body.get("message").getAsString().contains("'" + key + "'"), body.get("message").getAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"orgs?include_deleted=yes", "orgs?only_deleted=1", "orgs?limit=ten", "orgs?limit=201",
      "orgs?limit=-1", "orgs?offset=-5", "orgs?offset=99999999999", "orgs?limit=5&limit=6", "orgs?limit",
      "orgs/children?parent_id=", "orgs/search?q=x&recursive=true", "orgs/ROOT/ancestors?include_deleted=true"})
  void refusesInvalidQueryValues(String pathAndQuery, FakeOpenApp fake) {
    FakeClients.RawResponse response = raw(fake, "GET", pathAndQuery.replace("ROOT", fake.rootOrgId()), fake.apiKey(), null);

    assertEquals(400, response.code(), response.body());
    assertTrue(response.json().get("error_code").getAsString().endsWith("query_parameter"), response.body());
  }

  @Test
  void acceptsTheDeclaredQueryKeys(FakeOpenApp fake) {
    for (int i = 0; i < 7; i++) {
      fake.addOrg(fake.rootOrgId(), "Org " + i);
    }
    FakeClients.RawResponse response = raw(fake, "GET", "orgs?include_deleted=true&only_deleted=false&limit=5&offset=2",
        fake.apiKey(), null);
    assertEquals(200, response.code(), response.body());
    assertEquals(5, response.json().getAsJsonArray("items").size());
    assertEquals(8, response.json().get("total").getAsLong());

    OrganizationPage page = ok(orgs(fake).listOrgsWithQuery(null, new PaginationQuery().limit(3).offset(6), null));
    assertEquals(2, page.getItems().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\":{\"value\":{\"en\":\"T\"}},\"parent_id\":\"ROOT\",\"colour\":\"blue\"}",
      "{\"name\":{\"value\":{\"en\":\"T\"},\"fallback\":\"x\"},\"parent_id\":\"ROOT\"}",
      "{\"name\":\"T\",\"parent_id\":\"ROOT\"}",
      "{\"name\":{\"en\":\"T\"},\"parent_id\":\"ROOT\"}",
      "{\"name\":{\"value\":{\"en\":\"  \"}},\"parent_id\":\"ROOT\"}",
      "{\"name\":{\"value\":{\"en\":3}},\"parent_id\":\"ROOT\"}",
      "{\"parent_id\":\"ROOT\"}",
      "{\"name\":null,\"parent_id\":\"ROOT\"}",
      "{\"name\":{\"value\":{\"en\":\"T\"}},\"parent_id\":7}",
      "{\"name\":{\"value\":{\"en\":\"T\"}},\"parent_id\":\"ROOT\",\"parent_id\":\"ROOT\"}",
      "{\"name\":{\"value\":{\"en\":\"T\"}},\"parent_id\":\"ROOT\"} {}",
      "{name:{value:{en:'T'}}}",
      "[]",
      ""})
  void refusesCreateBodiesThatBreakTheSchema(String body, FakeOpenApp fake) {
    FakeClients.RawResponse response = raw(fake, "POST", "orgs", fake.apiKey(), body.replace("ROOT", fake.rootOrgId()));

    assertEquals(400, response.code(), response.body());
    assertEquals(1, fake.orgCount(), "nothing was created");
  }

  @Test
  void refusesUnknownUpdatePropertiesNamingThem(FakeOpenApp fake) {
    FakeClients.RawResponse response = raw(fake, "PUT", "orgs/" + fake.rootOrgId(), fake.apiKey(), "{\"displayName\":\"x\"}");

    assertEquals(400, response.code());
    assertEquals("unknown_property", response.json().get("error_code").getAsString());
    assertTrue(response.json().get("message").getAsString().contains("'displayName'"));
  }

  @Test
  void refusesWrongContentTypesAndUnexpectedBodies(FakeOpenApp fake) {
    FakeClients.RawResponse text = FakeClients.send(new Request.Builder().url(fake.baseUrl() + "orgs")
        .header("X-API-Key", fake.apiKey())
        .post(okhttp3.RequestBody.create("{\"name\":{\"value\":{\"en\":\"T\"}}}", okhttp3.MediaType.get("text/plain")))
        .build());
    assertEquals(415, text.code());
    assertEquals("unsupported_media_type", text.json().get("error_code").getAsString());

    FakeClients.RawResponse bodyOnDelete = raw(fake, "DELETE", "orgs/" + fake.rootOrgId(), fake.apiKey(), "{}");
    assertEquals(400, bodyOnDelete.code());
    assertEquals("unexpected_body", bodyOnDelete.json().get("error_code").getAsString());
  }

  @Test
  void answersUnknownRoutesAndMethods(FakeOpenApp fake) {
    FakeClients.RawResponse unknown = raw(fake, "GET", "teams", fake.apiKey(), null);
    assertEquals(404, unknown.code());
    assertEquals("route_not_found", unknown.json().get("error_code").getAsString());

    FakeClients.RawResponse outside = FakeClients.send(new Request.Builder().url(fake.origin() + "/api/v2/orgs")
        .header("X-API-Key", fake.apiKey()).build());
    assertEquals(404, outside.code());

    FakeClients.RawResponse wrongMethod = raw(fake, "PUT", "orgs/search", fake.apiKey(), "{}");
    assertEquals(405, wrongMethod.code());
    assertEquals("GET", wrongMethod.header("Allow"));
    assertEquals("method_not_allowed", wrongMethod.json().get("error_code").getAsString());
  }

  @Test
  void echoesTheCorrelationIdAsRequestIdOrMintsAUlid(FakeOpenApp fake) {
    OrgsApi correlated = orgs(fake, fake.apiKey(), "X-Correlation-Id", "trace-42");
    Response<OrganizationResponse> success = execute(correlated.getOrgWithQuery(fake.rootOrgId(), null));
    assertEquals("trace-42", success.headers().get("X-Request-Id"));
    Response<OrganizationResponse> failure = execute(correlated.getOrgWithQuery("01NOSUCHORG0000000000000000", null));
    assertEquals("trace-42", failure.headers().get("X-Request-Id"));
    assertEquals("trace-42", error(failure).getCorrelationId());

    Response<OrganizationResponse> first = execute(orgs(fake).getOrgWithQuery(fake.rootOrgId(), null));
    Response<OrganizationResponse> second = execute(orgs(fake).getOrgWithQuery(fake.rootOrgId(), null));
    assertTrue(Ulid.isValid(first.headers().get("X-Request-Id")), first.headers().get("X-Request-Id"));
    assertNotEquals(first.headers().get("X-Request-Id"), second.headers().get("X-Request-Id"));

    FakeClients.RawResponse bodiless = raw(fake, "GET", "orgs/" + fake.rootOrgId() + "/permissions", null, null);
    assertEquals(401, bodiless.code());
    assertEquals("", bodiless.body());
    assertTrue(Ulid.isValid(bodiless.header("X-Request-Id")));
  }

  @Test
  void failsTheNextRequestsOnDemand(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    fake.failNext(2, 503, Duration.ofMillis(1500));

    for (int i = 0; i < 2; i++) {
      Response<OrganizationResponse> failed = execute(orgs.getOrgWithQuery(fake.rootOrgId(), null));
      assertEquals(503, failed.code());
      assertEquals("2", failed.headers().get("Retry-After"));
      ApiErrorResponse body = error(failed);
      assertEquals("service_unavailable", body.getErrorCode());
      assertEquals(failed.headers().get("X-Request-Id"), body.getCorrelationId());
    }
    assertEquals(fake.rootOrgId(), ok(orgs.getOrgWithQuery(fake.rootOrgId(), null)).getId());
    assertEquals(3, fake.requestCount());

    fake.failNext(1, 429);
    Response<OrganizationResponse> limited = execute(orgs.createOrgWithQuery(child(fake.rootOrgId(), "T"), null));
    assertEquals(429, limited.code());
    assertNull(limited.headers().get("Retry-After"));
    assertEquals("rate_limited", error(limited).getErrorCode());
    assertEquals(1, fake.orgCount(), "a failed request changes nothing");
  }

  @Test
  void delaysResponses(FakeOpenApp fake) {
    fake.setLatency(Duration.ofMillis(300));
    long start = System.nanoTime();
    ok(orgs(fake).getOrgWithQuery(fake.rootOrgId(), null));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);

    OkHttpClient impatient = FakeClients.HTTP.newBuilder().readTimeout(Duration.ofMillis(50)).build();
    UncheckedIOException timeout = assertThrows(UncheckedIOException.class, () -> FakeClients.send(impatient,
        new Request.Builder().url(fake.baseUrl() + "orgs").header("X-API-Key", fake.apiKey()).build()));
    assertInstanceOf(InterruptedIOException.class, timeout.getCause());

    fake.setLatency(Duration.ZERO);
    // a client with the normal timeout: on a loaded machine even an undelayed answer can take 50 ms
    assertEquals(200, FakeClients.send(FakeClients.HTTP, new Request.Builder().url(fake.baseUrl() + "orgs")
        .header("X-API-Key", fake.apiKey()).build()).code());
  }

  @Test
  void dropsConnectionsOnDemand(FakeOpenApp fake) {
    OkHttpClient noRetry = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    Request request = new Request.Builder().url(fake.baseUrl() + "orgs").header("X-API-Key", fake.apiKey()).build();
    try {
      fake.dropNext(1);
      UncheckedIOException fresh = assertThrows(UncheckedIOException.class, () -> FakeClients.send(noRetry, request));
      assertInstanceOf(IOException.class, fresh.getCause());
      assertEquals(200, FakeClients.send(noRetry, request).code());

      fake.dropNext(1);
      assertThrows(UncheckedIOException.class, () -> FakeClients.send(noRetry, request), "also on a pooled connection");
      assertEquals(200, FakeClients.send(noRetry, request).code());

      assertEquals(2, fake.droppedCount());
      assertEquals(2, fake.requestCount(), "dropped requests are not in the log");
    } finally {
      noRetry.dispatcher().executorService().shutdown();
      noRetry.connectionPool().evictAll();
    }
  }

  @Test
  void logsEveryAnsweredRequest(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    ok(orgs.createOrgWithQuery(child(fake.rootOrgId(), "Logged"), null));
    ok(orgs.listOrgsWithQuery(null, new PaginationQuery().limit(5), null));
    execute(orgs.getOrgWithQuery("01NOSUCHORG0000000000000000", null));

    List<RecordedRequest> requests = fake.requests();
    assertEquals(List.of("POST /api/v1/orgs", "GET /api/v1/orgs?limit=5", "GET /api/v1/orgs/01NOSUCHORG0000000000000000"),
        requests.stream().map(r -> r.getMethod() + " " + r.getPath()).collect(Collectors.toList()));
    assertTrue(requests.get(0).getBody().clone().readUtf8().contains("\"Logged\""));
    assertEquals(fake.apiKey(), requests.get(1).getHeader("X-API-Key"));

    fake.clearRequests();
    assertEquals(0, fake.requestCount());
  }
}
