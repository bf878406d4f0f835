package house.openapp.sdk.testing;

import com.google.gson.JsonObject;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.ApiErrorResponse;
import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.generated.model.MultiResourceOutputOptionsQuery;
import house.openapp.sdk.generated.model.OrgPermissionsResponse;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.PaginationQuery;
import house.openapp.sdk.generated.model.UpdateOrganizationRequest;
import house.openapp.sdk.generated.model.UserPage;
import house.openapp.sdk.generated.model.UserResponse;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static house.openapp.sdk.testing.FakeClients.child;
import static house.openapp.sdk.testing.FakeClients.error;
import static house.openapp.sdk.testing.FakeClients.execute;
import static house.openapp.sdk.testing.FakeClients.name;
import static house.openapp.sdk.testing.FakeClients.ok;
import static house.openapp.sdk.testing.FakeClients.orgs;
import static house.openapp.sdk.testing.FakeClients.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The organisation behaviour of {@link FakeOpenApp}, driven through the generated client. */
@WithFakeOpenApp
class FakeOpenAppTest {
  private static final MultiResourceOutputOptionsQuery INCLUDE_DELETED =
      new MultiResourceOutputOptionsQuery().includeDeleted(true);
  private static final MultiResourceOutputOptionsQuery ONLY_DELETED =
      new MultiResourceOutputOptionsQuery().onlyDeleted(true);

  @Test
  void startsWithARootAnAdminKeyAndKeysThatCarryTheOrigin(FakeOpenApp fake) {
    assertTrue(fake.origin().matches("http://127\\.0\\.0\\.1:\\d+"), fake.origin());
    assertEquals(fake.origin() + "/api/v1/", fake.baseUrl());
    assertTrue(fake.apiKey().startsWith(fake.origin() + "_openapp_"));
    assertTrue(fake.platformAdminKey().startsWith(fake.origin() + "_openapp_"));
    assertTrue(Ulid.isValid(fake.rootOrgId()));

    OrganizationResponse root = ok(orgs(fake).getOrg(fake.rootOrgId(), null));
    assertEquals(fake.rootOrgId(), root.getId());
    assertEquals(Map.of("en", "Root"), root.getName().getValue());
    assertNull(root.getParentId());
    assertNotNull(root.getCreatedAt());
  }

  @Test
  void createAnswers200WithTheBundlesJsonShape(FakeOpenApp fake) {
    String body = "{\"name\":{\"value\":{\"en\":\"Team\",\"he\":\"צוות\"}},\"parent_id\":\"" + fake.rootOrgId() + "\"}";
    FakeClients.RawResponse response = raw(fake, "POST", "orgs", fake.apiKey(), body);

    assertEquals(200, response.code(), response.body());
    assertTrue(response.header("Content-Type").startsWith("application/json"));
    JsonObject json = response.json();
    assertTrue(Ulid.isValid(json.get("id").getAsString()));
    assertEquals("Team", json.getAsJsonObject("name").getAsJsonObject("value").get("en").getAsString());
    assertEquals("צוות", json.getAsJsonObject("name").getAsJsonObject("value").get("he").getAsString());
    assertEquals(fake.rootOrgId(), json.get("parent_id").getAsString());
    assertTrue(json.get("description").isJsonNull());
    assertFalse(json.get("is_personal").getAsBoolean());
    assertEquals(0, json.getAsJsonObject("user_roles").size());
    assertTrue(json.has("created_at") && json.has("updated_at"));
    assertFalse(json.has("deleted_at"), "unset lifecycle timestamps are absent");
    assertFalse(json.has("has_children"), "has_children belongs to the tree routes only");
  }

