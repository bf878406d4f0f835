package house.openapp.sdk.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The interleaved latency of one façade {@code get} with each observability variant of
 * {@link Observed}, as ratios to the client without a listener (see {@link InterleavedLatency}
 * for why interleaved). Prints one {@code RESULT} line per variant: name, median µs, p99 µs,
 * median ÷ no listener.
 *
 * <pre>{@code
 * java -cp <test classpath> house.openapp.sdk.bench.ObservabilityOverhead 5000 20000 42
 * }</pre>
 */
public final class ObservabilityOverhead {
    private ObservabilityOverhead() {
    }

    /**
     * Runs the measurement.
     *
     * @param args warm-up rounds, recorded rounds, seed
     * @throws Exception if a call fails
     */
    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        try (BenchServer server = BenchServer.start(0, Duration.ZERO); Observed clients = new Observed(server.apiRoot())) {
            Map<String, InterleavedLatency.Variant> variants = new LinkedHashMap<>();
            int[] calls = {0};
            for (String variant : Observed.VARIANTS) {
                house.openapp.sdk.Orgs orgs = clients.client(variant).orgs();
                variants.put(variant, () -> {
                    if (++calls[0] % 1000 == 0) {
                        clients.dropSpans();
                    }
                    Clients.check(orgs.get(BenchServer.ORG_ID), variant);
                });
            }
            Map<String, InterleavedLatency.Result> results = InterleavedLatency.run(variants, warmup, rounds, seed);
            double base = results.get(Observed.VARIANTS.get(0)).median();
            results.forEach((name, result) -> System.out.printf("RESULT\t%s\t%.1f\t%.1f\t%.3f%n", name, result.median(), result.p99(),
                    result.median() / base));
        }
    }
}
