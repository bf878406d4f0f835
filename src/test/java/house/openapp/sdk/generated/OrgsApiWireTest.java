package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.generated.model.LocalizedStringModel;
import house.openapp.sdk.generated.model.MultiResourceOutputOptionsQuery;
import house.openapp.sdk.generated.model.OrgPermissionsResponse;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.PaginationQuery;
import house.openapp.sdk.generated.model.UpdateOrganizationRequest;
import house.openapp.sdk.generated.model.UserPage;
import house.openapp.sdk.generated.model.UserResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/** Every operation of {@link OrgsApi}, request and response, as they cross the wire. */
class OrgsApiWireTest extends MockServerTest {
  private static final String ORG_ID = "01J9ZK3M7Q8RSTVWXYZ0ABCDEF";
  private static final String PARENT_ID = "01J9ZK0000PARENT0000000000";
  private static final String USER_ID = "01J9USER00000000000000000A";

  private static final String ORG_JSON = """
      {
        "id": "01J9ZK3M7Q8RSTVWXYZ0ABCDEF",
        "name": {"value": {"en": "Acme", "he": "אקמה"}},
        "description": "Main tenant",
        "parent_id": "01J9ZK0000PARENT0000000000",
        "is_personal": false,
        "user_roles": {"01J9USER00000000000000000A": ["admin", "users:read"]},
        "created_at": "2025-01-02T03:04:05Z",
        "updated_at": "2025-02-03T04:05:06.789+02:00",
        "has_children": true,
        "parent_name": {"value": {"en": "Acme Holdings"}}
      }""";

  private OrgsApi orgs() {
    return apiKeyClient().createService(OrgsApi.class);
  }

  private static void assertIsAcme(OrganizationResponse org) {
    assertEquals(ORG_ID, org.getId());
    assertEquals(Map.of("en", "Acme", "he", "אקמה"), org.getName().getValue());
    assertEquals("Main tenant", org.getDescription());
    assertEquals(PARENT_ID, org.getParentId());
    assertEquals(Boolean.FALSE, org.getIsPersonal());
    assertEquals(Map.of(USER_ID, List.of("admin", "users:read")), org.getUserRoles());
    assertEquals(OffsetDateTime.parse("2025-01-02T03:04:05Z"), org.getCreatedAt());
    assertEquals(OffsetDateTime.parse("2025-02-03T04:05:06.789+02:00"), org.getUpdatedAt());
    assertNull(org.getDeletedAt());
    assertEquals(Boolean.TRUE, org.getHasChildren());
    assertEquals(Map.of("en", "Acme Holdings"), org.getParentName().getValue());
  }

  @Test
  void listOrgsSpreadsQueryObjectsIntoPlainKeys() throws Exception {
    enqueueJson(200, "{\"items\": [" + ORG_JSON + "], \"total\": 123}");

    Response<OrganizationPage> response = orgs().listOrgs(
        new MultiResourceOutputOptionsQuery().includeDeleted(true).onlyDeleted(false),
        new PaginationQuery().limit(50).offset(100)).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs?include_deleted=true&only_deleted=false&limit=50&offset=100", request.getPath());
    assertNoObjectStyleQueryKeys(request);
    assertApiKeyAuthentication(request);
    assertEquals(0, request.getBodySize());

    assertSuccessful(response, 200);
    assertEquals(123L, response.body().getTotal());
    assertEquals(1, response.body().getItems().size());
    assertIsAcme(response.body().getItems().get(0));
  }

  @Test
  void listOrgsLeavesOutUnsetQueryObjectsAndProperties() throws Exception {
    enqueueJson(200, "{\"items\": [], \"total\": 0}");
    enqueueJson(200, "{\"items\": [], \"total\": 0}");
    enqueueJson(200, "{\"items\": [], \"total\": 0}");

    orgs().listOrgs(null, null).execute();
    orgs().listOrgs(new MultiResourceOutputOptionsQuery(), new PaginationQuery().limit(50)).execute();
    Response<OrganizationPage> response =
        orgs().listOrgs(new MultiResourceOutputOptionsQuery().onlyDeleted(true), null).execute();

    assertEquals("/api/v1/orgs", takeRequest().getPath());
    assertEquals("/api/v1/orgs?limit=50", takeRequest().getPath());
    assertEquals("/api/v1/orgs?only_deleted=true", takeRequest().getPath());
    assertSuccessful(response, 200);
    assertEquals(0L, response.body().getTotal());
    assertTrue(response.body().getItems().isEmpty());
  }