  @Test
  void onlyAPlatformAdministratorCreatesRootsOrChoosesIds(FakeOpenApp fake) {
    Response<OrganizationResponse> denied = execute(orgs(fake).createOrg(new CreateOrganizationRequest()
        .name(name("Another root")), null));
    assertEquals(403, denied.code());
    assertEquals("forbidden", error(denied).getErrorCode());

    Response<OrganizationResponse> chosenByAdmin = execute(orgs(fake).createOrg(
        child(fake.rootOrgId(), "Chosen").id("my-team"), null));
    assertEquals(403, chosenByAdmin.code());

    OrgsApi platform = orgs(fake, fake.platformAdminKey());
    OrganizationResponse root = ok(platform.createOrg(new CreateOrganizationRequest().name(name("Another root")), null));
    assertNull(root.getParentId());
    OrganizationResponse chosen = ok(platform.createOrg(child(root.getId(), "Chosen").id("my-team"), null));
    assertEquals("my-team", chosen.getId());

    Response<OrganizationResponse> duplicate = execute(platform.createOrg(child(root.getId(), "Again").id("my-team"), null));
    assertEquals(409, duplicate.code());
    assertEquals("already_exists", error(duplicate).getErrorCode());
  }

  @Test
  void movesSubtreesAndRefusesCycles(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    String a = ok(orgs.createOrg(child(fake.rootOrgId(), "A"), null)).getId();
    String b = ok(orgs.createOrg(child(a, "B"), null)).getId();
    String c = ok(orgs.createOrg(child(b, "C"), null)).getId();
    String x = ok(orgs.createOrg(child(fake.rootOrgId(), "X"), null)).getId();

    OrganizationResponse moved = ok(orgs.updateOrg(b, new UpdateOrganizationRequest().parentId(x), null));
    assertEquals(x, moved.getParentId());
    assertEquals(List.of(fake.rootOrgId(), x, b), ids(ok(orgs.listOrgAncestors(c))));
    assertEquals(List.of(b), ids(ok(orgs.listOrgChildren(x, null, null)).getItems()));
    assertEquals(List.of(), ids(ok(orgs.listOrgChildren(a, null, null)).getItems()));

    Response<OrganizationResponse> underDescendant = execute(orgs.updateOrg(x, new UpdateOrganizationRequest().parentId(c), null));
    assertEquals(422, underDescendant.code());
    assertEquals("cycle", error(underDescendant).getErrorCode());
    Response<OrganizationResponse> underItself = execute(orgs.updateOrg(x, new UpdateOrganizationRequest().parentId(x), null));
    assertEquals(422, underItself.code());
    assertEquals("cycle", error(underItself).getErrorCode());
    Response<OrganizationResponse> underNothing = execute(orgs.updateOrg(x, new UpdateOrganizationRequest().parentId("01NOSUCHORG0000000000000000"), null));
    assertEquals(422, underNothing.code());
    assertEquals("invalid_parent", error(underNothing).getErrorCode());

    String elsewhere = fake.addOrg(null, "Elsewhere");
    Response<OrganizationResponse> withoutAdminThere = execute(orgs.updateOrg(b, new UpdateOrganizationRequest().parentId(elsewhere), null));
    assertEquals(403, withoutAdminThere.code());
    assertEquals(x, ok(orgs.getOrg(b, null)).getParentId(), "a refused move changes nothing");
  }

  @Test
  void refusesTreesDeeperThanTheMaximum(FakeOpenApp fake) {
    String parent = fake.rootOrgId();
    for (int depth = 2; depth <= 8; depth++) {
      parent = fake.addOrg(parent, "Level " + depth);
    }
    OrgsApi orgs = orgs(fake);
    Response<OrganizationResponse> ninth = execute(orgs.createOrg(child(parent, "Level 9"), null));
    assertEquals(422, ninth.code());
    assertEquals("max_depth_exceeded", error(ninth).getErrorCode());

    String top = fake.addOrg(fake.rootOrgId(), "Top");
    fake.addOrg(top, "Below top");
    String levelSeven = ok(orgs.listOrgAncestors(parent)).get(6).getId();
    Response<OrganizationResponse> tooDeep = execute(orgs.updateOrg(top, new UpdateOrganizationRequest().parentId(levelSeven), null));
    assertEquals(422, tooDeep.code());
    assertEquals("max_depth_exceeded", error(tooDeep).getErrorCode());
  }

