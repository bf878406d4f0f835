package house.openapp.sdk.reliability;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.generated.model.OrganizationResponse;

/**
 * The measurement behind docs/reliability.md "Short server keep-alive": a server that closes
 * idle connections after 1 s; for each pause (0.5, 2, 5, 11 s) ten creates and ten GETs, each
 * made after the pause on the connection the call before it left in the pool. Prints the
 * creates that failed, the POSTs the server saw for each create (fewest and most), and the
 * GETs that needed a retry ({@code ApiResponse.attempts() > 1}).
 *
 * <p>Before each measured call an unmeasured GET, made without a pause, leaves a live
 * connection in the pool: a create that failed on a dead connection has discarded it, and the
 * measured GET would otherwise start on a new one and say nothing about a stale connection.
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
                int failed = 0;
                long fewestPosts = Long.MAX_VALUE;
                long mostPosts = 0;
                int retriedGets = 0;
                int failedGets = 0;
                for (int i = 0; i < rounds; i++) {
                    client.orgs().get("01HORG"); // a live pooled connection to pause on
                    Thread.sleep(pause);
                    long postsBefore = server.count("POST");
                    try {
                        client.orgs().create("Acme");
                    } catch (RuntimeException e) {
                        failed++;
                    }
                    long posts = server.count("POST") - postsBefore;
                    fewestPosts = Math.min(fewestPosts, posts);
                    mostPosts = Math.max(mostPosts, posts);
                    client.orgs().get("01HORG");
                    Thread.sleep(pause);
                    try {
                        ApiResponse<OrganizationResponse> get = client.orgs().withResponse().get("01HORG");
                        if (get.attempts() > 1) {
                            retriedGets++;
                        }
                    } catch (RuntimeException e) {
                        failedGets++;
                    }
                }
                System.out.printf("pause=%d ms creates=%d failed=%d postsPerCreate=%d..%d getsRetried=%d/%d getsFailed=%d connections=%d%n",
                        pause, rounds, failed, fewestPosts, mostPosts, retriedGets, rounds, failedGets, server.connections.get());
            }
        }
    }
}
