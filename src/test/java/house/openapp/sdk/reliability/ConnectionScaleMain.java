package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The measurement behind docs/reliability.md "Connection scale": 1,000 virtual threads, 3 calls
 * each, against a loopback server that answers in 2 ms; prints the peak of open sockets, the
 * TCP connections opened and the throughput. Needs JDK 21+ to run (virtual threads, reached
 * by reflection so that the build stays --release 17):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) house.openapp.sdk.reliability.ConnectionScaleMain}.
 */
public final class ConnectionScaleMain {
    private ConnectionScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int callsEach = 3;
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
            RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", Fixtures.ORG_JSON);
        }); OpenAppClient client = OpenAppClient.builder().apiKey(Fixtures.API_KEY).baseUrl(server.url("/api/v1")).build()) {
            client.orgs().get("01HORG"); // warm-up
            int warm = server.connections.get();
            server.peakOpenConnections.set(server.openConnections.get());
            ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            AtomicInteger errors = new AtomicInteger();
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        try {
                            client.orgs().get("01HORG");
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            executor.shutdown();
            int calls = threads * callsEach;
            System.out.printf("threads=%d calls=%d errors=%d peakOpenSockets=%d newConnections=%d seconds=%.2f callsPerSecond=%.0f%n",
                    threads, calls, errors.get(), server.peakOpenConnections.get(), server.connections.get() - warm, seconds, calls / seconds);
        }
    }
}