  @Test
  void updateChangesOnlyThePropertiesSent(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    OrganizationResponse created = ok(orgs.createOrg(child(fake.rootOrgId(), "Team").description("first"), null));

    OrganizationResponse described = ok(orgs.updateOrg(created.getId(), new UpdateOrganizationRequest().description("second"), null));
    assertEquals("second", described.getDescription());
    assertEquals(Map.of("en", "Team"), described.getName().getValue());
    assertEquals(fake.rootOrgId(), described.getParentId());

    OrganizationResponse renamed = ok(orgs.updateOrg(created.getId(), new UpdateOrganizationRequest().name(name("Squad")), null));
    assertEquals(Map.of("en", "Squad"), renamed.getName().getValue());
    assertEquals("second", renamed.getDescription());

    OrganizationResponse untouched = ok(orgs.updateOrg(created.getId(), new UpdateOrganizationRequest(), null));
    assertEquals(renamed.getUpdatedAt(), untouched.getUpdatedAt());

    FakeClients.RawResponse cleared = raw(fake, "PUT", "orgs/" + created.getId(), fake.apiKey(), "{\"description\":null}");
    assertEquals(200, cleared.code(), cleared.body());
    assertTrue(cleared.json().get("description").isJsonNull());
    assertEquals("Squad", cleared.json().getAsJsonObject("name").getAsJsonObject("value").get("en").getAsString());
  }

  @Test
  void softDeletedOrganisationsShowOnlyWhenAskedFor(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    String parent = ok(orgs.createOrg(child(fake.rootOrgId(), "Parent"), null)).getId();
    String gone = ok(orgs.createOrg(child(parent, "Gone"), null)).getId();
    String kept = ok(orgs.createOrg(child(parent, "Kept"), null)).getId();

    Response<OrganizationResponse> parentWithChildren = execute(orgs.deleteOrg(parent, null));
    assertEquals(409, parentWithChildren.code());
    assertEquals("has_live_children", error(parentWithChildren).getErrorCode());

    OrganizationResponse deleted = ok(orgs.deleteOrg(gone, null));
    assertNotNull(deleted.getDeletedAt());
    assertTrue(fake.isDeleted(gone));
    Response<OrganizationResponse> hidden = execute(orgs.getOrg(gone, null));
    assertEquals(404, hidden.code());
    assertEquals("not_found", error(hidden).getErrorCode());
    assertEquals(deleted.getDeletedAt(), ok(orgs.getOrg(gone, true)).getDeletedAt());
    assertEquals(404, execute(orgs.deleteOrg(gone, null)).code());
    assertEquals(deleted.getDeletedAt(), ok(orgs.deleteOrg(gone, true)).getDeletedAt(), "deleting again changes nothing");

    assertEquals(List.of(fake.rootOrgId(), parent, kept), ids(ok(orgs.listOrgs(null, null)).getItems()));
    assertEquals(List.of(fake.rootOrgId(), parent, gone, kept), ids(ok(orgs.listOrgs(INCLUDE_DELETED, null)).getItems()));
    assertEquals(List.of(gone), ids(ok(orgs.listOrgs(ONLY_DELETED, null)).getItems()));
    assertEquals(List.of(kept), ids(ok(orgs.listOrgChildren(parent, null, null)).getItems()));
    assertEquals(List.of(gone, kept), ids(ok(orgs.listOrgChildren(parent, INCLUDE_DELETED, null)).getItems()));
    assertEquals(List.of(), ids(ok(orgs.searchOrgs("gone", null, null)).getItems()));
    assertEquals(List.of(gone), ids(ok(orgs.searchOrgs("gone", INCLUDE_DELETED, null)).getItems()));
    assertEquals(404, execute(orgs.updateOrg(gone, new UpdateOrganizationRequest().description("x"), null)).code());
    assertEquals("x", ok(orgs.updateOrg(gone, new UpdateOrganizationRequest().description("x"), true)).getDescription());
  }

