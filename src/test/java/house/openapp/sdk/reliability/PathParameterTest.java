package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.RequestOptions;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, finding 10: no path segment can carry a path parameter a server would strip, and
 * the generated layer is no way around the id checks.
 */
class PathParameterTest {

    @Test
    void semicolonsAreEncodedInEverySegmentOnEveryPath() throws Exception {
        try (MockWebServer server = Fixtures.newServer()) {
            server.start();
            try (OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1").toString()).build()) {
                for (String id : List.of("a;b", "x;y=1,2", "...;", ";")) {
                    server.enqueue(Fixtures.ok(Fixtures.orgWithId(id)));
                    client.orgs().get(id);
                    server.enqueue(Fixtures.ok(Fixtures.orgWithId(id)));
                    client.generated().orgsApi().getOrg(id, null).execute();
                    server.enqueue(Fixtures.ok("{}"));
                    client.rawRequest("GET", "orgs/" + id + "/permissions", Map.of(), null, RequestOptions.NONE);
                    for (int i = 0; i < 3; i++) {
                        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
                        assertFalse(request.getPath().contains(";"), "a raw ';' went out: " + request.getPath());
                        assertEquals(id, request.getRequestUrl().pathSegments().get(3), "the segment still decodes to the id");
                    }
                }
            }
        }
    }

    @Test
    void dotSegmentsWithPathParametersAreRefusedEverywhereBeforeSending() throws Exception {
        try (MockWebServer server = Fixtures.newServer()) {
            server.start();
            try (OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1").toString()).build()) {
                for (String id : List.of("..;", ".;", "..;x=1", ".;jsessionid=1")) {
                    assertThrows(IllegalArgumentException.class, () -> client.orgs().get(id), id);
                    assertThrows(IllegalArgumentException.class, () -> client.orgs().delete(id), id);
                }
                for (String id : List.of("../../admin", "..", ".", "..;", ".;x", "a/b", "a\\b", "a\nb")) {
                    // refused before sending: by the SDK's guard (IOException) or by Retrofit itself ('.' and '..')
                    Exception get = assertThrows(Exception.class, () -> client.generated().orgsApi().getOrg(id, null).execute(), id);
                    assertTrue(get instanceof IOException || get instanceof IllegalArgumentException, id + ": " + get);
                    Exception purge = assertThrows(Exception.class, () -> client.generated().orgsApi().hardDeleteOrg(id, null).execute(), id);
                    assertTrue(purge instanceof IOException || purge instanceof IllegalArgumentException, id + ": " + purge);
                }
            }
            assertEquals(0, server.getRequestCount());
        }
    }
}
