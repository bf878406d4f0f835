package house.openapp.sdk;

import house.openapp.sdk.errors.ConfirmationRequiredException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.PermissionDeniedException;
import house.openapp.sdk.errors.QuotaExceededException;
import house.openapp.sdk.errors.UnprocessableEntityException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.UserResponse;
import house.openapp.sdk.testing.FakeOpenApp;
import house.openapp.sdk.testing.WithFakeOpenApp;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The façade against the stateful FakeOpenApp: behaviour, not scripted responses. */
@WithFakeOpenApp
class FacadeEndToEndTest {

    private static OrganizationResponse child(OpenAppClient client, String parentId, String name) {
        return client.orgs().create(OrgCreateParams.builder(LocalizedString.of("en", name)).parentId(parentId).build());
    }

    @Test
    void movingAnOrgCarriesItsSubtreeAndACycleIsRefused(OpenAppClient client, FakeOpenApp fake) {
        OrganizationResponse a = child(client, fake.rootOrgId(), "A");
        OrganizationResponse b = child(client, fake.rootOrgId(), "B");
        OrganizationResponse a1 = child(client, a.getId(), "A1");

        client.orgs().update(a.getId(), OrgUpdateParams.builder().parentId(b.getId()).build());

        List<String> chain = client.orgs().ancestors(a1.getId()).stream().map(OrganizationResponse::getId).toList();
        assertEquals(List.of(fake.rootOrgId(), b.getId(), a.getId()), chain);
        assertThrows(UnprocessableEntityException.class,
                () -> client.orgs().update(b.getId(), OrgUpdateParams.builder().parentId(a1.getId()).build()));
    }

    @Test
    void softDeletedOrgsAreHiddenUnlessIncludedOrAskedForOnly(OpenAppClient client, FakeOpenApp fake) {
        OrganizationResponse live = child(client, fake.rootOrgId(), "Live");
        OrganizationResponse gone = child(client, fake.rootOrgId(), "Gone");
        assertNotNull(client.orgs().delete(gone.getId()).getDeletedAt());

        Set<String> visible = ids(client.orgs().children(fake.rootOrgId()));
        Set<String> withDeleted = ids(client.orgs().children(fake.rootOrgId(), ListParams.builder().includeDeleted(true).build()));
        Set<String> onlyDeleted = ids(client.orgs().children(fake.rootOrgId(), ListParams.builder().onlyDeleted(true).build()));

        assertEquals(Set.of(live.getId()), visible);
        assertEquals(Set.of(live.getId(), gone.getId()), withDeleted);
        assertEquals(Set.of(gone.getId()), onlyDeleted);
        assertThrows(NotFoundException.class, () -> client.orgs().get(gone.getId()));
        assertEquals(gone.getId(), client.orgs().get(gone.getId(), OrgGetParams.builder().includeDeleted(true).build()).getId());
    }

    @Test
    void parentIdNullMeansNoParentAsChildrenNullMeansTheRoots(OpenAppClient client, FakeOpenApp fake) {
        OpenAppClient admin = OpenAppClient.builder().apiKey(fake.platformAdminKey()).build();
        try (admin) {
            OrganizationResponse root = admin.orgs().create(OrgCreateParams.builder(LocalizedString.of("en", "New root")).parentId(null).build());
            assertEquals(null, root.getParentId());
            assertTrue(ids(admin.orgs().children(null)).contains(root.getId()));
        }
    }

    @Test
    void deleteThenPurgeRemovesTheOrgForGood(OpenAppClient client, FakeOpenApp fake) {
        OrganizationResponse gate = child(client, fake.rootOrgId(), "Gate");
        client.orgs().delete(gate.getId());

        OrganizationResponse purged;
        try {
            purged = client.orgs().purge(gate.getId());
        } catch (ConfirmationRequiredException e) {
            purged = e.confirm(OrganizationResponse.class);
        }

        assertEquals(gate.getId(), purged.getId());
        assertThrows(NotFoundException.class, () -> client.orgs().get(gate.getId(), OrgGetParams.builder().includeDeleted(true).build()));
        assertFalse(ids(client.orgs().children(fake.rootOrgId(), ListParams.builder().includeDeleted(true).build())).contains(gate.getId()));
    }