  @Test
  void childrenListTheVisibleForestWithHasChildren(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    String a = fake.addOrg(fake.rootOrgId(), "A");
    String b = fake.addOrg(fake.rootOrgId(), "B");
    String a1 = fake.addOrg(a, "A1");
    String otherRoot = fake.addOrg(null, "Other root");

    OrganizationPage roots = ok(orgs.listOrgChildren(null, null, null));
    assertEquals(List.of(fake.rootOrgId()), ids(roots.getItems()));
    assertEquals(Boolean.TRUE, roots.getItems().get(0).getHasChildren());

    OrganizationPage children = ok(orgs.listOrgChildren(fake.rootOrgId(), null, null));
    assertEquals(List.of(a, b), ids(children.getItems()));
    assertEquals(List.of(true, false), children.getItems().stream().map(OrganizationResponse::getHasChildren).collect(Collectors.toList()));
    assertEquals(2L, children.getTotal());

    ok(orgs.deleteOrg(a1, null));
    assertEquals(Boolean.FALSE, ok(orgs.listOrgChildren(fake.rootOrgId(), null, null)).getItems().get(0).getHasChildren());
    assertEquals(Boolean.TRUE, ok(orgs.listOrgChildren(fake.rootOrgId(), INCLUDE_DELETED, null)).getItems().get(0).getHasChildren());

    assertEquals(List.of(fake.rootOrgId(), otherRoot), ids(ok(orgs(fake, fake.platformAdminKey()).listOrgChildren(null, null, null)).getItems()));
    assertEquals(List.of(a), ids(ok(orgs(fake, fake.addApiKey(a, "member")).listOrgChildren(null, null, null)).getItems()));

    Response<OrganizationPage> unknown = execute(orgs.listOrgChildren("01NOSUCHORG0000000000000000", null, null));
    assertEquals(404, unknown.code());
  }

  @Test
  void searchMatchesNamesInEveryLocaleAndExactIds(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    String blue = fake.addOrg(fake.rootOrgId(), Map.of("en", "Blue Team", "he", "צוות כחול"));
    String inside = fake.addOrg(blue, "Inside");
    fake.addOrg(fake.rootOrgId(), "Red Team");

    OrganizationPage byEnglish = ok(orgs.searchOrgs("bLUE", null, null));
    assertEquals(List.of(blue), ids(byEnglish.getItems()));
    OrganizationResponse hit = byEnglish.getItems().get(0);
    assertEquals(Map.of("en", "Root"), hit.getParentName().getValue());
    assertEquals(Boolean.TRUE, hit.getHasChildren());

    assertEquals(List.of(blue), ids(ok(orgs.searchOrgs("כחול", null, null)).getItems()));
    assertEquals(List.of(inside), ids(ok(orgs.searchOrgs(inside, null, null)).getItems()));
    assertEquals(2L, ok(orgs.searchOrgs("team", null, null)).getTotal());

    OrganizationPage blank = ok(orgs.searchOrgs("   ", null, null));
    assertEquals(0L, blank.getTotal());
    assertEquals(List.of(), blank.getItems());

    FakeClients.RawResponse rootHit = raw(fake, "GET", "orgs/search?q=root", fake.apiKey(), null);
    assertTrue(rootHit.json().getAsJsonArray("items").get(0).getAsJsonObject().get("parent_name").isJsonNull());
    assertEquals(400, raw(fake, "GET", "orgs/search", fake.apiKey(), null).code(), "q is required");
  }

  @Test
  void ancestorsAreRootMostFirstAndOnlyTheVisibleOnes(FakeOpenApp fake) {
    String a = fake.addOrg(fake.rootOrgId(), "A");
    String b = fake.addOrg(a, "B");
    String c = fake.addOrg(b, "C");

    assertEquals(List.of(fake.rootOrgId(), a, b), ids(ok(orgs(fake).listOrgAncestors(c))));
    assertEquals(List.of(), ids(ok(orgs(fake).listOrgAncestors(fake.rootOrgId()))));
    assertEquals(List.of(b), ids(ok(orgs(fake, fake.addApiKey(b, "member")).listOrgAncestors(c))));
    assertEquals(404, execute(orgs(fake).listOrgAncestors("01NOSUCHORG0000000000000000")).code());
  }

