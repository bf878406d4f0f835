package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgUpdateParams;
import house.openapp.sdk.Orgs;
import house.openapp.sdk.errors.OrgMismatchException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, finding 7: a response framed wrongly never leaves its connection one response
 * behind, and get, update, delete and purge never hand back another organisation.
 */
class DesyncTest {

    /** The org a request is about: the last path segment (purge: the one before). */
    private static String idOf(RawHttpServer.Request request) {
        String path = request.target().split("\\?")[0];
        String[] segments = path.split("/");
        String last = segments[segments.length - 1];
        return last.equals("purge") ? segments[segments.length - 2] : last;
    }

    private static String orgJson(String id) {
        return "{\"id\":\"" + id + "\",\"name\":{\"value\":{\"en\":\"" + id + "\"}},\"user_roles\":{}}";
    }

    /** Writes a correct response for the org asked for, then (on the first request) something more. */
    private static RawHttpServer server(String mischief) throws IOException {
        return new RawHttpServer((request, out) -> {
            String body = orgJson(idOf(request));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            boolean first = request.connection() == 1 && request.headers().get("x-first") == null && !SEEN.contains(request.connection());
            SEEN.add(request.connection());
            switch (first ? mischief : "none") {
                case "short-length" -> { // Content-Length covers part of what follows: a whole response for another org
                    RawHttpServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n");
                    out.write(bytes);
                    RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", orgJson("01HGHOST"));
                }
                case "late-extra" -> { // the stray response arrives a little after the real one
                    RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", body);
                    out.flush();
                    sleep(30);
                    RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", orgJson("01HGHOST"));
                }
                case "chunked-extra" -> { // a chunked body followed by junk
                    RawHttpServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(bytes.length) + "\r\n" + body + "\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
                }
                default -> RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", body);
            }
        });
    }

    private static final java.util.Set<Integer> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoTenantsAlternatingNeverGetEachOthersResponse() throws Exception {
        for (String mischief : List.of("short-length", "late-extra", "chunked-extra")) {
            SEEN.clear();
            try (RawHttpServer server = server(mischief);
                 OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1")).build()) {
                Orgs tenantA = client.withOrg("01HTENANTA").orgs();
                Orgs tenantB = client.withOrg("01HTENANTB").orgs();
                int mismatches = 0;
                for (int i = 0; i < 6; i++) {
                    Orgs tenant = i % 2 == 0 ? tenantA : tenantB;
                    String id = i % 2 == 0 ? "01HORGA" + i : "01HORGB" + i;
                    try {
                        OrganizationResponse org = tenant.get(id);
                        assertEquals(id, org.getId(), mischief + ": call " + i + " got another org's data");
                    } catch (OrgMismatchException typed) {
                        mismatches++;
                        assertEquals(id, typed.expectedId());
                    }
                    sleep(i == 0 ? 250 : 0); // the stray bytes must have arrived before the next call looks: later ones only the id check can catch
                }
                assertEquals(0, mismatches, mischief + ": the stray bytes were caught only by the id check");
                assertEquals(6, server.requests.size(), mischief);
                assertTrue(server.connections.get() >= 2, mischief + ": the desynchronised connection was reused");
            }
        }
    }

    @Test
    void getUpdateDeletePurgeRefuseAnotherOrgsData() throws Exception {
        List<Function<Orgs, Object>> calls = List.of(orgs -> orgs.get("01HASKED"),
                orgs -> orgs.update("01HASKED", OrgUpdateParams.builder().description("x").build()),
                orgs -> orgs.delete("01HASKED"), orgs -> orgs.purge("01HASKED"),
                orgs -> orgs.async().get("01HASKED").join());
        try (MockWebServer server = Fixtures.newServer()) {
            for (int i = 0; i < calls.size(); i++) {
                server.enqueue(Fixtures.ok(orgJson("01HOTHER")));
            }
            try (OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1").toString()).build()) {
                for (Function<Orgs, Object> call : calls) {
                    try {
                        Object value = call.apply(client.orgs());
                        fail("returned another org: " + value);
                    } catch (java.util.concurrent.CompletionException async) {
                        OrgMismatchException e = (OrgMismatchException) async.getCause();
                        assertEquals("01HOTHER", e.actualId());
                    } catch (OrgMismatchException e) {
                        assertEquals("01HASKED", e.expectedId());
                        assertEquals("01HOTHER", e.actualId());
                        assertEquals(1, e.attempts());
                    }
                }
            }
            assertEquals(calls.size(), server.getRequestCount(), "one request per call, none retried");
        }
    }
}
