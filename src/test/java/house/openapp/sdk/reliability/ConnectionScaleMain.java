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
 * TCP connections opened and the throughput. The arguments, all optional, are the number of
 * threads (1000), the calls each makes (3), the server's time to answer in ms (2) and the
 * client's {@code maxConnectionsPerHost} (the builder's default when absent). Needs JDK 21+ to
 * run (virtual threads, reached by reflection so that the build stays --release 17):
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) house.openapp.sdk.reliability.ConnectionScaleMain 1000 3}.
 */
public final class ConnectionScaleMain {
    private ConnectionScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int callsEach = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long answerMillis = args.length > 2 ? Long.parseLong(args[2]) : 2;
        OpenAppClient.Builder builder = OpenAppClient.builder().apiKey(Fixtures.API_KEY);
        if (args.length > 3) {
            builder.maxConnectionsPerHost(Integer.parseInt(args[3]));
        }
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            try {
                Thread.sleep(answerMillis);
            } catch (InterruptedException e) {
                return;
            }
            RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", Fixtures.ORG_JSON);
        }); OpenAppClient client = builder.baseUrl(server.url("/api/v1")).build()) {
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
            System.out.printf("threads=%d calls=%d answerMs=%d cap=%s errors=%d peakOpenSockets=%d newConnections=%d seconds=%.2f"
                    + " callsPerSecond=%.0f%n", threads, calls, answerMillis, args.length > 3 ? args[3] : "default", errors.get(),
                    server.peakOpenConnections.get(), server.connections.get() - warm, seconds, calls / seconds);
        }
    }
}