  @Test
  void permissionsAreInheritedAndBodilessWhenDenied(FakeOpenApp fake) {
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    OrgPermissionsResponse admin = ok(orgs(fake).getOrgPermissions(team));
    assertEquals(List.copyOf(FakeOpenApp.ADMIN_PERMISSIONS), admin.getPermissions());

    String reader = fake.addApiKey(fake.rootOrgId(), "users:read");
    assertEquals(List.of("users:read"), ok(orgs(fake, reader).getOrgPermissions(team)).getPermissions());

    Response<OrgPermissionsResponse> none = execute(orgs(fake, fake.addApiKey()).getOrgPermissions(team));
    assertEquals(403, none.code());
    assertEquals("", FakeClients.errorText(none));
    Response<OrgPermissionsResponse> unknown = execute(orgs(fake).getOrgPermissions("01NOSUCHORG0000000000000000"));
    assertEquals(404, unknown.code());
    assertEquals("", FakeClients.errorText(unknown));
  }

  @Test
  void callersWithoutTheRightRoleAreRefused(FakeOpenApp fake) {
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    OrgsApi stranger = orgs(fake, fake.addApiKey());
    Response<OrganizationResponse> get = execute(stranger.getOrg(team, null));
    assertEquals(403, get.code());
    ApiErrorResponse body = error(get);
    assertEquals("forbidden", body.getErrorCode());
    assertNotNull(body.getMessage());
    assertEquals(get.headers().get("X-Request-Id"), body.getCorrelationId());
    assertEquals(0L, ok(stranger.listOrgs(null, null)).getTotal());

    OrgsApi reader = orgs(fake, fake.addApiKey(team, "users:read"));
    assertEquals(team, ok(reader.getOrg(team, null)).getId());
    assertEquals(403, execute(reader.createOrg(child(team, "Sub"), null)).code());
    assertEquals(403, execute(reader.updateOrg(team, new UpdateOrganizationRequest().description("x"), null)).code());
    assertEquals(403, execute(reader.deleteOrg(team, null)).code());
    assertEquals(403, execute(reader.getOrg(fake.rootOrgId(), null)).code(), "roles are inherited down, not up");
  }

  @Test
  void listsUsersDirectlyOrRecursivelyAndNeedsXOrg(FakeOpenApp fake) {
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    String sub = fake.addOrg(team, "Sub");
    String ada = fake.addUser(team, "ada@example.com", "admin");
    String bob = fake.addUser(sub, null, "member");
    fake.grantUser(ada, sub, "member");
    String gone = fake.addUser(team, "gone@example.com");
    fake.deleteUser(gone);
    OrgsApi orgs = orgs(fake);

    UserPage direct = ok(orgs.listOrgUsers(team, team, null, null, null));
    assertEquals(List.of(ada), direct.getItems().stream().map(UserResponse::getId).collect(Collectors.toList()));
    assertEquals(Map.of(team, List.of("admin")), direct.getItems().get(0).getRoles());
    assertEquals(Boolean.FALSE, direct.getItems().get(0).getEmailIsSynthetic());

    UserPage recursive = ok(orgs.listOrgUsers(team, team, null, null, true));
    assertEquals(List.of(ada, bob), recursive.getItems().stream().map(UserResponse::getId).collect(Collectors.toList()));
    assertEquals(Map.of(team, List.of("admin"), sub, List.of("member")), recursive.getItems().get(0).getRoles());
    assertEquals(Boolean.TRUE, recursive.getItems().get(1).getEmailIsSynthetic());
    assertEquals(2L, recursive.getTotal());

    assertEquals(List.of(gone), ok(orgs.listOrgUsers(team, team, ONLY_DELETED, null, null)).getItems()
        .stream().map(UserResponse::getId).collect(Collectors.toList()));
    assertEquals(Map.of(ada, List.of("admin")), ok(orgs.getOrg(team, null)).getUserRoles());

    Response<UserPage> noContext = execute(orgs.listOrgUsers(team, null, null, null, null));
    assertEquals(400, noContext.code());
    assertEquals("missing_header", error(noContext).getErrorCode());
    assertEquals(2L, ok(orgs(fake, fake.addApiKey(team, "users:read")).listOrgUsers(team, team, null, null, true)).getTotal());
    assertEquals(403, execute(orgs(fake, fake.addApiKey(team, "member")).listOrgUsers(team, team, null, null, null)).code());
  }

