package house.openapp.sdk;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import house.openapp.sdk.errors.OpenAppDecodingException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.JSON;
import house.openapp.sdk.generated.QueryObjects;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.ApiErrorResponse;
import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.UpdateOrganizationRequest;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The façade's params carry every property of the generated request models (whatever the
 * bundle declares, found by reflection, never by name), requests for a newer server carry
 * additional properties and parameters, and {@code OrgUpdateParams} tells "unchanged" from
 * "cleared"; all checked on the wire.
 */
class SpecEvolutionTest extends MockOpenApp {
    private static final JSON JSON = new JSON();

    /** Every declared property of a generated model, set to a sample value of its type. */
    static <T> T everyPropertySet(Class<T> model) throws Exception {
        T instance = model.getDeclaredConstructor().newInstance();
        for (Field field : declared(model)) {
            field.set(instance, sample(field.getType(), field.getGenericType().getTypeName()));
        }
        return instance;
    }

    static List<Field> declared(Class<?> model) {
        List<Field> fields = new ArrayList<>();
        for (Field field : model.getDeclaredFields()) {
            if (field.getAnnotation(SerializedName.class) != null && !Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        assertFalse(fields.isEmpty(), model + " declares no property");
        return fields;
    }

    /** A non-default value of a property type: any type the generator produces for a schema. */
    static Object sample(Class<?> type, String typeName) throws Exception {
        if (type == String.class) {
            return "sample-" + typeName.length();
        } else if (type == Integer.class) {
            return 7;
        } else if (type == Long.class) {
            return 7L;
        } else if (type == Boolean.class) {
            return Boolean.TRUE;
        } else if (type == Double.class || type == Float.class || type == BigDecimal.class) {
            return type == BigDecimal.class ? new BigDecimal("1.5") : type == Float.class ? (Object) 1.5f : (Object) 1.5;
        } else if (type == OffsetDateTime.class) {
            return OffsetDateTime.parse("2026-01-02T03:04:05Z");
        } else if (type == house.openapp.sdk.generated.model.LocalizedStringModel.class) {
            return LocalizedString.of("en", "Sample").toModel();
        } else if (type == Map.class || type == Object.class) {
            return new java.util.LinkedHashMap<>(Map.of("k", "v"));
        } else if (type == List.class) {
            return new ArrayList<>(List.of("v"));
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        } else if (type.getPackageName().equals(OrganizationResponse.class.getPackageName())) {
            return everyPropertySet(type); // a nested object schema
        }
        throw new AssertionError("no sample for property type " + typeName + ": teach SpecEvolutionTest.sample about it");
    }

    private static JsonObject body(RecordedRequest request) {
        return tree(request.getBody().readUtf8()).getAsJsonObject();
    }

    @Test
    void createFromTheGeneratedRequestSendsEveryDeclaredProperty() throws Exception {
        CreateOrganizationRequest request = everyPropertySet(CreateOrganizationRequest.class);
        enqueueJson(orgMin("01HX"));

        client.orgs().create(OrgCreateParams.from(request));

        JsonObject sent = body(take("POST", "/orgs"));
        assertEquals(tree(JSON.serialize(request)), sent);
        for (Field field : declared(CreateOrganizationRequest.class)) {
            assertTrue(sent.has(field.getAnnotation(SerializedName.class).value()), field.getName() + " on the wire: " + sent);
        }
    }

    @Test
    void updateFromTheGeneratedRequestSendsEveryDeclaredProperty() throws Exception {
        UpdateOrganizationRequest request = everyPropertySet(UpdateOrganizationRequest.class);
        enqueueJson(orgMin("01HX"));

        client.orgs().update("01HX", OrgUpdateParams.from(request));

        JsonObject sent = body(take("PUT", "/orgs/01HX"));
        assertEquals(tree(JSON.serialize(request)), sent);
        assertEquals(declared(UpdateOrganizationRequest.class).size(), sent.size(), sent.toString());
    }

    @Test
    void paramsCopyTheGeneratedModelsInAndOut() throws Exception {
        CreateOrganizationRequest request = everyPropertySet(CreateOrganizationRequest.class);
        OrgCreateParams params = OrgCreateParams.from(request);
        request.setDescription("changed after from(...)");

        assertEquals(everyPropertySet(CreateOrganizationRequest.class), params.toRequest(), "from(...) copies in");
        params.toRequest().setDescription("changed through the getter");
        assertEquals(everyPropertySet(CreateOrganizationRequest.class), params.toRequest(), "toRequest() copies out");
        assertNotSame(params.toRequest(), params.toRequest());
        assertEquals(params, params.toBuilder().build(), "toBuilder keeps every property");
        OrgUpdateParams update = OrgUpdateParams.from(everyPropertySet(UpdateOrganizationRequest.class));
        assertEquals(update, update.toBuilder().build());
        assertEquals(everyPropertySet(UpdateOrganizationRequest.class), update.toRequest());
    }

    @Test
    void additionalBodyPropertiesAndQueryParamsAreMergedAfterSerialisation() throws Exception {
        enqueue(json(orgMin("01HX")), json(orgMin("01HX")), json(page(0)));

        client.orgs().create(OrgCreateParams.builder(LocalizedString.of("en", "Field Office"))
                .putAdditionalBodyProperty("timezone", "Europe/Paris")
                .putAdditionalBodyProperty("settings", Map.of("doors", 2))
                .putAdditionalBodyProperty("retired_at", null)
                .putAdditionalQueryParam("dry_run", "true")
                .build());
        client.orgs().update("01HX", OrgUpdateParams.builder().description("d")
                .putAdditionalBodyProperty("timezone", "UTC").putAdditionalQueryParam("notify", "false").build());
        client.orgs().list(ListParams.builder().limit(5).putAdditionalQueryParam("include_archived", "true").build());

        RecordedRequest create = take("POST", "/orgs?dry_run=true");
        assertJsonBody("{\"name\":{\"value\":{\"en\":\"Field Office\"}},\"timezone\":\"Europe/Paris\",\"settings\":{\"doors\":2},"
                + "\"retired_at\":null}", create);
        assertEquals("application/json; charset=UTF-8", create.getHeader("Content-Type"));
        assertJsonBody("{\"description\":\"d\",\"timezone\":\"UTC\"}", take("PUT", "/orgs/01HX?notify=false"));
        take("GET", "/orgs?limit=5&include_archived=true");
        OrgCreateParams extra = OrgCreateParams.builder(LocalizedString.of("en", "x")).putAdditionalBodyProperty("timezone", "UTC")
                .putAdditionalQueryParam("dry_run", "true").build();
        assertEquals(Map.of("timezone", "UTC"), extra.additionalBodyProperties());
        assertEquals(Map.of("dry_run", "true"), extra.additionalQueryParams());
        assertEquals(Map.of("include_archived", "true"),
                ListParams.builder().putAdditionalQueryParam("include_archived", "true").build().additionalQueryParams());
    }

    @Test
    void autoPagingKeepsAdditionalQueryParamsAndEveryPropertyOnEveryPage() throws Exception {
        enqueue(json(orgPage(3, "01HA", "01HB")), json(orgPage(3, "01HC")));

        List<String> ids = new ArrayList<>();
        client.orgs().list(ListParams.builder().limit(2).onlyDeleted(true).putAdditionalQueryParam("include_archived", "true").build())
                .autoPaging().forEach(org -> ids.add(org.getId()));

        assertEquals(List.of("01HA", "01HB", "01HC"), ids);
        take("GET", "/orgs?only_deleted=true&limit=2&include_archived=true");
        take("GET", "/orgs?only_deleted=true&limit=2&offset=2&include_archived=true");
    }

    @Test
    void updateSendsClearedPropertiesAsNullAndLeavesUnsetOnesOut() throws Exception {
        enqueue(json(orgMin("01HX")), json(orgMin("01HX")), json(orgMin("01HX")));

        OrgUpdateParams clear = OrgUpdateParams.builder().clear("description").clear("parent_id").build();
        client.orgs().update("01HX", clear);
        client.orgs().update("01HX", clear.toBuilder().description("back again").build());
        client.orgs().update("01HX", OrgUpdateParams.from(new UpdateOrganizationRequest().description(null)));

        assertEquals(java.util.Set.of("description", "parent_id"), clear.cleared());
        assertJsonBody("{\"description\":null,\"parent_id\":null}", take("PUT", "/orgs/01HX"));
        assertJsonBody("{\"description\":\"back again\",\"parent_id\":null}", take("PUT", "/orgs/01HX"));
        assertJsonBody("{}", take("PUT", "/orgs/01HX"));
    }

    @Test
    void onlyPropertiesTheBundleDeclaresNullableCanBeCleared() {
        for (Field field : declared(UpdateOrganizationRequest.class)) {
            String wire = field.getAnnotation(SerializedName.class).value();
            if (UpdateOrganizationRequest.NULLABLE_PROPERTIES.contains(wire)) {
                OrgUpdateParams.builder().clear(wire).build();
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrgUpdateParams.builder().clear("timezone_x"));
        assertEquals("property must be a nullable property of UpdateOrganizationRequest "
                + new java.util.TreeSet<>(UpdateOrganizationRequest.NULLABLE_PROPERTIES) + " but was timezone_x", e.getMessage());
    }

    @Test
    void boundsComeFromTheBundle() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListParams.builder().limit(500));
        assertEquals("limit must be between 0 and 200 but was 500", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListParams.of(null, new house.openapp.sdk.generated.model.PaginationQuery().limit(201)));
    }

    @Test
    void unknownResponseFieldsAreReadableAndNeverSentBack() throws Exception {
        String future = org("01HF", "Field Office").replace("\"a_field_from_the_future\":42",
                "\"timezone\":\"Europe/Paris\",\"settings\":{\"doors\":[1,2]},\"retired\":null,\"a_field_from_the_future\":42");
        enqueue(json(future), json(page(1, future)), json(orgMin("01HF")));

        OrganizationResponse org = client.orgs().get("01HF");
        Page<OrganizationResponse> page = client.orgs().list();

        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("timezone", "Europe/Paris");
        expected.put("settings", Map.of("doors", List.of(1L, 2L)));
        expected.put("retired", null);
        expected.put("a_field_from_the_future", 42L);
        assertEquals(expected, org.getAdditionalProperties());
        assertEquals(expected, page.items().get(0).getAdditionalProperties());
        assertThrows(UnsupportedOperationException.class, () -> org.getAdditionalProperties().put("x", 1));
        assertFalse(JSON.serialize(org).contains("timezone"), "an unknown field is never written back");

        // an update built from the fetched organisation
        UpdateOrganizationRequest fromFetched = JSON.deserialize(JSON.serialize(org), UpdateOrganizationRequest.class);
        client.orgs().update("01HF", OrgUpdateParams.from(fromFetched));
        take();
        take();
        JsonObject sent = body(take("PUT", "/orgs/01HF"));
        assertEquals(tree(JSON.serialize(new UpdateOrganizationRequest().name(org.getName()).description(org.getDescription())
                .parentId(org.getParentId()))), sent);
    }

    @Test
    void aDeclaredFieldOfTheWrongTypeFailsTheReadWithItsExactPath() throws Exception {
        enqueue(json(page(3, orgMin("01HA"), orgMin("01HB"), orgMin("01HC").replace("\"user_roles\":{}", "\"created_at\":true"))),
                json(orgMin("01HA").replace("{}", "{\"01HU\":\"admin\"}")),
                json(orgMin("01HA").replace("\"user_roles\":{}", "\"has_children\":\"yes\"")));

        OpenAppDecodingException page = assertThrows(OpenAppDecodingException.class, () -> client.orgs().list());
        OpenAppDecodingException roles = assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("01HA"));
        OpenAppDecodingException flag = assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("01HA"));

