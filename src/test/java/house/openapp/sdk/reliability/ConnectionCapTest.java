package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static house.openapp.sdk.reliability.Fixtures.ORG_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, finding 14: synchronous and asynchronous calls together never open more than the
 * per-host cap, and the pool keeps the connections it may need.
 */
class ConnectionCapTest {

    @Test
    @Timeout(60)
    void syncAndAsyncCallsTogetherStayWithinThePerHostCap() throws Exception {
        int cap = 4;
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", ORG_JSON);
        }); OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1"))
                .maxConnectionsPerHost(cap).build()) {
            ExecutorService threads = Executors.newFixedThreadPool(24);
            List<Future<?>> sync = new ArrayList<>();
            List<CompletableFuture<?>> async = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                sync.add(threads.submit(() -> {
                    for (int j = 0; j < 5; j++) {
                        client.orgs().get("01HORG");
                    }
                }));
                async.add(client.orgs().async().get("01HORG"));
            }
            for (Future<?> call : sync) {
                call.get(60, TimeUnit.SECONDS);
            }
            for (CompletableFuture<?> call : async) {
                call.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertEquals(24 * 5 + 24, server.requests.size());
            assertTrue(server.peakOpenConnections.get() <= cap, "peak of " + server.peakOpenConnections.get() + " connections, cap " + cap);
            assertTrue(server.connections.get() <= cap, server.connections.get() + " connections opened: the pool did not keep them");
        }
    }
}