  @Test
  void pagesThroughAThousandOrganisationsSeeingEachOnce(FakeOpenApp fake) {
    Set<String> seeded = new HashSet<>();
    seeded.add(fake.rootOrgId());
    for (int i = 0; i < 1000; i++) {
      seeded.add(fake.addOrg(fake.rootOrgId(), "Org " + i));
    }
    OrgsApi orgs = orgs(fake);

    Set<String> seen = new HashSet<>();
    int pages = 0;
    for (int offset = 0; ; offset += 77) {
      OrganizationPage page = ok(orgs.listOrgs(null, new PaginationQuery().limit(77).offset(offset)));
      assertEquals(1001L, page.getTotal());
      if (page.getItems().isEmpty()) {
        break;
      }
      pages++;
      for (OrganizationResponse org : page.getItems()) {
        assertTrue(seen.add(org.getId()), "seen twice: " + org.getId());
      }
    }
    assertEquals(seeded, seen);
    assertEquals(13, pages, "1001 organisations in pages of 77");

    assertEquals(50, ok(orgs.listOrgs(null, null)).getItems().size(), "the default page size");
    assertEquals(200, ok(orgs.listOrgChildren(fake.rootOrgId(), null, new PaginationQuery().limit(200))).getItems().size());
    OrganizationPage empty = ok(orgs.listOrgs(null, new PaginationQuery().limit(0)));
    assertEquals(List.of(), empty.getItems());
    assertEquals(1001L, empty.getTotal());
    assertEquals(400, execute(orgs.listOrgs(null, new PaginationQuery().limit(201))).code());
    assertEquals(400, execute(orgs.listOrgs(null, new PaginationQuery().limit(-1))).code());
    assertEquals(400, execute(orgs.listOrgs(null, new PaginationQuery().offset(-1))).code());
  }

  @Test
  void enforcesThePerParentQuota(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    fake.setOrgQuota(team, 2);
    String first = ok(orgs.createOrg(child(team, "One"), null)).getId();
    ok(orgs.createOrg(child(team, "Two"), null));

    Response<OrganizationResponse> third = execute(orgs.createOrg(child(team, "Three"), null));
    assertEquals(429, third.code());
    ApiErrorResponse body = error(third);
    assertEquals("quota_exceeded", body.getErrorCode());
    assertEquals(third.headers().get("X-Request-Id"), body.getCorrelationId());

    fake.setPurgeConfirmationRequired(false);
    ok(orgs.hardDeleteOrg(first, null));
    assertEquals(429, execute(orgs.createOrg(child(team, "Three"), null)).code(), "the quota is for a lifetime");
    ok(orgs.createOrg(child(fake.rootOrgId(), "Elsewhere"), null));
  }