        assertTrue(page.getMessage().contains("$.items[2].created_at: expected OffsetDateTime"), page.getMessage());
        assertTrue(roles.getMessage().contains("$.user_roles") && roles.getMessage().contains("expected Map<String, List<String>>"), roles.getMessage());
        assertTrue(flag.getMessage().contains("$.has_children: expected Boolean"), flag.getMessage());
    }

    @Test
    void everyGeneratedModelExposesItsUnknownFields() throws Exception {
        int models = 0;
        for (String file : new java.io.File(OrganizationResponse.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toPath().resolve(OrganizationResponse.class.getPackageName().replace('.', '/')).toFile().list()) {
            Class<?> type = Class.forName(OrganizationResponse.class.getPackageName() + "." + file.replace(".class", ""));
            if (type.isEnum() || type.isMemberClass() || type == house.openapp.sdk.generated.model.LocalizedStringModel.class) {
                continue;
            }
            Object read = JSON.deserialize("{\"x_unknown\":{\"a\":true}}", type);
            assertEquals(Map.of("x_unknown", Map.of("a", true)), type.getMethod("getAdditionalProperties").invoke(read), type.getName());
            JsonElement written = tree(JSON.serialize(read));
            assertFalse(written.toString().contains("x_unknown"), type.getName() + " writes an unknown field back");
            models++;
        }
        assertTrue(models >= 10, "found " + models + " models");
    }

    @Test
    void everyScalarQueryParameterReachesTheWireThroughTheOperationsParams() throws Exception {
        // every query object the params classes hold, each property the bundle declares set by reflection
        OrgsApi.GetOrgQuery get = everyPropertySet(OrgsApi.GetOrgQuery.class);
        OrgsApi.DeleteOrgQuery delete = everyPropertySet(OrgsApi.DeleteOrgQuery.class);
        OrgsApi.ListOrgUsersQuery users = everyPropertySet(OrgsApi.ListOrgUsersQuery.class);
        OrgsApi.CreateOrgQuery create = everyPropertySet(OrgsApi.CreateOrgQuery.class);
        OrgsApi.UpdateOrgQuery update = everyPropertySet(OrgsApi.UpdateOrgQuery.class);
        enqueue(json(orgMin("01HX")), json(orgMin("01HX")), json(page(0)), json(orgMin("01HX")), json(orgMin("01HX")));

        client.orgs().get("01HX", OrgGetParams.from(get));
        client.orgs().delete("01HX", OrgDeleteParams.from(delete));
        client.orgs().users("01HX", OrgUsersParams.from(users, ListParams.builder().limit(3).build()));
        client.orgs().create(OrgCreateParams.builder(LocalizedString.of("en", "N")).query(create).build());
        client.orgs().update("01HX", OrgUpdateParams.builder().description("d").query(update).build());

        for (Object query : List.of(get, delete, users, create, update)) {
            okhttp3.HttpUrl sent = take().getRequestUrl();
            Map<String, String> expected = QueryObjects.explode(query);
            assertEquals(declared(query.getClass()).size(), expected.size(), query.toString());
            expected.forEach((key, value) -> assertEquals(value, sent.queryParameter(key), key + " of " + query + " on " + sent));
        }
        assertEquals(OrgGetParams.from(get), OrgGetParams.builder().query(get).build().toBuilder().build(), "toBuilder keeps the query");
        assertEquals(get, OrgGetParams.from(get).query());
        assertNotSame(OrgGetParams.from(get).query(), OrgGetParams.from(get).query());
    }

    @Test
    void unknownFieldsOfPagesAndErrorBodiesAreReadable() throws Exception {
        ApiErrorResponse declaredError = everyPropertySet(ApiErrorResponse.class).errorCode("not_found");
        JsonObject error = tree(JSON.serialize(declaredError)).getAsJsonObject();
        error.addProperty("retry_hint", "later");
        enqueue(json(page(0).replace("{\"items\"", "{\"next_cursor\":\"c2\",\"items\"")),
                json(page(0).replace("{\"items\"", "{\"scope\":{\"recursive\":true},\"items\"")),
                json(404, error.toString()));

        assertEquals(Map.of("next_cursor", "c2"), client.orgs().list().additionalProperties());
        assertEquals(Map.of("scope", Map.of("recursive", true)), client.orgs().users("01HX").additionalProperties());
        NotFoundException notFound = assertThrows(NotFoundException.class, () -> client.orgs().get("01HX"));

        assertEquals(Map.of("retry_hint", "later"), notFound.additionalProperties());
        ApiErrorResponse body = notFound.body().orElseThrow();
        assertEquals(declaredError, body, "every declared field of the error body");
        body.setMessage("changed through the getter");
        assertEquals(declaredError, notFound.body().orElseThrow(), "body() hands out a copy");
        assertTrue(notFound.getMessage().startsWith("HTTP 404 not_found: " + declaredError.getMessage()), notFound.getMessage());
    }
}
