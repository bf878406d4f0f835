package house.openapp.sdk;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One shape per operation: the plain ({@link Orgs}), with-response ({@link OrgsWithResponse})
 * and async ({@link OrgsAsync}) forms of every operation take exactly the same arguments and
 * return the same result, as is, inside an {@link ApiResponse}, or inside a
 * {@link CompletableFuture}; no operation takes a boolean.
 */
class OrgsFormsTest {
    /** Methods of {@link Orgs} that are not operations: the views and the options. */
    private static final Set<String> NOT_OPERATIONS = Set.of("with", "withResponse", "async", "toString");

    private static Map<String, Method> operations(Class<?> type) {
        Map<String, Method> operations = new TreeMap<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && !NOT_OPERATIONS.contains(method.getName())) {
                String key = method.getName() + Arrays.stream(method.getGenericParameterTypes()).map(Type::getTypeName)
                        .collect(Collectors.joining(", ", "(", ")"));
                operations.put(key, method);
            }
        }
        return operations;
    }

    private static Type wrapped(Type type, Class<?> wrapper) {
        assertTrue(type instanceof ParameterizedType p && p.getRawType() == wrapper, type + " is not a " + wrapper.getSimpleName());
        return ((ParameterizedType) type).getActualTypeArguments()[0];
    }

    private static String boxed(Type type) {
        return type == void.class ? Void.class.getName() : type.getTypeName();
    }

    @Test
    void everyFormOfEveryOperationTakesTheSameArguments() {
        Map<String, Method> plain = operations(Orgs.class);
        Map<String, Method> withResponse = operations(OrgsWithResponse.class);
        Map<String, Method> async = operations(OrgsAsync.class);

        assertEquals(plain.keySet(), withResponse.keySet(), "Orgs and OrgsWithResponse offer the same operations and overloads");
        assertEquals(plain.keySet(), async.keySet(), "Orgs and OrgsAsync offer the same operations and overloads");
        assertTrue(plain.size() >= 24, plain.keySet().toString());
        for (Map.Entry<String, Method> operation : plain.entrySet()) {
            String result = boxed(operation.getValue().getGenericReturnType());
            assertEquals(result, wrapped(withResponse.get(operation.getKey()).getGenericReturnType(), ApiResponse.class).getTypeName(),
                    operation.getKey());
            assertEquals(result, wrapped(async.get(operation.getKey()).getGenericReturnType(), CompletableFuture.class).getTypeName(),
                    operation.getKey());
        }
    }

    @Test
    void noOperationTakesABooleanOrAFlagByPosition() {
        for (Class<?> form : List.of(Orgs.class, OrgsWithResponse.class, OrgsAsync.class)) {
            for (Method method : operations(form).values()) {
                for (Class<?> parameter : method.getParameterTypes()) {
                    assertTrue(parameter != boolean.class && parameter != Boolean.class, form.getSimpleName() + "." + method);
                }
            }
        }
    }

    @Test
    void theViewsAreReachedFromOrgsAndKeepItsOptions() {
        try (OpenAppClient client = OpenAppClient.builder().apiKey("http://127.0.0.1:1_openapp_k").build()) {
            Orgs orgs = client.orgs();
            assertSame(orgs.withResponse(), orgs.withResponse());
            assertSame(orgs.async(), orgs.async());
            Orgs tagged = orgs.with(RequestOptions.builder().correlationId("c-1").build());
            assertTrue(tagged.withResponse().toString().contains("c-1"), tagged.withResponse().toString());
            assertTrue(tagged.async().toString().contains("c-1"), tagged.async().toString());
        }
    }

    @Test
    void everyNewParamsTypeHasABuilderAToBuilderAndGetters() throws Exception {
        OrgGetParams get = OrgGetParams.builder().includeDeleted(true).build();
        OrgDeleteParams delete = OrgDeleteParams.builder().includeDeleted(true).build();
        OrgUsersParams users = OrgUsersParams.builder().recursive(true).listParams(ListParams.builder().limit(5).build()).build();
        OrgGetByNameParams byName = OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build();

        assertTrue(get.includeDeleted());
        assertEquals(get, get.toBuilder().build());
        assertEquals(OrgGetParams.DEFAULT, get.toBuilder().includeDeleted(false).build());
        assertTrue(delete.includeDeleted());
        assertEquals(delete, delete.toBuilder().build());
        assertTrue(users.recursive());
        assertEquals(java.util.Optional.of(5), users.listParams().limit());
        assertEquals(users, users.toBuilder().build());
        assertEquals(OrgUsersParams.DEFAULT.listParams(), ListParams.DEFAULT);
        assertEquals(OrgGetByNameParams.Match.CONTAINS, byName.match());
        assertEquals(OrgGetByNameParams.Match.EXACT, OrgGetByNameParams.DEFAULT.match());
        assertEquals(byName, byName.toBuilder().build());
        for (Class<?> type : List.of(OrgGetParams.class, OrgDeleteParams.class, OrgUsersParams.class, OrgGetByNameParams.class)) {
            assertTrue(Modifier.isFinal(type.getModifiers()), type + " is final");
            assertEquals(0, type.getConstructors().length, type + " is built by its builder only");
            type.getMethod("toBuilder");
            type.getMethod("builder");
        }
    }
}
