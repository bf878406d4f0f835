package house.openapp.sdk;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import house.openapp.sdk.errors.BadRequestException;
import house.openapp.sdk.generated.JSON;
import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.UpdateOrganizationRequest;
import house.openapp.sdk.testing.FakeOpenApp;
import house.openapp.sdk.testing.WithFakeOpenApp;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every property the bundle declares on the create and update requests (found by reflection
 * over the generated models, never named) is accepted by FakeOpenApp, stored, and echoed on
 * every read where the organisation schema declares it; undeclared ones are refused.
 */
@WithFakeOpenApp
class SpecEvolutionFakeTest {
    private static final JSON JSON = new JSON();

    /** The wire names a request model shares with the organisation response. */
    private static List<String> echoed(Class<?> request) {
        List<String> response = SpecEvolutionTest.declared(OrganizationResponse.class).stream()
                .map(field -> field.getAnnotation(SerializedName.class).value()).toList();
        List<String> shared = new ArrayList<>();
        for (Field field : SpecEvolutionTest.declared(request)) {
            String wire = field.getAnnotation(SerializedName.class).value();
            if (response.contains(wire) && !wire.equals("id")) { // the id is the server's
                shared.add(wire);
            }
        }
        assertFalse(shared.isEmpty());
        return shared;
    }

    private static void assertEchoed(Object sent, List<String> properties, OrganizationResponse read, String where) {
        JsonObject expected = com.google.gson.JsonParser.parseString(JSON.serialize(sent)).getAsJsonObject();
        JsonObject actual = com.google.gson.JsonParser.parseString(JSON.serialize(read)).getAsJsonObject();
        for (String property : properties) {
            assertEquals(expected.get(property), actual.get(property), property + " " + where);
        }
    }

    private static OrganizationResponse in(List<OrganizationResponse> items, String id) {
        return items.stream().filter(org -> org.getId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyDeclaredPropertyIsStoredAndEchoedOnEveryRead(OpenAppClient client, FakeOpenApp fake) throws Exception {
        CreateOrganizationRequest create = SpecEvolutionTest.everyPropertySet(CreateOrganizationRequest.class)
                .name(LocalizedString.of("en", "Evolved").toModel()).parentId(fake.rootOrgId()).id(null);
        List<String> createEchoed = echoed(CreateOrganizationRequest.class);

        OrganizationResponse created = client.orgs().create(OrgCreateParams.from(create));
        assertEchoed(create, createEchoed, created, "in the create response");
        assertEchoed(create, createEchoed, client.orgs().get(created.getId()), "on get");
        assertEchoed(create, createEchoed, in(client.orgs().children(fake.rootOrgId()).items(), created.getId()), "in children");
        assertEchoed(create, createEchoed, in(client.orgs().list().autoPaging().stream().toList(), created.getId()), "in list");

        UpdateOrganizationRequest update = SpecEvolutionTest.everyPropertySet(UpdateOrganizationRequest.class)
                .name(LocalizedString.of("en", "Evolved again").toModel()).parentId(fake.rootOrgId());
        List<String> updateEchoed = echoed(UpdateOrganizationRequest.class);
        assertEchoed(update, updateEchoed, client.orgs().update(created.getId(), OrgUpdateParams.from(update)), "in the update response");
        assertEchoed(update, updateEchoed, client.orgs().get(created.getId()), "on get after the update");
        assertEchoed(update, updateEchoed, in(client.orgs().search("Evolved again").items(), created.getId()), "in search after the update");
    }

    @Test
    void clearRemovesADescriptionAndLeavesTheRestUnchanged(OpenAppClient client, FakeOpenApp fake) {
        OrganizationResponse org = client.orgs().create(OrgCreateParams.builder(LocalizedString.of("en", "Gate"))
                .description("North gate").parentId(fake.rootOrgId()).build());

        OrganizationResponse unchanged = client.orgs().update(org.getId(), OrgUpdateParams.builder().build());
        OrganizationResponse cleared = client.orgs().update(org.getId(), OrgUpdateParams.builder().clear("description").build());

        assertEquals("North gate", unchanged.getDescription());
        assertNull(cleared.getDescription());
        assertNull(client.orgs().get(org.getId()).getDescription());
        assertEquals(org.getName(), cleared.getName());
        assertEquals(fake.rootOrgId(), cleared.getParentId());
    }

    @Test
    void anUndeclaredPropertyOrQueryKeyIsStillRefused(OpenAppClient client, FakeOpenApp fake) {
        BadRequestException body = assertThrows(BadRequestException.class, () -> client.orgs().create(
                OrgCreateParams.builder(LocalizedString.of("en", "X")).parentId(fake.rootOrgId())
                        .putAdditionalBodyProperty("zz_not_in_the_bundle", 1).build()));
        BadRequestException query = assertThrows(BadRequestException.class, () -> client.orgs().list(
                ListParams.builder().putAdditionalQueryParam("zz_not_in_the_bundle", "1").build()));

        assertEquals("unknown_property", body.errorCode().orElseThrow());
        assertTrue(body.getMessage().contains("unknown property 'zz_not_in_the_bundle' in CreateOrganizationRequest (allowed: "),
                body.getMessage());
        assertTrue(query.getMessage().contains("unknown query parameter 'zz_not_in_the_bundle' for list_orgs (allowed: "),
                query.getMessage());
    }
}
