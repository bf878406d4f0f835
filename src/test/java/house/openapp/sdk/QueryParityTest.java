package house.openapp.sdk;

import com.google.gson.annotations.SerializedName;
import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.MultiResourceOutputOptionsQuery;
import house.openapp.sdk.generated.model.PaginationQuery;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Query parity at the façade, driven by reflection over the generated layer: every property
 * of the generated query objects ({@code SERIALIZED_NAME_*}) and every scalar query or header
 * parameter of the generated services must be reachable through the façade and reach the wire
 * under its exact name. A property or parameter added to the bundle without façade support
 * fails here.
 */
class QueryParityTest extends MockOpenApp {
    /** The query objects the façade's {@link ListParams} stands for. */
    private static final List<Class<?>> QUERY_MODELS = List.of(MultiResourceOutputOptionsQuery.class, PaginationQuery.class);

    /** One property of a generated query model. */
    private record Property(Class<?> model, String wireName, Field field) {
        String javaName() {
            return field.getName();
        }

        Class<?> type() {
            return field.getType();
        }
    }

    @BeforeEach
    void answerEveryRequest() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (request.getMethod().equals("GET") && (path.endsWith("/orgs") || path.endsWith("/children")
                        || path.endsWith("/search") || path.endsWith("/users"))) {
                    return json(page(0));
                }
                return json(orgMin("01HX"));
            }
        });
    }

    /** The properties of a query model, from its SERIALIZED_NAME_* constants. */
    private static List<Property> properties(Class<?> model) throws IllegalAccessException {
        List<Property> properties = new ArrayList<>();
        for (Field constant : model.getDeclaredFields()) {
            int modifiers = constant.getModifiers();
            if (!constant.getName().startsWith("SERIALIZED_NAME_") || !Modifier.isStatic(modifiers) || constant.getType() != String.class) {
                continue;
            }
            String wireName = (String) constant.get(null);
            Field field = null;
            for (Field candidate : model.getDeclaredFields()) {
                SerializedName annotation = candidate.getAnnotation(SerializedName.class);
                if (annotation != null && annotation.value().equals(wireName)) {
                    field = candidate;
                }
            }
            assertNotNull(field, model.getSimpleName() + " has no field serialised as " + wireName);
            field.setAccessible(true);
            properties.add(new Property(model, wireName, field));
        }
        assertFalse(properties.isEmpty(), model.getSimpleName() + " has no SERIALIZED_NAME_* constants");
        return properties;
    }

    private static List<Property> allProperties() throws IllegalAccessException {
        List<Property> all = new ArrayList<>();
        for (Class<?> model : QUERY_MODELS) {
            all.addAll(properties(model));
        }
        return all;
    }

    /** A value for a property that differs from "unset" and is within the façade's ranges. */
    private static List<Object> samples(Property property) {
        Class<?> type = property.type();
        if (type == Boolean.class) {
            return List.of(Boolean.TRUE, Boolean.FALSE);
        }
        if (type == Integer.class) {
            return List.of(7);
        }
        if (type == Long.class) {
            return List.of(7L);
        }
        if (type == String.class) {
            return List.of("sample");
        }
        return fail("no sample value for " + property.model().getSimpleName() + "." + property.javaName() + " of type " + type.getName()
                + "; teach this test and ListParams about it");
    }

    private static Class<?> unboxed(Class<?> type) {
        if (type == Boolean.class) {
            return boolean.class;
        }
        if (type == Integer.class) {
            return int.class;
        }
        if (type == Long.class) {
            return long.class;
        }
        return type;
    }

    private Map<String, String> queryOf(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) {
            List<String> values = url.queryParameterValues(name);
            assertEquals(1, values.size(), "query key " + name + " sent once");
            query.put(name, values.get(0));
        }
        return query;
    }

    @Test
    void everyListParamsConvenienceWritesItsQueryModelProperty() throws Exception {
        int conveniences = 0;
        for (Property property : allProperties()) {
            Method setter;
            try {
                setter = ListParams.Builder.class.getMethod(property.javaName(), unboxed(property.type()));
            } catch (NoSuchMethodException none) {
                continue; // reachable through ListParams.of(...), tested below
            }
            conveniences++;
            for (Object sample : samples(property)) {
                ListParams.Builder builder = ListParams.builder();
                setter.invoke(builder, sample);
                ListParams params = builder.build();
                Object model = property.model() == PaginationQuery.class ? params.pagination() : params.outputOptions();
                assertEquals(sample, property.field().get(model), "ListParams.Builder." + property.javaName() + " writes " + property.wireName());

                client.orgs().list(params);

                Map<String, String> query = queryOf(take());
                assertEquals(Map.of(property.wireName(), String.valueOf(sample)), query,
                        "ListParams.Builder." + property.javaName() + "(" + sample + ") on the wire");
            }
        }
        assertTrue(conveniences > 0, "no ListParams convenience found");
    }

    @Test
    void listParamsOfTheGeneratedModelsCarriesEveryProperty() throws Exception {
        MultiResourceOutputOptionsQuery outputOptions = new MultiResourceOutputOptionsQuery();
        PaginationQuery pagination = new PaginationQuery();
        Map<String, String> expected = new TreeMap<>();
        for (Property property : allProperties()) {
            Object sample = samples(property).get(0);
            Object model = property.model() == MultiResourceOutputOptionsQuery.class ? outputOptions : pagination;
            property.field().setAccessible(true);
            property.field().set(model, sample);
            expected.put(property.wireName(), String.valueOf(sample));
        }

        ListParams params = ListParams.of(outputOptions, pagination);

        assertEquals(outputOptions, params.outputOptions(), "ListParams.of(...).outputOptions() round-trips every property");
        assertEquals(pagination, params.pagination(), "ListParams.of(...).pagination() round-trips every property");
        assertEquals(params, params.toBuilder().build(), "toBuilder keeps every property");
        client.orgs().list(params);
        client.orgs().children("01HP", params);
        client.orgs().search("q", params);
        client.orgs().users("01HORG", OrgUsersParams.builder().listParams(params).build());
        assertEquals(expected, new TreeMap<>(queryOf(take())));
        Map<String, String> children = new TreeMap<>(queryOf(take()));
        assertEquals("01HP", children.remove("parent_id"));
        assertEquals(expected, children);
        Map<String, String> search = new TreeMap<>(queryOf(take()));
        assertEquals("q", search.remove("q"));
        assertEquals(expected, search);
        assertEquals(expected, new TreeMap<>(queryOf(take())));
    }

    @Test
    void everyQueryObjectOfTheGeneratedServicesIsOneListParamsCovers() {
        Set<Class<?>> used = new java.util.HashSet<>();
        for (Class<?> api : List.of(OrgsApi.class, MediaApi.class)) {
            for (Method method : api.getMethods()) {
                for (Class<?> type : method.getParameterTypes()) {
                    if (type.getPackageName().equals(MultiResourceOutputOptionsQuery.class.getPackageName())
                            && type.getSimpleName().endsWith("Query")) {
                        used.add(type);
                    }
                }
            }
        }
        assertEquals(Set.copyOf(QUERY_MODELS), used, "query objects of the generated services vs. what ListParams covers");
    }

    /** How the façade sets one scalar parameter, and the value it should have on the wire. */
    private record Reach(String wireValue, boolean header, Consumer<Orgs> call) { }

    private static Map<String, Reach> facadeReach() {
        Map<String, Reach> reach = new TreeMap<>();
        reach.put("createOrg include_deleted", new Reach("true", false, orgs -> orgs.create(
                OrgCreateParams.builder(LocalizedString.of("en", "x")).includeDeleted(true).build())));
        reach.put("getOrg include_deleted", new Reach("true", false, orgs -> orgs.get("01HX", OrgGetParams.builder().includeDeleted(true).build())));
        reach.put("updateOrg include_deleted", new Reach("true", false, orgs -> orgs.update("01HX",
                OrgUpdateParams.builder().includeDeleted(true).build())));
        reach.put("deleteOrg include_deleted", new Reach("true", false, orgs -> orgs.withResponse().delete("01HX", OrgDeleteParams.builder().includeDeleted(true).build())));
        reach.put("hardDeleteOrg include_deleted", new Reach("true", false, orgs -> orgs.withResponse().purge("01HX")));
        reach.put("listOrgChildrenWithQueryMaps parent_id", new Reach("01HP", false, orgs -> orgs.children("01HP")));
        reach.put("searchOrgsWithQueryMaps q", new Reach("gate", false, orgs -> orgs.search("gate")));
        reach.put("listOrgUsersWithQueryMaps recursive", new Reach("true", false, orgs -> orgs.users("01HORG", OrgUsersParams.builder().recursive(true).build())));
        reach.put("listOrgUsersWithQueryMaps X-Org", new Reach("01HCTX", true,
                orgs -> orgs.with(RequestOptions.builder().org("01HCTX").build()).users("01HORG")));
        return reach;
    }

    /**
     * The façade calls whose params object carries additional query parameters, by the
     * operation's query class: a scalar query parameter without a named convenience reaches the
     * wire through {@code putAdditionalQueryParam}.
     */
    private static Map<String, java.util.function.BiConsumer<Orgs, Map.Entry<String, String>>> additionalReach() {
        Map<String, java.util.function.BiConsumer<Orgs, Map.Entry<String, String>>> reach = new TreeMap<>();
        java.util.function.Function<Map.Entry<String, String>, ListParams> list =
                e -> ListParams.builder().putAdditionalQueryParam(e.getKey(), e.getValue()).build();
        reach.put("ListOrgsQuery", (orgs, e) -> orgs.list(list.apply(e)));
        reach.put("ListOrgChildrenQuery", (orgs, e) -> orgs.children(null, list.apply(e)));
        reach.put("SearchOrgsQuery", (orgs, e) -> orgs.search("q", list.apply(e)));
        reach.put("ListOrgUsersQuery", (orgs, e) -> orgs.users("01HORG", OrgUsersParams.builder().listParams(list.apply(e)).build()));
        reach.put("CreateOrgQuery", (orgs, e) -> orgs.create(OrgCreateParams.builder(LocalizedString.of("en", "x"))
                .putAdditionalQueryParam(e.getKey(), e.getValue()).build()));
        reach.put("UpdateOrgQuery", (orgs, e) -> orgs.update("01HX", OrgUpdateParams.builder()
                .putAdditionalQueryParam(e.getKey(), e.getValue()).build()));
        reach.put("GetOrgQuery", (orgs, e) -> orgs.get("01HX", OrgGetParams.builder().putAdditionalQueryParam(e.getKey(), e.getValue()).build()));
        reach.put("DeleteOrgQuery", (orgs, e) -> orgs.delete("01HX", OrgDeleteParams.builder()
                .putAdditionalQueryParam(e.getKey(), e.getValue()).build()));
        return reach;
    }

    /**
     * Sends one scalar query parameter of an operation whose façade method takes no params object
     * (ancestors, permissions, purge, the image operations) the documented way: its generated query
     * object, through the {@code ...WithQuery} form of {@code client.generated()}, which runs on the
     * façade's stack.
     *
     * @return the value as it must appear on the wire
     */
    private String throughGenerated(Class<?> api, Class<?> queryClass, Field field) throws Exception {
        Object query = queryClass.getConstructor().newInstance();
        Class<?> type = field.getType();
        Object value = type == Boolean.class ? Boolean.TRUE : type == Integer.class ? (Object) 7 : type == Long.class ? (Object) 7L
                : type.isEnum() ? type.getEnumConstants()[0] : "7";
        field.setAccessible(true);
        field.set(query, value);
        Object service = api == OrgsApi.class ? client.generated().orgsApi() : client.generated().mediaApi();
        for (Method method : api.getMethods()) {
            Class<?>[] types = method.getParameterTypes();
            if (method.getName().endsWith("WithQuery") && types.length > 0 && types[types.length - 1] == queryClass) {
                Object[] arguments = new Object[types.length];
                for (int i = 0; i < types.length; i++) {
                    arguments[i] = types[i] == queryClass ? query : types[i] == String.class ? "01HX"
                            : types[i] == okhttp3.MultipartBody.Part.class ? okhttp3.MultipartBody.Part.createFormData("file", "a.png",
                                    okhttp3.RequestBody.create(new byte[] {1}, okhttp3.MediaType.get("image/png"))) : null;
                }
                try {
                    ((retrofit2.Call<?>) method.invoke(service, arguments)).execute();
                } catch (RuntimeException notReadAs) {
                    // the stand-in answer may not be this operation's body: only the request matters here
                }
                return String.valueOf(value);
            }
        }
        return fail(api.getSimpleName() + " has no ...WithQuery form taking " + queryClass.getSimpleName());
    }

    @Test
    void everyScalarQueryAndHeaderParameterIsReachableThroughTheFacade() throws Exception {
        Map<String, Reach> reach = facadeReach();
        Map<String, java.util.function.BiConsumer<Orgs, Map.Entry<String, String>>> additional = additionalReach();
        Set<String> generated = new TreeSet<>();
        for (Class<?> api : List.of(OrgsApi.class, MediaApi.class)) {
            for (Method method : api.getMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    for (Annotation annotation : parameter.getAnnotations()) {
                        if (annotation instanceof retrofit2.http.Query query) {
                            generated.add(method.getName() + " " + query.value());
                        } else if (annotation instanceof retrofit2.http.Header header && !method.getName().endsWith("WithQueryMap")) {
                            generated.add(method.getName() + " " + header.value());
                        }
                    }
                }
            }
            // every scalar query parameter of every operation, from the generated per-operation query classes
            for (Class<?> queryClass : api.getClasses()) {
                for (Field field : queryClass.getDeclaredFields()) {
                    SerializedName name = field.getAnnotation(SerializedName.class);
                    boolean covered = reach.keySet().stream().anyMatch(key -> key.endsWith(" " + name.value())
                            && (key.substring(0, key.indexOf(' ')).replace("WithQueryMaps", "") + "Query")
                                    .equalsIgnoreCase(queryClass.getSimpleName()));
                    if (covered) {
                        continue;
                    }
                    var via = additional.get(queryClass.getSimpleName());
                    String sent;
                    if (via != null) {
                        via.accept(client.orgs(), Map.entry(name.value(), "7"));
                        sent = "7";
                    } else {
                        sent = throughGenerated(api, queryClass, field); // an operation whose façade method takes no params
                    }
                    assertEquals(sent, take().getRequestUrl().queryParameter(name.value()),
                            queryClass.getSimpleName() + " '" + name.value() + "' through "
                                    + (via != null ? "putAdditionalQueryParam" : "client.generated()"));
                }
            }
        }

        generated.retainAll(reach.keySet());
        assertEquals(generated, reach.keySet(), "the façade conveniences name parameters the generated services have");
        for (Map.Entry<String, Reach> entry : reach.entrySet()) {
            String name = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            entry.getValue().call().accept(client.orgs());
            RecordedRequest request = take();
            String sent = entry.getValue().header() ? request.getHeader(name) : request.getRequestUrl().queryParameter(name);
            assertEquals(entry.getValue().wireValue(), sent, entry.getKey() + " on the wire: " + request.getPath());
        }
    }

    @Test
    void falseFlagsAndUnsetPropertiesAreNotSent() throws Exception {
        client.orgs().get("01HX");
        client.orgs().users("01HORG");
        client.orgs().list(ListParams.DEFAULT);
        client.orgs().create(OrgCreateParams.builder(LocalizedString.of("en", "x")).includeDeleted(false).build());

        for (int i = 0; i < 4; i++) {
            RecordedRequest request = take();
            assertTrue(request.getRequestUrl().queryParameterNames().isEmpty(), request.getPath());
        }
    }
}