    @Test
    void usersRecursiveIncludesDescendantOrgs(OpenAppClient client, FakeOpenApp fake) {
        OrganizationResponse team = child(client, fake.rootOrgId(), "Team");
        fake.addUser(fake.rootOrgId(), "top@example.com", "admin");
        fake.addUser(team.getId(), "member@example.com", "users:read");

        List<String> direct = client.orgs().users(fake.rootOrgId()).items().stream().map(UserResponse::getEmail).toList();
        List<String> all = client.orgs().users(fake.rootOrgId(), OrgUsersParams.builder().recursive(true).build()).autoPaging().stream()
                .map(UserResponse::getEmail).sorted().toList();

        assertEquals(List.of("top@example.com"), direct);
        assertEquals(List.of("member@example.com", "top@example.com"), all);
    }

    @Test
    void autoPagingWalksAThousandOrgsOnceEach(OpenAppClient client, FakeOpenApp fake) {
        for (int i = 0; i < 1_000; i++) {
            fake.addOrg(fake.rootOrgId(), "Org " + i);
        }
        fake.clearRequests();

        List<String> ids = client.orgs().children(fake.rootOrgId(), ListParams.builder().limit(200).build())
                .autoPaging().stream().map(OrganizationResponse::getId).toList();

        assertEquals(1_000, ids.size());
        assertEquals(1_000, new HashSet<>(ids).size());
        assertEquals(5, fake.requestCount(), "five pages of 200, no extra request");
    }

    @Test
    void theParentsQuotaStopsCreatesWithATypedErrorAndNoRetry(OpenAppClient client, FakeOpenApp fake) {
        fake.setOrgQuota(fake.rootOrgId(), 2);
        child(client, fake.rootOrgId(), "One");
        child(client, fake.rootOrgId(), "Two");
        fake.clearRequests();

        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> child(client, fake.rootOrgId(), "Three"));

        assertEquals("quota_exceeded", e.errorCode().orElseThrow());
        assertEquals(1, fake.requestCount());
        assertTrue(e.requestId().isPresent());
    }

    @Test
    void purgeAsksForConfirmationAndConfirmGoesAheadInOneCall(OpenAppClient client, FakeOpenApp fake) {
        OrganizationResponse doomed = child(client, fake.rootOrgId(), "Doomed");

        ConfirmationRequiredException e = assertThrows(ConfirmationRequiredException.class, () -> client.orgs().purge(doomed.getId()));
        assertTrue(fake.hasOrg(doomed.getId()));
        OrganizationResponse purged = e.confirm(OrganizationResponse.class);

        assertEquals(doomed.getId(), purged.getId());
        assertFalse(fake.hasOrg(doomed.getId()));
    }

    @Test
    void aKeyWithoutAdminIsDeniedWritesButMayRead(FakeOpenApp fake) {
        String team = fake.addOrg(fake.rootOrgId(), "Team");
        String readerKey = fake.addApiKey(team, "users:read");
        try (OpenAppClient reader = OpenAppClient.builder().apiKey(readerKey).build()) {
            assertEquals(team, reader.orgs().get(team).getId());
            assertEquals(List.of("users:read"), reader.orgs().permissions(team));
            PermissionDeniedException denied = assertThrows(PermissionDeniedException.class,
                    () -> child(reader, team, "Not allowed"));
            assertEquals(403, denied.statusCode());
        }
    }

    @Test
    void getByNameSearchesEveryLocaleAndPage(OpenAppClient client, FakeOpenApp fake) {
        String blue = fake.addOrg(fake.rootOrgId(), java.util.Map.of("en", "Blue Team", "he", "צוות כחול"));
        fake.addOrg(fake.rootOrgId(), "Red Team");

        assertEquals(blue, client.orgs().getByName("צוות כחול").getId());
        assertEquals(blue, client.orgs().getByName("blue", OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build()).getId());
        assertThrows(house.openapp.sdk.errors.AmbiguousMatchException.class, () -> client.orgs().getByName("team", OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build()));
        assertThrows(NotFoundException.class, () -> client.orgs().getByName("Green Team"));
    }

    private static Set<String> ids(Page<OrganizationResponse> page) {
        Set<String> ids = new HashSet<>();
        page.autoPaging().forEach(org -> ids.add(org.getId()));
        return ids;
    }
}
