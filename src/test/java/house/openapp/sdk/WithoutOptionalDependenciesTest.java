package house.openapp.sdk;

import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The build runs the SDK's tests twice: with everything ({@code default-test}), and in the
 * surefire execution {@code without-optional-dependencies} with neither OpenTelemetry nor
 * Micrometer on the classpath, which proves the SDK works without them. In that run this test
 * fails if they creep back; in the other it is skipped.
 */
class WithoutOptionalDependenciesTest extends MockOpenApp {

    @Test
    void neitherOpenTelemetryNorMicrometerIsOnTheClasspath() {
        assumeTrue(Boolean.getBoolean("openapp.withoutOptionalDependencies"), "only in the run without the optional dependencies");
        for (String type : List.of("io.opentelemetry.api.OpenTelemetry", "io.opentelemetry.context.Context",
                "io.micrometer.observation.ObservationRegistry", "io.micrometer.common.KeyValue")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(type), type + " is on the test classpath");
        }
    }

    @Test
    void aClientWithTheLogAndAListenerWorksWithoutThem() {
        List<String> seen = new CopyOnWriteArrayList<>();
        enqueue(new MockResponse().setResponseCode(503), json(org("01HORG0000000000000000000A", "Acme")));
        OpenAppClient observed = newClient(builder -> builder.logging(true).callListener(operation -> new CallListener.OperationListener() {
            @Override
            public void operationEnded(CallListener.Outcome outcome) {
                seen.add(operation.operationId() + " " + outcome.statusCode() + " after " + outcome.attempts());
            }
        }));

        assertEquals("01HORG0000000000000000000A", observed.orgs().get("01HORG0000000000000000000A").getId());
        assertEquals(List.of("get_org 200 after 2"), seen);
    }
}
