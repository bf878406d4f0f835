package house.openapp.sdk.reliability;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.generated.model.OrganizationResponse;

/**
 * The measurement behind docs/reliability.md "Short server keep-alive": a server that closes
 * idle connections after 1 s; for each pause (0.5, 2, 5, 11 s) ten rounds of create, pause,
 * get, pause. Prints failed creates, POSTs the server saw and GETs that needed a retry.
 */
public final class KeepAliveMain {
    private KeepAliveMain() {
    }

    public static void main(String[] args) throws Exception {
        long[] pauses = {500, 2000, 5000, 11000};
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        for (long pause : pauses) {
            try (RawHttpServer server = new RawHttpServer((request, out) -> RawHttpServer.respond(out,
                    request.method().equals("POST") ? 201 : 200, "Content-Type: application/json\r\n", Fixtures.ORG_JSON)).keepAlive(1000);
                 OpenAppClient client = OpenAppClient.builder().apiKey(Fixtures.API_KEY).baseUrl(server.url("/api/v1")).build()) {
                client.orgs().get("01HORG"); // a pooled connection to start from
                int failed = 0;
                int retriedGets = 0;
                for (int i = 0; i < rounds; i++) {
                    Thread.sleep(pause);
                    try {
                        client.orgs().create("Acme");
                    } catch (RuntimeException e) {
                        failed++;
                    }
                    Thread.sleep(pause);
                    ApiResponse<OrganizationResponse> get = client.orgs().withResponse().get("01HORG");
                    if (get.attempts() > 1) {
                        retriedGets++;
                    }
                }
                System.out.printf("pause=%d ms creates=%d failed=%d postsSeen=%d getsRetried=%d/%d connections=%d%n", pause, rounds, failed,
                        server.count("POST"), retriedGets, rounds, server.connections.get());
            }
        }
    }
}
