package house.openapp.sdk.reliability;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.generated.model.OrganizationResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static house.openapp.sdk.reliability.Fixtures.ORG_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12, finding 3: a server that closes idle connections sooner than the client reuses them
 * never makes a create fail, a create reaches the server exactly once, and a GET needs no retry.
 */
class KeepAliveTest {

    private static RawHttpServer server() throws IOException {
        return new RawHttpServer((request, out) -> RawHttpServer.respond(out, request.method().equals("POST") ? 201 : 200,
                "Content-Type: application/json\r\n", ORG_JSON));
    }

    @Test
    void createAfterThePeerClosedTheIdleConnectionIsSentOnceAndGetNeedsNoRetry() throws Exception {
        try (RawHttpServer server = server().keepAlive(300);
             OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1")).build()) {
            int creates = 0;
            int gets = 0;
            for (long pause : new long[] {100, 700, 100, 1200}) {
                client.orgs().create("Acme");
                creates++;
                Thread.sleep(pause);
                ApiResponse<OrganizationResponse> get = client.orgs().withResponse().get("01HORG");
                gets++;
                assertEquals(1, get.attempts(), "GET after a " + pause + " ms pause needed a retry");
                Thread.sleep(pause);
            }
            client.orgs().create("Acme");
            creates++;
            assertEquals(creates, server.count("POST"), "one POST per create");
            assertEquals(gets, server.count("GET"), "one GET per get");
        }
    }

    @Test
    void aConnectionIdleLongerThanTheIdleTimeoutIsNeverWrittenTo() throws Exception {
        // a middlebox that forgets idle connections without closing them: the request vanishes
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            if (request.connection() == 1 && request.method().equals("POST") && request.body().length > 0 && seen(request)) {
                throw new IOException("black hole");
            }
            RawHttpServer.respond(out, 201, "Content-Type: application/json\r\n", ORG_JSON);
        }); OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1"))
                .connectionIdleTimeout(Duration.ofMillis(200)).readTimeout(Duration.ofSeconds(2)).build()) {
            client.orgs().create("Acme");
            Thread.sleep(500);
            client.orgs().create("Acme");
            assertEquals(2, server.count("POST"), "one POST per create");
            assertEquals(2, server.connections.get(), "the idle connection was not reused");
        }
    }

    private static final java.util.Set<Integer> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** True from the second request on connection 1. */
    private static boolean seen(RawHttpServer.Request request) {
        return !SEEN.add(request.connection()) ;
    }
}