  @Test
  void createOrgPostsTheRequestAsJson() throws Exception {
    enqueueJson(200, ORG_JSON);
    CreateOrganizationRequest body = new CreateOrganizationRequest()
        .name(new LocalizedStringModel().putValueItem("en", "Acme").putValueItem("he", "אקמה"))
        .description("Main tenant")
        .parentId(PARENT_ID)
        .id(ORG_ID);

    Response<OrganizationResponse> response = orgs().createOrg(body, null).execute();

    RecordedRequest request = takeRequest();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/orgs", request.getPath());
    assertApiKeyAuthentication(request);
    assertTrue(request.getHeader("Content-Type").startsWith("application/json"), request.getHeader("Content-Type"));
    assertJsonEquals("""
        {
          "name": {"value": {"en": "Acme", "he": "אקמה"}},
          "description": "Main tenant",
          "parent_id": "01J9ZK0000PARENT0000000000",
          "id": "01J9ZK3M7Q8RSTVWXYZ0ABCDEF"
        }""", request.getBody().readUtf8());

    assertSuccessful(response, 200);
    assertIsAcme(response.body());
  }

  @Test
  void listOrgChildrenSendsParentIdBeforeTheSpreadQueryObjects() throws Exception {
    enqueueJson(200, """
        {"items": [{"id": "01J9CHILD0000000000000000A", "name": {"value": {"en": "Branch"}},
                    "parent_id": "parent 1", "user_roles": {}, "has_children": false}],
         "total": 1}""");

    Response<OrganizationPage> response = orgs().listOrgChildren("parent 1",
        new MultiResourceOutputOptionsQuery().onlyDeleted(true),
        new PaginationQuery().offset(20)).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/children?parent_id=parent%201&only_deleted=true&offset=20", request.getPath());
    assertNoObjectStyleQueryKeys(request);
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    assertEquals(1L, response.body().getTotal());
    OrganizationResponse child = response.body().getItems().get(0);
    assertEquals("01J9CHILD0000000000000000A", child.getId());
    assertEquals(Map.of("en", "Branch"), child.getName().getValue());
    assertEquals("parent 1", child.getParentId());
    assertEquals(Boolean.FALSE, child.getHasChildren());
    assertTrue(child.getUserRoles().isEmpty());
    assertNull(child.getParentName());
  }

