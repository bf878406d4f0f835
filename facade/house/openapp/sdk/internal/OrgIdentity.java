package house.openapp.sdk.internal;

import house.openapp.sdk.errors.OrgMismatchException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.Request;
import retrofit2.Invocation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check that a call about one organisation got that organisation back: when a generated
 * operation has an {@code id} path parameter and its response is one
 * {@link OrganizationResponse} (get, update, delete and purge, read from the Retrofit
 * annotations rather than listed), the response's {@code id} must be the one in the path. A
 * mismatch is an {@link OrgMismatchException}, never another tenant's data. Internal: not part
 * of the SDK's API.
 */
final class OrgIdentity {
    private static final String ID = "id";
    private static final Map<Method, Integer> ID_ARGUMENT = new ConcurrentHashMap<>();

    private OrgIdentity() {
    }

    static void check(Request request, Object value, int attempts) {
        if (!(value instanceof OrganizationResponse org)) {
            return;
        }
        Invocation invocation = request.tag(Invocation.class);
        if (invocation == null) {
            return;
        }
        int index = ID_ARGUMENT.computeIfAbsent(invocation.method(), OrgIdentity::idArgument);
        if (index < 0 || !(invocation.arguments().get(index) instanceof String expected)) {
            return;
        }
        String actual = org.getId();
        if (actual != null && !expected.equalsIgnoreCase(actual)) { // ULIDs are case-insensitive; a missing id is tolerated
            throw new OrgMismatchException("asked for organisation " + expected + " but the response is organisation "
                    + ErrorMapper.quote(actual) + " (" + request.method() + " " + request.url().encodedPath() + "); not retried",
                    expected, actual, attempts);
        }
    }

    private static int idArgument(Method method) {
        int[] ids = RequestGuard.pathIndexes(method, path -> path.value().equals(ID));
        return ids.length == 0 ? -1 : ids[0];
    }
}