  @Test
  void purgeAsksForConfirmationAndThenRemovesForGood(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    String team = ok(orgs.createOrg(child(fake.rootOrgId(), "Team"), null)).getId();
    String oldChild = fake.addOrg(team, "Old");
    ok(orgs.deleteOrg(oldChild, null));

    Response<OrganizationResponse> first = execute(orgs.hardDeleteOrg(team, null));
    assertEquals(409, first.code());
    ApiErrorResponse ask = error(first);
    assertEquals("confirmation_required", ask.getErrorCode());
    assertNotNull(ask.getPreviewToken());
    assertTrue(fake.hasOrg(team), "nothing is removed before confirmation");

    Response<OrganizationResponse> wrong = execute(orgs(fake, fake.apiKey(), "X-OpenApp-Confirm", "pv_forged").hardDeleteOrg(team, null));
    assertEquals(409, wrong.code());
    assertEquals("confirmation_invalid", error(wrong).getErrorCode());
    String otherAdmin = fake.addApiKey(fake.rootOrgId(), "admin");
    Response<OrganizationResponse> otherCaller = execute(orgs(fake, otherAdmin, "X-OpenApp-Confirm", ask.getPreviewToken()).hardDeleteOrg(team, null));
    assertEquals("confirmation_invalid", error(otherCaller).getErrorCode());

    OrganizationResponse purged = ok(orgs(fake, fake.apiKey(), "X-OpenApp-Confirm", ask.getPreviewToken()).hardDeleteOrg(team, null));
    assertEquals(team, purged.getId());
    assertFalse(fake.hasOrg(team));
    assertFalse(fake.hasOrg(oldChild), "soft-deleted descendants go with it");
    assertEquals(404, execute(orgs.getOrg(team, true)).code());
    assertEquals(404, execute(orgs(fake, fake.apiKey(), "X-OpenApp-Confirm", ask.getPreviewToken()).hardDeleteOrg(team, null)).code());
  }

  @Test
  void purgeRefusesLiveChildrenAndOrphanedUsers(FakeOpenApp fake) {
    OrgsApi orgs = orgs(fake);
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    String sub = fake.addOrg(team, "Sub");

    Response<OrganizationResponse> withChild = execute(orgs.hardDeleteOrg(team, null));
    assertEquals(409, withChild.code());
    assertEquals("has_live_children", error(withChild).getErrorCode());

    String lonely = fake.addUser(sub, "lonely@example.com", "member");
    Response<OrganizationResponse> orphaning = execute(orgs.hardDeleteOrg(sub, null));
    assertEquals(409, orphaning.code());
    ApiErrorResponse body = error(orphaning);
    assertEquals("would_orphan_users", body.getErrorCode());
    assertTrue(body.getMessage().contains(lonely));

    fake.grantUser(lonely, team, "member");
    assertEquals("confirmation_required", error(execute(orgs.hardDeleteOrg(sub, null))).getErrorCode());
    ok(orgs.deleteOrg(sub, null));
    Response<OrganizationResponse> deletedWithoutFlag = execute(orgs.hardDeleteOrg(sub, null));
    assertEquals(404, deletedWithoutFlag.code(), "a soft-deleted organisation needs include_deleted=true");
    fake.setPurgeConfirmationRequired(false);
    assertEquals(sub, ok(orgs.hardDeleteOrg(sub, true)).getId());
    assertEquals(List.of(team), ok(orgs.listOrgUsers(team, team, null, null, true)).getItems().get(0).getRoles().keySet()
        .stream().collect(Collectors.toList()));
  }

  @Test
  void staysConsistentUnderConcurrentCreation(FakeOpenApp fake) throws Exception {
    OrgsApi orgs = orgs(fake);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        int t = thread;
        futures.add(pool.submit(() -> {
          List<String> created = new ArrayList<>();
          for (int i = 0; i < 25; i++) {
            created.add(ok(orgs.createOrg(child(fake.rootOrgId(), "T" + t + "-" + i), null)).getId());
          }
          return created;
        }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> future : futures) {
        all.addAll(future.get());
      }
      assertEquals(200, all.size());
      assertEquals(201, fake.orgCount());
      assertEquals(200L, ok(orgs.listOrgChildren(fake.rootOrgId(), null, new PaginationQuery().limit(0))).getTotal());
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> ids(List<OrganizationResponse> orgs) {
    return orgs.stream().map(OrganizationResponse::getId).collect(Collectors.toList());
  }

  @Test
  void theDefaultPageSizeIsBoundedByTheLimitTheBundleDeclares() {
    IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () -> FakeOpenApp.builder().defaultLimit(201));
    assertEquals("defaultLimit must be between 0 and 200 (list_orgs' limit in the bundle) but was 201", tooLarge.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FakeOpenApp.builder().defaultLimit(-1));
    FakeOpenApp.builder().defaultLimit(0).defaultLimit(200);
  }
}
