package house.openapp.sdk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A paired latency measurement for a noisy machine: one JVM, one server, and the clients
 * called in turn, one call each per round in a shuffled order, so that whatever the machine
 * does (another tenant, CPU frequency, the scheduler moving threads between cores) lands on
 * every client alike. JMH runs each benchmark in a fork of its own, one after the other; on a
 * shared 2-core VM two forks of the same code differed by 20% and more, which swamps the few
 * percent this SDK is judged on. Even interleaved, two JVMs differ by a few percent (JIT
 * decisions, where the scheduler puts the threads), so {@link BenchRunner} runs five and quotes
 * the median. Ratios of medians from here are what the latency goals are checked against; JMH
 * gives the absolute figures and the allocation.
 *
 * <pre>{@code
 * Map<String, InterleavedLatency.Result> results = InterleavedLatency.run(variants, 10_000, 40_000, 42);
 * double ratio = results.get("facade").median() / results.get("raw").median();
 * }</pre>
 */
final class InterleavedLatency {
    private InterleavedLatency() {
    }

    /** The clients compared, in the order of the table. */
    static final List<String> CLIENTS = List.of("(a) raw OkHttp + Gson", "(a) again (control)", "(b) JDK HttpClient + Gson",
            "(c) generated OrgsApi", "(d) facade get", "(e) facade getAsync");

    /** The listings compared, in the order of the table. */
    static final List<String> LISTINGS = List.of("hand loop", "auto-paging", "hand loop, 2 ms work per page",
            "auto-paging, 2 ms work per page", "prefetching 2 pages ahead, 2 ms work per page", "prefetching 1 page ahead, 2 ms work per page");

