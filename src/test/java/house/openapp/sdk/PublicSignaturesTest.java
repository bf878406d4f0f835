package house.openapp.sdk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Third-party types stay out of the façade's public signatures, except the documented
 * integration points; {@link ApiResponse} is built from plain JDK types.
 */
class PublicSignaturesTest {
    /** Where an OkHttp or Retrofit type is the point of the method (documented in its Javadoc). */
    private static final Set<String> ALLOWED = Set.of(
            "house.openapp.sdk.OpenAppClient$Builder.okHttpClient", // build on the caller's OkHttpClient
            "house.openapp.sdk.OpenAppClient$Builder.proxyAuthenticator", // any proxy auth scheme, OkHttp's Authenticator
            "house.openapp.sdk.GeneratedApis.orgsApi",              // the generated escape hatch returns Retrofit services
            "house.openapp.sdk.GeneratedApis.mediaApi",
            "house.openapp.sdk.GeneratedApis.apiClient");

    static List<Class<?>> publicFacadeTypes() throws IOException {
        Path root = Path.of("target/classes");
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : List.of("house/openapp/sdk", "house/openapp/sdk/errors")) {
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    try {
                        Class<?> type = Class.forName(name);
                        if (Modifier.isPublic(type.getModifiers())) {
                            types.add(type);
                        }
                    } catch (ClassNotFoundException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return types;
    }

    @Test
    void noOkHttpOrRetrofitTypeInAPublicSignatureButTheDocumentedOnes() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Class<?> type : publicFacadeTypes()) {
            List<Executable> members = new ArrayList<>();
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())) {
                    members.add(method);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    members.add(constructor);
                }
            }
            for (Executable member : members) {
                List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
                if (member instanceof Method method) {
                    types.add(method.getGenericReturnType());
                }
                String key = type.getName() + "." + (member instanceof Constructor ? "<init>" : member.getName());
                boolean thirdParty = types.stream().map(Type::getTypeName)
                        .anyMatch(name -> name.contains("okhttp3.") || name.contains("retrofit2.") || name.contains("okio."));
                if (thirdParty && !ALLOWED.contains(key)) {
                    offending.add(key + " " + types);
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void anApiResponseIsBuiltFromJdkTypesAndLooksHeadersUpIgnoringCase() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("X-Request-Id", List.of("req-1"));
        headers.put("Set-Cookie", List.of("a=1", "b=2"));

        ApiResponse<String> response = new ApiResponse<>(200, headers, "body", 1);
        headers.clear();

        assertEquals(Optional.of("req-1"), response.requestId());
        assertEquals(Optional.of("b=2"), response.header("set-cookie"), "the last value");
        assertEquals(List.of("a=1", "b=2"), response.headers().get("SET-COOKIE"));
        assertEquals(Set.of("x-request-id", "set-cookie"), response.headers().keySet());
        assertEquals(Optional.empty(), response.header("X-Missing"));
        assertEquals("BODY", response.map(String::toUpperCase).value());
        assertEquals(Optional.of("req-1"), response.map(String::length).requestId());
        assertThrows(UnsupportedOperationException.class, () -> response.headers().put("x", List.of()));
        assertThrows(NullPointerException.class, () -> new ApiResponse<>(200, null, "body", 1));
    }
}