  @Test
  void searchOrgsEncodesTheQueryTextAndSpreadsPagination() throws Exception {
    enqueueJson(200, "{\"items\": [" + ORG_JSON + "], \"total\": 1}");

    Response<OrganizationPage> response = orgs().searchOrgs("Acme & Co+",
        new MultiResourceOutputOptionsQuery().includeDeleted(false),
        new PaginationQuery().limit(10).offset(0)).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/search?q=Acme%20%26%20Co%2B&include_deleted=false&limit=10&offset=0",
        request.getPath());
    assertEquals("Acme & Co+", request.getRequestUrl().queryParameter("q"));
    assertNoObjectStyleQueryKeys(request);
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    assertIsAcme(response.body().getItems().get(0));
  }

  @Test
  void getOrgPercentEncodesTheIdInThePath() throws Exception {
    enqueueJson(200, ORG_JSON);

    Response<OrganizationResponse> response = orgs().getOrg("org 1?draft", true).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/org%201%3Fdraft?include_deleted=true", request.getPath());
    assertEquals(List.of("api", "v1", "orgs", "org 1?draft"), request.getRequestUrl().pathSegments());
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    assertIsAcme(response.body());
  }

  @Test
  void updateOrgPutsOnlyTheChangedProperties() throws Exception {
    enqueueJson(200, ORG_JSON);
    UpdateOrganizationRequest body = new UpdateOrganizationRequest()
        .name(new LocalizedStringModel().putValueItem("en", "Acme Renamed"))
        .parentId(PARENT_ID);

    Response<OrganizationResponse> response = orgs().updateOrg("team/a b", body, false).execute();

    RecordedRequest request = takeRequest();
    assertEquals("PUT", request.getMethod());
    assertEquals("/api/v1/orgs/team%2Fa%20b?include_deleted=false", request.getPath());
    assertApiKeyAuthentication(request);
    assertJsonEquals("""
        {"name": {"value": {"en": "Acme Renamed"}}, "parent_id": "01J9ZK0000PARENT0000000000"}""",
        request.getBody().readUtf8());

    assertSuccessful(response, 200);
    assertIsAcme(response.body());
  }

  @Test
  void deleteOrgReturnsTheSoftDeletedOrganisation() throws Exception {
    enqueueJson(200, """
        {"id": "01J9ZK3M7Q8RSTVWXYZ0ABCDEF", "name": {"value": {"en": "Acme"}}, "user_roles": {},
         "deleted_at": "2025-03-04T05:06:07Z", "hard_delete_at": "2025-04-04T05:06:07Z"}""");

    Response<OrganizationResponse> response = orgs().deleteOrg(ORG_ID, null).execute();

    RecordedRequest request = takeRequest();
    assertEquals("DELETE", request.getMethod());
    assertEquals("/api/v1/orgs/" + ORG_ID, request.getPath());
    assertApiKeyAuthentication(request);
    assertEquals(0, request.getBodySize());

    assertSuccessful(response, 200);
    assertEquals(ORG_ID, response.body().getId());
    assertEquals(OffsetDateTime.parse("2025-03-04T05:06:07Z"), response.body().getDeletedAt());
    assertEquals(OffsetDateTime.parse("2025-04-04T05:06:07Z"), response.body().getHardDeleteAt());
    assertNull(response.body().getPurgeAt());
  }

  @Test
  void hardDeleteOrgCallsThePurgeRoute() throws Exception {
    enqueueJson(200, """
        {"id": "01J9ZK3M7Q8RSTVWXYZ0ABCDEF", "name": {"value": {"en": "Acme"}}, "user_roles": {},
         "deleted_at": "2025-03-04T05:06:07Z", "purge_at": "2025-03-05T00:00:00Z"}""");

    Response<OrganizationResponse> response = orgs().hardDeleteOrg(ORG_ID, true).execute();

    RecordedRequest request = takeRequest();
    assertEquals("DELETE", request.getMethod());
    assertEquals("/api/v1/orgs/" + ORG_ID + "/purge?include_deleted=true", request.getPath());
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    assertEquals(ORG_ID, response.body().getId());
    assertEquals(OffsetDateTime.parse("2025-03-05T00:00:00Z"), response.body().getPurgeAt());
  }

  @Test
  void listOrgAncestorsReadsAJsonArrayRootMostFirst() throws Exception {
    enqueueJson(200, """
        [{"id": "01J9ROOT00000000000000000A", "name": {"value": {"en": "Root"}}, "user_roles": {}},
         {"id": "01J9ZK0000PARENT0000000000", "name": {"value": {"en": "Acme Holdings"}},
          "parent_id": "01J9ROOT00000000000000000A", "user_roles": {}}]""");

    Response<List<OrganizationResponse>> response = orgs().listOrgAncestors(ORG_ID).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/" + ORG_ID + "/ancestors", request.getPath());
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    List<OrganizationResponse> ancestors = response.body();
    assertEquals(2, ancestors.size());
    assertEquals("01J9ROOT00000000000000000A", ancestors.get(0).getId());
    assertNull(ancestors.get(0).getParentId());
    assertEquals(PARENT_ID, ancestors.get(1).getId());
    assertEquals("01J9ROOT00000000000000000A", ancestors.get(1).getParentId());
    assertEquals(Map.of("en", "Acme Holdings"), ancestors.get(1).getName().getValue());
  }

  @Test
  void getOrgPermissionsReadsThePermissionKeys() throws Exception {
    enqueueJson(200, "{\"permissions\": [\"admin\", \"users:create\"]}");

    Response<OrgPermissionsResponse> response = orgs().getOrgPermissions(ORG_ID).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/" + ORG_ID + "/permissions", request.getPath());
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    assertEquals(List.of("admin", "users:create"), response.body().getPermissions());
  }

  @Test
  void listOrgUsersSendsTheOrgContextHeaderAndSpreadQueryObjects() throws Exception {
    enqueueJson(200, """
        {"items": [{"id": "01J9USER00000000000000000A", "name": {"value": {"en": "Dana"}},
                    "email": "dana@example.com", "email_is_synthetic": false,
                    "phone": "+972500000000", "merged_into_user_id": null,
                    "roles": {"org 7": ["admin"], "01J9CHILD0000000000000000A": ["users:read"]},
                    "created_at": "2025-01-02T03:04:05Z"}],
         "total": 41}""");

    Response<UserPage> response = orgs().listOrgUsers("org 7", "org 7",
        new MultiResourceOutputOptionsQuery().includeDeleted(false).onlyDeleted(true),
        new PaginationQuery().limit(10).offset(20), true).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/org%207/users?include_deleted=false&only_deleted=true&limit=10&offset=20&recursive=true",
        request.getPath());
    assertNoObjectStyleQueryKeys(request);
    assertEquals("org 7", request.getHeader("X-Org"));
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    assertEquals(41L, response.body().getTotal());
    UserResponse user = response.body().getItems().get(0);
    assertEquals(USER_ID, user.getId());
    assertEquals(Map.of("en", "Dana"), user.getName().getValue());
    assertEquals("dana@example.com", user.getEmail());
    assertEquals(Boolean.FALSE, user.getEmailIsSynthetic());
    assertEquals("+972500000000", user.getPhone());
    assertNull(user.getMergedIntoUserId());
    assertEquals(Map.of("org 7", List.of("admin"), "01J9CHILD0000000000000000A", List.of("users:read")),
        user.getRoles());
    assertEquals(OffsetDateTime.parse("2025-01-02T03:04:05Z"), user.getCreatedAt());
  }

  @Test
  void bearerTokenGoesInAuthorizationAndNoApiKeyIsSent() throws Exception {
    enqueueJson(200, "{\"permissions\": []}");
    OrgsApi orgs = ApiClient.builder().baseUrl(apiRoot()).bearerToken("eyJhbGciOi.payload.sig").build()
        .createService(OrgsApi.class);

    Response<OrgPermissionsResponse> response = orgs.getOrgPermissions(ORG_ID).execute();

    RecordedRequest request = takeRequest();
    assertEquals("Bearer eyJhbGciOi.payload.sig", request.getHeader("Authorization"));
    assertNull(request.getHeader("X-API-Key"));
    assertSuccessful(response, 200);
    assertTrue(response.body().getPermissions().isEmpty());
  }
}
