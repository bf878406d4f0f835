package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.ApiErrorResponse;
import house.openapp.sdk.generated.model.OrgPermissionsResponse;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserPage;
import house.openapp.sdk.generated.model.UserResponse;
import java.lang.annotation.Annotation;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/**
 * A newer server may add properties anywhere and new values to open string sets (roles,
 * permission keys, error codes, locales); this client must keep reading what it knows.
 */
class ForwardCompatibilityTest extends MockServerTest {
  private static final String ORG_ID = "01J9ZK3M7Q8RSTVWXYZ0ABCDEF";

  private OrgsApi orgs() {
    return apiKeyClient().createService(OrgsApi.class);
  }

  @Test
  void organizationPageWithUnknownPropertiesAtEveryLevelParses() throws Exception {
    enqueueJson(200, """
        {
          "items": [{
            "id": "01J9ZK3M7Q8RSTVWXYZ0ABCDEF",
            "name": {"value": {"en": "Acme", "x-tlh": "Akme", "_meta": {"source": "import"}},
                     "default_locale": "en", "history": [{"en": "Old Acme"}]},
            "parent_id": "01J9ZK0000PARENT0000000000",
            "parent_name": {"value": {"en": "Holdings"}, "resolved_by": "cache"},
            "user_roles": {"01J9USER00000000000000000A": ["admin", "billing:approve-refunds"]},
            "is_personal": false,
            "archived_at": "2030-01-01T00:00:00Z",
            "region": {"code": "eu-west", "tags": ["a", 1, true, null]},
            "feature_flags": [{"name": "beta", "on": true}],
            "quota": 12.5
          }],
          "total": 1,
          "next_cursor": "opaque",
          "facets": {"by_type": [{"key": "company", "count": 1}]}
        }""");

    Response<OrganizationPage> response = orgs().listOrgs(null, null).execute();
    takeRequest();

    assertSuccessful(response, 200);
    assertEquals(1L, response.body().getTotal());
    OrganizationResponse org = response.body().getItems().get(0);
    assertEquals(ORG_ID, org.getId());
    assertEquals(Map.of("en", "Acme", "x-tlh", "Akme"), org.getName().getValue());
    assertEquals(Map.of("en", "Holdings"), org.getParentName().getValue());
    assertEquals(Map.of("01J9USER00000000000000000A", List.of("admin", "billing:approve-refunds")),
        org.getUserRoles());
    assertEquals(Boolean.FALSE, org.getIsPersonal());
    assertNull(org.getHasChildren());
  }

  @Test
  void userPageWithUnknownPropertiesAndRolesParses() throws Exception {
    enqueueJson(200, """
        {
          "items": [{
            "id": "01J9USER00000000000000000A",
            "name": {"value": {"en": "Dana"}, "pronunciation": "DAH-nah"},
            "email": "dana@example.com",
            "email_is_synthetic": true,
            "roles": {"01J9ZK3M7Q8RSTVWXYZ0ABCDEF": ["site:superintendent"]},
            "created_at": "2025-01-02T03:04:05Z",
            "avatar": {"url": "https://cdn.example/a.png", "sizes": [32, 64]},
            "mfa_methods": ["totp", "passkey"],
            "last_seen_at": "2025-05-06T07:08:09Z"
          }],
          "total": 1,
          "cursor": null
        }""");

    Response<UserPage> response = orgs().listOrgUsers(ORG_ID, ORG_ID, null, null, null).execute();
    takeRequest();

    assertSuccessful(response, 200);
    UserResponse user = response.body().getItems().get(0);
    assertEquals("01J9USER00000000000000000A", user.getId());
    assertEquals(Map.of("en", "Dana"), user.getName().getValue());
    assertEquals("dana@example.com", user.getEmail());
    assertEquals(Boolean.TRUE, user.getEmailIsSynthetic());
    assertEquals(Map.of(ORG_ID, List.of("site:superintendent")), user.getRoles());
    assertEquals(OffsetDateTime.parse("2025-01-02T03:04:05Z"), user.getCreatedAt());
  }

  @Test
  void ancestorsWithUnknownPropertiesParse() throws Exception {
    enqueueJson(200, """
        [{"id": "01J9ROOT00000000000000000A", "name": {"value": {"en": "Root"}}, "user_roles": {},
          "depth": 0, "path": ["01J9ROOT00000000000000000A"], "meta": {"x": {"y": {"z": []}}}}]""");

    Response<List<OrganizationResponse>> response = orgs().listOrgAncestors(ORG_ID).execute();
    takeRequest();

    assertSuccessful(response, 200);
    assertEquals("01J9ROOT00000000000000000A", response.body().get(0).getId());
    assertEquals(Map.of("en", "Root"), response.body().get(0).getName().getValue());
  }

  @Test
  void permissionsWithUnknownKeysAndPropertiesParse() throws Exception {
    enqueueJson(200, """
        {"permissions": ["admin", "gates:open-remotely", "future.scope/with-odd_chars"],
         "inherited_from": {"admin": "01J9ROOT00000000000000000A"}, "evaluated_at": 1735689600}""");

    Response<OrgPermissionsResponse> response = orgs().getOrgPermissions(ORG_ID).execute();
    takeRequest();

    assertSuccessful(response, 200);
    assertEquals(List.of("admin", "gates:open-remotely", "future.scope/with-odd_chars"),
        response.body().getPermissions());
  }

  @Test
  void imageUrlWithUnknownPropertiesParses() throws Exception {
    enqueueJson(200, """
        {"url": "https://cdn.example/x.webp", "expires_in_seconds": 60,
         "content_type": "image/avif", "variants": {"thumb": {"url": "https://cdn.example/t.webp"}}}""");

    Response<ResourceImageUrlResponse> response =
        apiKeyClient().createService(MediaApi.class).getOrgImage(ORG_ID).execute();
    takeRequest();

    assertSuccessful(response, 200);
    assertEquals("https://cdn.example/x.webp", response.body().getUrl());
    assertEquals(60L, response.body().getExpiresInSeconds());
  }

  @Test
  void errorBodyWithUnknownCodeAndPropertiesParses() throws Exception {
    enqueueJson(429, """
        {"message": "Too many organisations", "error_code": "org_quota_exceeded_v2",
         "correlationId": "01JA0REQUEST0000000000000X", "retry_after_seconds": 30,
         "details": [{"field": "parent_id", "issue": "quota"}], "preview_token": null}""");
    ApiClient client = apiKeyClient();

    Response<OrganizationResponse> response = client.createService(OrgsApi.class).getOrg(ORG_ID, null).execute();
    takeRequest();

    assertFalse(response.isSuccessful());
    assertEquals(429, response.code());
    assertEquals(REQUEST_ID, response.headers().get("X-Request-Id"));
    ApiErrorResponse error = client.getRetrofit()
        .<ApiErrorResponse>responseBodyConverter(ApiErrorResponse.class, new Annotation[0])
        .convert(response.errorBody());
    assertEquals("Too many organisations", error.getMessage());
    assertEquals("org_quota_exceeded_v2", error.getErrorCode());
    assertEquals(REQUEST_ID, error.getCorrelationId());
    assertNull(error.getPreviewToken());
  }
}
