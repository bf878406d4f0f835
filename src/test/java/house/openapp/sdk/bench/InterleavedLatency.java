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

    /** The raw OkHttp baseline. */
    static final String RAW = "(a) raw OkHttp + Gson";
    /** The raw OkHttp baseline again, the control. */
    static final String RAW_AGAIN = "(a) again (control)";
    /** The JDK client. */
    static final String JDK = "(b) JDK HttpClient + Gson";
    /** The generated layer. */
    static final String GENERATED = "(c) generated OrgsApi";
    /** The facade, synchronously. */
    static final String FACADE = "(d) facade get";
    /** The facade, asynchronously. */
    static final String FACADE_ASYNC = "(e) facade getAsync";
    /** Raw OkHttp's {@code enqueue}, the async baseline. */
    static final String RAW_ENQUEUE = "(f) raw OkHttp enqueue + Gson";
    /** The stock openapi-generator {@code okhttp-gson} client. */
    static final String STOCK_OKHTTP_GSON = "(g) stock okhttp-gson client";
    /** The stock openapi-generator {@code native} client. */
    static final String STOCK_NATIVE = "(h) stock native client";

    /** The clients compared, in the order of the table. */
    static final List<String> CLIENTS = List.of(RAW, RAW_AGAIN, JDK, GENERATED, FACADE, FACADE_ASYNC, RAW_ENQUEUE, STOCK_OKHTTP_GSON,
            STOCK_NATIVE);

    /** The listings compared, in the order of the table; the first {@link #PLAIN_LISTINGS} consume nothing. */
    static final List<String> LISTINGS = List.of("hand loop", "auto-paging", "stock okhttp-gson hand loop", "stock native hand loop",
            "hand loop, 2 ms work per page", "auto-paging, 2 ms work per page", "prefetching 2 pages ahead, 2 ms work per page",
            "prefetching 1 page ahead, 2 ms work per page");

    /** How many of {@link #LISTINGS} consume nothing (their base is the first hand loop; the others' is the hand loop with work). */
    static final int PLAIN_LISTINGS = 4;

    /**
     * One fork of the measurement, started by {@link BenchRunner}: runs every client against a
     * server of its own and prints one {@code RESULT} line per client (name, median, p99).
     *
     * @param args the suite ({@code get} or {@code paging}), warm-up rounds, recorded rounds, seed,
     *     and for {@code paging} how many orgs to list
     * @throws Exception if a call fails
     */
    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        Map<String, Result> results = args[0].equals("paging") ? paging(Integer.parseInt(args[4]), warmup, rounds, seed)
                : gets(warmup, rounds, seed);
        results.forEach((name, result) -> System.out.println("RESULT\t" + name + "\t" + result.median() + "\t" + result.p99()));
    }

    private static Map<String, Result> paging(int total, int warmup, int rounds, long seed) throws Exception {
        try (BenchServer server = BenchServer.start(total, java.time.Duration.ofMillis(2));
             house.openapp.sdk.OpenAppClient facade = Clients.facade(server.apiRoot())) {
            house.openapp.sdk.generated.ApiClient generatedClient = Clients.generated(server.apiRoot());
            house.openapp.sdk.generated.api.OrgsApi generated = generatedClient.createService(house.openapp.sdk.generated.api.OrgsApi.class);
            house.openapp.sdk.Orgs orgs = facade.orgs();
            java.util.function.Consumer<Object> sink = org -> consumed ^= org.hashCode();
            long work = PagingBenchmark.WORK_NANOS_PER_ORG;
            house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi stockOkHttpGson = Clients.stockOkHttpGson(server.apiRoot());
            house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi stockNative = Clients.stockNative(server.apiRoot());
            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put(LISTINGS.get(0), () -> expect(total, PagingBenchmark.handLoop(generated, sink, 0)));
            variants.put(LISTINGS.get(1), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, 0, 0)));
            variants.put(LISTINGS.get(2), () -> expect(total, PagingBenchmark.stockOkHttpGsonLoop(stockOkHttpGson, sink)));
            variants.put(LISTINGS.get(3), () -> expect(total, PagingBenchmark.stockNativeLoop(stockNative, sink)));
            variants.put(LISTINGS.get(4), () -> expect(total, PagingBenchmark.handLoop(generated, sink, work)));
            variants.put(LISTINGS.get(5), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, work, 0)));
            variants.put(LISTINGS.get(6), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, work, 2)));
            variants.put(LISTINGS.get(7), () -> expect(total, PagingBenchmark.autoPaging(orgs, sink, work, 1)));
            Map<String, Result> results = run(variants, warmup, rounds, seed);
            Clients.shutdown(generatedClient.getOkHttpClient());
            Clients.shutdown(stockOkHttpGson.getApiClient().getHttpClient());
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
            house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi stockOkHttpGson = Clients.stockOkHttpGson(root);
            house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi stockNative = Clients.stockNative(root);
            String id = BenchServer.ORG_ID;
            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put(RAW, () -> Clients.check(Clients.rawOkHttpGet(okHttp, apiRoot, id), "raw"));
            variants.put(RAW_AGAIN, () -> Clients.check(Clients.rawOkHttpGet(okHttp, apiRoot, id), "raw"));
            variants.put(JDK, () -> Clients.check(Clients.jdkGet(jdk, apiRoot, id), "jdk"));
            variants.put(GENERATED, () -> Clients.check(Clients.generatedGet(generated), "generated"));
            variants.put(FACADE, () -> Clients.check(orgs.get(id), "facade"));
            variants.put(FACADE_ASYNC, () -> Clients.check(orgs.async().get(id).join(), "async"));
            variants.put(RAW_ENQUEUE, () -> Clients.check(Clients.rawOkHttpGetAsync(okHttp, apiRoot, id).join(), "raw enqueue"));
            variants.put(STOCK_OKHTTP_GSON, () -> Clients.check(Clients.stockOkHttpGsonGet(stockOkHttpGson, id).getId(), "stock okhttp-gson"));
            variants.put(STOCK_NATIVE, () -> Clients.check(Clients.stockNativeGet(stockNative, id).getId(), "stock native"));
            Map<String, Result> results = run(variants, warmup, rounds, seed);
            Clients.shutdown(okHttp);
            Clients.shutdown(generatedClient.getOkHttpClient());
            Clients.shutdown(stockOkHttpGson.getApiClient().getHttpClient());
            Clients.shutdown(stockOkHttpGson.getApiClient().getHttpClient());
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