    /**
     * One fork of the measurement, started by {@link BenchRunner}: runs every client against a
     * server of its own and prints one {@code RESULT} line per client (name, median, p99).
     *
     * @param args the suite ({@code get} or {@code paging}), warm-up rounds, recorded rounds, seed
     * @throws Exception if a call fails
     */
    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        Map<String, Result> results = args[0].equals("paging") ? paging(warmup, rounds, seed) : gets(warmup, rounds, seed);
        results.forEach((name, result) -> System.out.println("RESULT\t" + name + "\t" + result.median() + "\t" + result.p99()));
    }

    private static Map<String, Result> paging(int warmup, int rounds, long seed) throws Exception {
        int total = 20_000;
        try (BenchServer server = BenchServer.start(total, java.time.Duration.ofMillis(2));
             house.openapp.sdk.OpenAppClient facade = Clients.facade(server.apiRoot())) {
            house.openapp.sdk.generated.ApiClient generatedClient = Clients.generated(server.apiRoot());
            house.openapp.sdk.generated.api.OrgsApi generated = generatedClient.createService(house.openapp.sdk.generated.api.OrgsApi.class);
            house.openapp.sdk.Orgs orgs = facade.orgs();
            java.util.function.Consumer<Object> sink = org -> consumed ^= org.hashCode();
            long work = PagingBenchmark.WORK_NANOS_PER_ORG;
            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put(LISTINGS.get(0), () -> expect(total, PagingBenchmark.handLoop(generated, sink, 0)));
            variants.put(LISTINGS.get(1), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, 0, 0)));
            variants.put(LISTINGS.get(2), () -> expect(total, PagingBenchmark.handLoop(generated, sink, work)));
            variants.put(LISTINGS.get(3), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, work, 0)));
            variants.put(LISTINGS.get(4), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, work, 2)));
            variants.put(LISTINGS.get(5), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, work, 1)));
            Map<String, Result> results = run(variants, warmup, rounds, seed);
            Clients.shutdown(generatedClient.getOkHttpClient());
            return results;
        }
    }

    /** Where the listings' orgs go, so that the JIT cannot drop them. */
    private static volatile int consumed;

    private static void expect(int total, int seen) {
        if (seen != total) {
            throw new IllegalStateException("saw " + seen + " orgs, expected " + total);
        }
    }

    private static Map<String, Result> gets(int warmup, int rounds, long seed) throws Exception {
        try (BenchServer server = BenchServer.start(0, java.time.Duration.ZERO);
             house.openapp.sdk.OpenAppClient facade = Clients.facade(server.apiRoot())) {
            String root = server.apiRoot();
            okhttp3.OkHttpClient okHttp = Clients.rawOkHttp();
            okhttp3.HttpUrl apiRoot = okhttp3.HttpUrl.get(root);
            java.net.http.HttpClient jdk = Clients.jdk();
            house.openapp.sdk.generated.ApiClient generatedClient = Clients.generated(root);
            house.openapp.sdk.generated.api.OrgsApi generated = generatedClient.createService(house.openapp.sdk.generated.api.OrgsApi.class);
            house.openapp.sdk.Orgs orgs = facade.orgs();
            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put(CLIENTS.get(0), () -> Clients.check(Clients.rawOkHttpGet(okHttp, apiRoot, BenchServer.ORG_ID), "raw"));
            variants.put(CLIENTS.get(1), () -> Clients.check(Clients.rawOkHttpGet(okHttp, apiRoot, BenchServer.ORG_ID), "raw"));
            variants.put(CLIENTS.get(2), () -> Clients.check(Clients.jdkGet(jdk, apiRoot, BenchServer.ORG_ID), "jdk"));
            variants.put(CLIENTS.get(3), () -> Clients.check(Clients.generatedGet(generated), "generated"));
            variants.put(CLIENTS.get(4), () -> Clients.check(orgs.get(BenchServer.ORG_ID), "facade"));
            variants.put(CLIENTS.get(5), () -> Clients.check(orgs.getAsync(BenchServer.ORG_ID, false).join(), "async"));
            Map<String, Result> results = run(variants, warmup, rounds, seed);
            Clients.shutdown(okHttp);
            Clients.shutdown(generatedClient.getOkHttpClient());
            return results;
        }
    }

    /**
     * Reads a {@code RESULT} line printed by {@link #main}.
     *
     * @param line the line
     * @return the client's name and figures
     */
    static Map.Entry<String, Result> parse(String line) {
        String[] parts = line.split("\t");
        return Map.entry(parts[1], new Result(Double.parseDouble(parts[2]), Double.parseDouble(parts[3])));
    }

    /** One client's call; its result is checked by the caller's lambda. */
    @FunctionalInterface
    interface Variant {
        void call() throws Exception;
    }

    /**
     * One client's figures.
     *
     * @param median the median latency in microseconds
     * @param p99 the 99th percentile in microseconds
     */
    record Result(double median, double p99) {
    }

    /**
     * Warms every variant up, then measures {@code rounds} rounds.
     *
     * @param variants the clients by name
     * @param warmupRounds rounds run first and not recorded
     * @param rounds rounds recorded
     * @param seed the seed of the order shuffle
     * @return each variant's figures, in the order given
     * @throws Exception if a call fails
     */
    static Map<String, Result> run(Map<String, Variant> variants, int warmupRounds, int rounds, long seed) throws Exception {
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, long[]> samples = new LinkedHashMap<>();
        names.forEach(name -> samples.put(name, new long[rounds]));
        Random random = new Random(seed);
        List<String> order = new ArrayList<>(names);
        for (int round = -warmupRounds; round < rounds; round++) {
            Collections.shuffle(order, random);
            for (String name : order) {
                Variant variant = variants.get(name);
                long started = System.nanoTime();
                variant.call();
                long elapsed = System.nanoTime() - started;
                if (round >= 0) {
                    samples.get(name)[round] = elapsed;
                }
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (String name : names) {
            long[] sorted = samples.get(name).clone();
            Arrays.sort(sorted);
            results.put(name, new Result(sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3));
        }
        return results;
    }
}
