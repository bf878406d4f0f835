package house.openapp.sdk;

import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.api.OrgsApi;
import okhttp3.MultipartBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Response;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the generated services, found by reflection (so one the bundle adds is
 * covered with no edit), works through {@code client.generated()} on the façade's stack: its
 * credentials, org context and retries (a POST is never replayed).
 */
class GeneratedOperationsTest extends MockOpenApp {
    private static Object argument(Class<?> type) throws Exception {
        if (type == String.class) {
            return "01HX";
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == MultipartBody.Part.class) {
            return MultipartBody.Part.createFormData("file", "a.png", okhttp3.RequestBody.create(new byte[] {1}, null));
        } else if (type == Boolean.class || type == Integer.class || type == Long.class) {
            return null;
        }
        return type.getDeclaredConstructor().newInstance(); // a generated model
    }

    @Test
    void everyGeneratedOperationSharesAuthOrgContextAndRetries() throws Exception {
        int operations = 0;
        for (Class<?> api : List.of(OrgsApi.class, MediaApi.class)) {
            Object service = api == OrgsApi.class ? client.withOrg("01HCTX").generated().orgsApi()
                    : client.withOrg("01HCTX").generated().mediaApi();
            for (Method method : api.getMethods()) {
                if (!method.getName().endsWith("WithQueryMap")) {
                    continue;
                }
                Object[] arguments = new Object[method.getParameterCount()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = method.getParameters()[i].isAnnotationPresent(retrofit2.http.Header.class)
                            ? null : argument(method.getParameterTypes()[i]); // the org context fills X-Org
                }
                boolean post = method.isAnnotationPresent(retrofit2.http.POST.class); // never replayed
                if (!post) {
                    enqueue(new MockResponse().setResponseCode(503));
                }
                enqueue(json(method.getGenericReturnType().getTypeName().contains("List<") ? "[]" : "{}"));

                Response<?> response = ((Call<?>) method.invoke(service, arguments)).execute();

                assertTrue(response.isSuccessful(), method.getName() + " answered " + response.code());
                for (int attempt = 0; attempt < (post ? 1 : 2); attempt++) {
                    RecordedRequest request = take();
                    assertAuthenticated(request);
                    assertEquals("01HCTX", request.getHeader("X-Org"), method.getName() + " carries the org context");
                }
                operations++;
            }
        }
        assertTrue(operations >= 14, operations + " operations");
    }
}
