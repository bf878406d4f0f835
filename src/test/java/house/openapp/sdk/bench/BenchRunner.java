package house.openapp.sdk.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs every benchmark of {@code docs/benchmarks.md} in one go and prints the results table:
 * the JMH benchmarks (per call, auto-paging, concurrency), the streaming-memory run under
 * {@code -Xmx64m}, the cold-start processes and the runtime footprint. Each figure is printed
 * with its goal and whether it was met; the table is also written to
 * {@code target/benchmarks/results.md}.
 *
 * <p>Run it with {@code ./mvnw -B -q test-compile exec:exec@bench}; pass options with
 * {@code -Dbench.args="..."}: {@code -quick} (one short iteration each, for the smoke test),
 * {@code -only per,latency,paging,concurrency,memory,coldstart,footprint,observability}, {@code -runs N} (cold-start
 * runs per variant, default 15).
 */
public final class BenchRunner {
    static final List<String> ALL = List.of("per", "latency", "paging", "concurrency", "memory", "coldstart", "footprint",
            "observability");

    private final boolean quick;
    private final Set<String> only;
    private final int runs;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    BenchRunner(boolean quick, Set<String> only, int runs) {
        this.quick = quick;
        this.only = only;
        this.runs = runs;
    }

    /**
     * Runs the benchmarks the arguments select and prints the table.
     *
     * @param args {@code -quick}, {@code -only LIST}, {@code -runs N}
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>(ALL);
        int runs = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-quick" -> quick = true;
                case "-only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "-runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected -quick, -only LIST or -runs N");
            }
        }
        if (!ALL.containsAll(only)) {
            throw new IllegalArgumentException("-only takes a comma-separated subset of " + ALL + " but was " + only);
        }
        String table = new BenchRunner(quick, only, quick ? 1 : runs).run();
        System.out.println();
        System.out.println(table);
        Path out = Paths.get("target", "benchmarks", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println("written to " + out);
    }

    /**
     * Runs the selected benchmarks.
     *
     * @return the results as Markdown
     * @throws Exception if a benchmark fails
     */
    String run() throws Exception {
        if (only.contains("per")) {
            perCall();
        }
        if (only.contains("latency")) {
            interleaved();
        }
        if (only.contains("paging")) {
            paging();
        }
        if (only.contains("memory")) {
            memory();
        }
        if (only.contains("concurrency")) {
            concurrency();
        }
        if (only.contains("coldstart")) {
            coldStart();
        }
        if (only.contains("footprint")) {
            footprint();
        }
        if (only.contains("observability")) {
            observability();
        }
        return render();
    }

    /**
     * The rows measured so far.
     *
     * @return the rows
     */
    List<Row> rows() {
        return rows;
    }

    // ---- 1. per call -------------------------------------------------------------------

    private void perCall() throws Exception {
        Map<String, RunResult> results = jmh(PerCallBenchmark.class, true, Map.of());
        Map<String, double[]> figures = new LinkedHashMap<>();
        details.add("JMH, one fork per client, run one after another:");
        details.add("");
        details.add("| client | median µs | p99 µs | allocated B/call |");
        details.add("|---|---:|---:|---:|");
        String[][] names = {
                {"a_rawOkHttp", "(a) raw OkHttp + Gson"},
                {"a2_rawOkHttpAgain", "(a) again, in a fork of its own (control)"},
                {"b_jdkHttpClient", "(b) JDK HttpClient + Gson"},
                {"c_generated", "(c) generated OrgsApi"},
                {"d_facadeSync", "(d) facade get"},
                {"e_facadeAsync", "(e) facade getAsync"},
                {"f_rawOkHttpEnqueue", "(f) raw OkHttp enqueue + Gson"},
                {"g_stockOkHttpGson", "(g) stock okhttp-gson client"},
                {"h_stockNative", "(h) stock native client"}};
        for (String[] name : names) {
            RunResult result = results.get(name[0]);
            double median = result.getPrimaryResult().getStatistics().getPercentile(50);
            double p99 = result.getPrimaryResult().getStatistics().getPercentile(99);
            double alloc = secondary(result, "gc.alloc.rate.norm");
            figures.put(name[0], new double[] {median, p99, alloc});
            details.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %,.0f |", name[1], median, p99, alloc));
        }
        details.add("");
        double[] raw = figures.get("a_rawOkHttp");
        double[] facade = figures.get("d_facadeSync");
        double[] stock = figures.get("g_stockOkHttpGson");
        ratio("1", "JMH control: median latency of (a) in a second fork ÷ (a)", figures.get("a2_rawOkHttpAgain")[0], raw[0],
                "1.000 (the noise floor)", null);
        ratio("1", "JMH: median latency, facade get ÷ raw OkHttp", facade[0], raw[0], "report", null);
        ratio("1", "JMH: median latency, facade get ÷ stock okhttp-gson", facade[0], stock[0], "report", null);
        ratio("1", "JMH: median latency, facade getAsync ÷ raw OkHttp enqueue", figures.get("e_facadeAsync")[0],
                figures.get("f_rawOkHttpEnqueue")[0], "report", null);
        ratio("1", "allocation, facade get ÷ raw OkHttp", facade[2], raw[2], "≤ 1.15", r -> r <= 1.15);
        ratio("1", "allocation, facade get ÷ stock okhttp-gson", facade[2], stock[2], "report", null);
        ratio("1", "allocation, facade get ÷ stock native", facade[2], figures.get("h_stockNative")[2], "report", null);
    }

    private void interleaved() throws Exception {
        int forks = quick ? 1 : 5;
        int rounds = quick ? 300 : 30_000;
        List<Map<String, InterleavedLatency.Result>> perFork = forks("get", forks, quick ? 50 : 10_000, rounds);
        details.add(String.format(Locale.ROOT, "Interleaved: %d JVMs, each %,d rounds of one call per client in a shuffled order;"
                + " medians and p99 are the median over the JVMs, ratios the median of each JVM's ratio (lowest–highest JVM):",
                forks, rounds));
        details.add("");
        details.add("| client | median µs | p99 µs | median ÷ raw OkHttp |");
        details.add("|---|---:|---:|---|");
        String raw = InterleavedLatency.RAW;
        for (String client : InterleavedLatency.CLIENTS) {
            double[] r = forkRatio(perFork, client, raw);
            details.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f (%.3f–%.3f) |", client,
                    median(perFork.stream().map(f -> f.get(client).median()).collect(Collectors.toList())),
                    median(perFork.stream().map(f -> f.get(client).p99()).collect(Collectors.toList())), r[0], r[1], r[2]));
        }
        details.add("");
        details.add("facade get ÷ raw OkHttp in each JVM: " + perFork.stream().map(f -> String.format(Locale.ROOT, "%.3f",
                f.get(InterleavedLatency.FACADE).median() / f.get(raw).median())).collect(Collectors.joining(", ")));
        details.add("");
        String facade = InterleavedLatency.FACADE;
        spread("1", "interleaved control: median latency of (a) ÷ (a)", forkRatio(perFork, InterleavedLatency.RAW_AGAIN, raw),
                "1.000 (the noise floor)", null);
        spread("1", "median latency, facade get ÷ raw OkHttp", forkRatio(perFork, facade, raw), "≤ 1.05", r -> r <= 1.05);
        spread("1", "median latency, facade get ÷ stock okhttp-gson", forkRatio(perFork, facade, InterleavedLatency.STOCK_OKHTTP_GSON),
                "≤ 0.9", r -> r <= 0.9);
        spread("1", "median latency, facade get ÷ stock native", forkRatio(perFork, facade, InterleavedLatency.STOCK_NATIVE), "report", null);
        spread("1", "median latency, facade get ÷ generated", forkRatio(perFork, facade, InterleavedLatency.GENERATED), "report", null);
        spread("1", "median latency, facade getAsync ÷ raw OkHttp enqueue", forkRatio(perFork, InterleavedLatency.FACADE_ASYNC,
                InterleavedLatency.RAW_ENQUEUE), "≤ 1.1", r -> r <= 1.1);
        spread("1", "median latency, raw OkHttp enqueue ÷ raw OkHttp execute", forkRatio(perFork, InterleavedLatency.RAW_ENQUEUE, raw),
                "report", null);
    }

    /** Runs {@link InterleavedLatency} in JVMs of its own and reads each one's figures. */
    private List<Map<String, InterleavedLatency.Result>> forks(String suite, int forks, int warmup, int rounds, String... more)
            throws Exception {
        List<Map<String, InterleavedLatency.Result>> perFork = new ArrayList<>();
        for (int fork = 0; fork < forks; fork++) {
            List<String> args = new ArrayList<>(List.of(suite, Integer.toString(warmup), Integer.toString(rounds),
                    Long.toString(20261129L + fork)));
            args.addAll(List.of(more));
            Finished run = exec(javaCommand(List.of("-Xms512m", "-Xmx512m"), interleavedClasspath(), InterleavedLatency.class,
                    args.toArray(String[]::new)));
            if (run.exit() != 0) {
                throw new IllegalStateException("the interleaved " + suite + " fork failed:\n" + run.out() + run.err());
            }
            Map<String, InterleavedLatency.Result> results = new LinkedHashMap<>();
            run.out().lines().filter(line -> line.startsWith("RESULT\t")).map(InterleavedLatency::parse)
                    .forEach(entry -> results.put(entry.getKey(), entry.getValue()));
            perFork.add(results);
        }
        return perFork;
    }

    /** The median over forks of a client's median ÷ another's, with the lowest and highest fork. */
    private static double[] forkRatio(List<Map<String, InterleavedLatency.Result>> perFork, String client, String base) {
        List<Double> ratios = perFork.stream().map(f -> f.get(client).median() / f.get(base).median()).collect(Collectors.toList());
        return new double[] {median(ratios), ratios.stream().mapToDouble(d -> d).min().orElseThrow(),
                ratios.stream().mapToDouble(d -> d).max().orElseThrow()};
    }

    // ---- 2. auto-paging ----------------------------------------------------------------

    private void paging() throws Exception {
        Map<String, RunResult> results = jmh(PagingBenchmark.class, false, quick ? Map.of("total", "2000") : Map.of());
        double hand = median(results, "a_handLoop");
        double auto = median(results, "b_autoPaging");
        double handWork = median(results, "c_handLoopWithWork");
        double autoWork = median(results, "d_autoPagingWithWork");
        double prefetch = median(results, "e_prefetchWithWork");
        double prefetchOne = median(results, "f_prefetchOneAheadWithWork");
        double stockOkHttpGson = median(results, "g_stockOkHttpGsonLoop");
        double stockNative = median(results, "h_stockNativeLoop");
        details.add("| 20,000 orgs, pages of 200, 2 ms server latency per page | median ms |");
        details.add("|---|---:|");
        details.add(String.format(Locale.ROOT, "| hand loop over the generated OrgsApi | %.1f |", hand));
        details.add(String.format(Locale.ROOT, "| facade auto-paging | %.1f |", auto));
        details.add(String.format(Locale.ROOT, "| hand loop over the stock okhttp-gson client (buildCall, keys by hand) | %.1f |", stockOkHttpGson));
        details.add(String.format(Locale.ROOT, "| hand loop over the stock native client (typed listOrgs) | %.1f |", stockNative));
        details.add(String.format(Locale.ROOT, "| hand loop, consumer spends 2 ms per page | %.1f |", handWork));
        details.add(String.format(Locale.ROOT, "| auto-paging, consumer spends 2 ms per page | %.1f |", autoWork));
        details.add(String.format(Locale.ROOT, "| prefetching auto-paging (2 pages ahead, the default), consumer spends 2 ms per page | %.1f |", prefetch));
        details.add(String.format(Locale.ROOT, "| prefetching one page ahead, consumer spends 2 ms per page | %.1f |", prefetchOne));
        details.add("");
        int forks = quick ? 1 : 3;
        int total = quick ? 2_000 : 20_000;
        List<Map<String, InterleavedLatency.Result>> perFork = forks("paging", forks, quick ? 0 : 2, quick ? 1 : 12, Integer.toString(total));
        List<String> names = InterleavedLatency.LISTINGS;
        details.add(String.format(Locale.ROOT, "Interleaved: %d JVMs, each %d rounds of one listing per variant in a shuffled order:", forks,
                quick ? 1 : 12));
        details.add("");
        details.add(String.format(Locale.ROOT, "| listing of %,d orgs | median ms | ÷ its hand loop |", total));
        details.add("|---|---:|---|");
        String handLoop = names.get(0);
        String handLoopWork = names.get(InterleavedLatency.PLAIN_LISTINGS);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String base = i < InterleavedLatency.PLAIN_LISTINGS ? handLoop : handLoopWork;
            double[] r = forkRatio(perFork, name, base);
            details.add(String.format(Locale.ROOT, "| %s | %.1f | %.3f (%.3f–%.3f) |", name,
                    median(perFork.stream().map(f -> f.get(name).median() / 1000).collect(Collectors.toList())), r[0], r[1], r[2]));
        }
        details.add("");
        String autoPaging = names.get(1);
        spread("2", "auto-paging ÷ hand loop (interleaved)", forkRatio(perFork, autoPaging, handLoop), "≤ 1.02", r -> r <= 1.02);
        spread("2", "auto-paging ÷ the stock okhttp-gson hand loop (interleaved)", forkRatio(perFork, autoPaging, names.get(2)), "report", null);
        spread("2", "auto-paging ÷ the stock native hand loop (interleaved)", forkRatio(perFork, autoPaging, names.get(3)), "report", null);
        spread("2", "prefetch speed-up over the hand loop, 2 ms work per page (interleaved)", forkRatio(perFork, handLoopWork,
                names.get(InterleavedLatency.PLAIN_LISTINGS + 2)), "≥ 1.5", r -> r >= 1.5);
        spread("2", "the same, prefetching only one page ahead (interleaved)", forkRatio(perFork, handLoopWork,
                names.get(InterleavedLatency.PLAIN_LISTINGS + 3)), "report", null);
        ratio("2", "JMH: auto-paging ÷ hand loop", auto, hand, "report", null);
        ratio("2", "JMH: auto-paging ÷ the stock okhttp-gson hand loop", auto, stockOkHttpGson, "report", null);
        ratio("2", "JMH: hand loop ÷ prefetching, 2 ms work per page", handWork, prefetch, "report", null);
        typedStockListing();
    }

    /**
     * What the stock okhttp-gson client's typed {@code listOrgs} does with a listing: it sends
     * {@code pagination=<toString()>}, the server pages with its defaults, and the loop a user
     * writes sees the first page over and over.
     */
    private void typedStockListing() throws Exception {
        int total = quick ? 2_000 : 20_000;
        try (BenchServer server = BenchServer.start(total, Duration.ZERO)) {
            house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi api = Clients.stockOkHttpGson(server.apiRoot());
            PagingBenchmark.TypedListing listing = PagingBenchmark.typedStockOkHttpGsonListing(api);
            Clients.shutdown(api.getApiClient().getHttpClient());
            add("2", String.format(Locale.ROOT, "the stock okhttp-gson client's typed listOrgs over %,d orgs, pages of %d asked for", total,
                    PagingBenchmark.PAGE), String.format(Locale.ROOT, "%,d requests, %,d orgs seen, %,d distinct", listing.requests(),
                    listing.seen(), listing.distinct()), "report (a peer's bug)", null);
        }
    }

    // ---- 4. concurrency ----------------------------------------------------------------

    private void concurrency() throws RunnerException {
        Map<String, RunResult> results = jmh(ConcurrencyBenchmark.class, false, Map.of());
        RunResult group = results.get("shared");
        double raw = group.getSecondaryResults().get("rawOkHttp").getScore();
        double facade = group.getSecondaryResults().get("facade").getScore();
        double again = group.getSecondaryResults().get("rawOkHttpAgain").getScore();
        double generated = group.getSecondaryResults().get("generated").getScore();
        details.add(String.format(Locale.ROOT, "| 16 threads per client, all groups at once | calls/ms |%n|---|---:|%n| raw OkHttp | %.1f |%n"
                + "| a second raw OkHttp client (control) | %.1f |%n| generated OrgsApi | %.1f |%n| facade | %.1f |%n", raw, again, generated, facade));
        ratio("4", "throughput, 16 threads on the generated OrgsApi ÷ raw OkHttpClient (side by side)", generated, raw, "report", null);
        ratio("4", "control: 16 threads on a second raw OkHttpClient ÷ the first (side by side)", again, raw, "1.000 (the noise floor)", null);
        ratio("4", "throughput, 16 threads on one facade ÷ 16 threads on one raw OkHttpClient (side by side)", facade, raw, "≥ 0.95", r -> r >= 0.95);
    }

    // ---- 3. memory ---------------------------------------------------------------------

    private void memory() throws IOException, InterruptedException {
        int total = quick ? 5_000 : 200_000;
        try (BenchServer server = BenchServer.start(total, Duration.ZERO)) {
            Map<String, String> stream = childFigures(server, total, "stream");
            Map<String, String> prefetch = childFigures(server, total, "prefetch");
            boolean collectFails = collectRunsOutOfMemory(server, total);
            add("3", String.format(Locale.ROOT, "stream %,d orgs through the auto-pager under -Xmx64m", total), streamed(stream),
                    "completes", true);
            add("3", "the same with prefetching", streamed(prefetch), "completes", true);
            add("3", "control: the same orgs collected into a list under -Xmx64m", collectFails ? "OutOfMemoryError" : "completed",
                    quick ? "report" : "fails", quick ? null : collectFails);
        }
    }

    /** A streaming child's figures as a table cell (it failed the run if it did not complete). */
    private static String streamed(Map<String, String> figures) {
        return String.format(Locale.ROOT, "completes in %s ms; peak heap %.1f MiB, live %.1f MiB mid-stream", figures.get("millis"),
                mib(Long.parseLong(figures.get("peakHeapBytes"))), mib(Long.parseLong(figures.get("liveMidStreamBytes"))));
    }

    private Map<String, String> childFigures(BenchServer server, int total, String mode) throws IOException, InterruptedException {
        Finished run = java(List.of("-Xmx64m"), StreamingMemoryMain.class, server.apiRoot(), Integer.toString(total), mode);
        if (run.exit() != 0) {
            throw new IllegalStateException("streaming " + total + " orgs under -Xmx64m failed (" + mode + "):\n" + run.out() + run.err());
        }
        Map<String, String> figures = new HashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=(-?\\d+)").matcher(run.out());
        while (pair.find()) {
            figures.put(pair.group(1), pair.group(2));
        }
        return figures;
    }

    private boolean collectRunsOutOfMemory(BenchServer server, int total) throws IOException, InterruptedException {
        Finished run = java(List.of("-Xmx64m"), StreamingMemoryMain.class, server.apiRoot(), Integer.toString(total), "collect");
        return run.exit() != 0 && run.err().contains("OutOfMemoryError");
    }

    // ---- 5. cold start -----------------------------------------------------------------

    /** The cold-start mains, in the order of the table. */
    private static final List<Class<?>> COLD_STARTS = List.of(ColdStartOkHttp.class, ColdStartGenerated.class, ColdStartFacade.class,
            ColdStartStockOkHttpGson.class, ColdStartStockNative.class);

    /** How many batches the cold-start runs are split into, for the range of the ratios. */
    private static final int COLD_START_BATCHES = 3;

    private void coldStart() throws IOException, InterruptedException {
        Map<Class<?>, List<Double>> millis = new LinkedHashMap<>();
        Map<Class<?>, List<Long>> rss = new LinkedHashMap<>();
        Map<Class<?>, List<Double>> cpu = new LinkedHashMap<>();
        COLD_STARTS.forEach(main -> {
            millis.put(main, new ArrayList<>());
            rss.put(main, new ArrayList<>());
            cpu.put(main, new ArrayList<>());
        });
        boolean timeTool = Files.isExecutable(Paths.get("/usr/bin/time"));
        List<Class<?>> order = new ArrayList<>(COLD_STARTS);
        Random shuffle = new Random(20261201L);
        try (BenchServer server = BenchServer.start(0, Duration.ZERO)) {
            int rounds = runs > 1 ? runs + 1 : runs;
            for (int run = 0; run < rounds; run++) {
                Collections.shuffle(order, shuffle);
                for (Class<?> main : order) {
                    List<String> command = new ArrayList<>();
                    if (timeTool) {
                        command.addAll(List.of("/usr/bin/time", "-f", "maxrss_kb=%M cpu_s=%U+%S"));
                    }
                    command.addAll(javaCommand(List.of(), coldStartClasspath(main), main, server.apiRoot()));
                    long started = System.nanoTime();
                    Finished finished = exec(command);
                    double elapsed = (System.nanoTime() - started) / 1e6;
                    if (finished.exit() != 0 || !finished.out().startsWith(BenchServer.ORG_ID)) {
                        throw new IllegalStateException(main.getSimpleName() + " failed (exit " + finished.exit() + "):\n" + finished.out()
                                + finished.err());
                    }
                    if (run == 0 && runs > 1) {
                        continue; // the first round warms the disk cache for every variant
                    }
                    millis.get(main).add(elapsed);
                    Matcher kb = Pattern.compile("maxrss_kb=(\\d+)").matcher(finished.err());
                    if (kb.find()) {
                        rss.get(main).add(Long.parseLong(kb.group(1)));
                    }
                    Matcher seconds = Pattern.compile("cpu_s=([\\d.]+)\\+([\\d.]+)").matcher(finished.err());
                    if (seconds.find()) {
                        cpu.get(main).add((Double.parseDouble(seconds.group(1)) + Double.parseDouble(seconds.group(2))) * 1000);
                    }
                }
            }
        }
        int batches = Math.min(COLD_START_BATCHES, millis.get(ColdStartOkHttp.class).size());
        details.add(String.format(Locale.ROOT, "Cold start: %d runs of each process in a shuffled order per round%s; medians, and ratios"
                + " with the lowest–highest of %d batches of consecutive rounds. CPU is the process's user + system time:",
                millis.get(ColdStartOkHttp.class).size(), runs > 1 ? ", after one round that only warms the disk cache" : "", batches));
        details.add("");
        details.add("| cold start, whole process | median ms | facade ÷ it | CPU ms (user + system) | facade's CPU ÷ its | max RSS MiB |");
        details.add("|---|---:|---|---:|---|---:|");
        for (Class<?> main : COLD_STARTS) {
            double[] r = batchRatio(millis.get(ColdStartFacade.class), millis.get(main), batches);
            String cpuMillis = "–";
            String cpuRatio = "–";
            if (cpu.get(main).size() == millis.get(main).size()) {
                double[] c = batchRatio(cpu.get(ColdStartFacade.class), cpu.get(main), batches);
                cpuMillis = String.format(Locale.ROOT, "%.0f", median(cpu.get(main)));
                cpuRatio = String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", c[0], c[1], c[2]);
            }
            details.add(String.format(Locale.ROOT, "| %s | %.1f | %.3f (%.3f–%.3f) | %s | %s | %s |", main.getSimpleName(),
                    median(millis.get(main)), r[0], r[1], r[2], cpuMillis, cpuRatio,
                    rss.get(main).isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f", medianLong(rss.get(main)) / 1024.0)));
        }
        details.add("");
        coldStartRow("cold start, facade ÷ raw OkHttp (whole process, median)", millis, ColdStartOkHttp.class, batches, "≤ 1.3",
                r -> r <= 1.3);
        coldStartRow("cold start, facade ÷ stock okhttp-gson (whole process, median)", millis, ColdStartStockOkHttpGson.class, batches,
                "≤ 1.05", r -> r <= 1.05);
        coldStartRow("cold start, facade ÷ stock native (whole process, median)", millis, ColdStartStockNative.class, batches, "report",
                null);
    }

    private void coldStartRow(String figure, Map<Class<?>, List<Double>> millis, Class<?> base, int batches, String goalText,
                              DoublePredicate goal) {
        double facade = median(millis.get(ColdStartFacade.class));
        double other = median(millis.get(base));
        double[] r = batchRatio(millis.get(ColdStartFacade.class), millis.get(base), batches);
        add("5", figure, String.format(Locale.ROOT, "%.3f (batches %.3f–%.3f; %.1f ms ÷ %.1f ms)", facade / other, r[1], r[2], facade, other),
                goalText, goal == null ? null : goal.test(facade / other));
    }

    /** The ratio of the medians of two series, with the lowest and highest ratio over consecutive batches. */
    private static double[] batchRatio(List<Double> value, List<Double> base, int batches) {
        List<Double> ratios = new ArrayList<>();
        int size = value.size() / batches;
        for (int b = 0; b < batches; b++) {
            int to = b == batches - 1 ? value.size() : (b + 1) * size;
            ratios.add(median(value.subList(b * size, to)) / median(base.subList(b * size, to)));
        }
        return new double[] {median(value) / median(base), ratios.stream().mapToDouble(d -> d).min().orElseThrow(),
                ratios.stream().mapToDouble(d -> d).max().orElseThrow()};
    }

    /**
     * The classpath a cold-start process gets: exactly the jars its client needs, so that none
     * pays for another's (a jar earlier on the path is opened and searched first). The SDK's
     * processes get the runtime classpath; the stock clients get the jars their own generated
     * {@code pom.xml} declares, taken from the test classpath.
     */
    private static String coldStartClasspath(Class<?> main) {
        if (main != ColdStartStockOkHttpGson.class && main != ColdStartStockNative.class) {
            return runtimeClasspathWithSdk();
        }
        List<String> entries = new ArrayList<>();
        entries.add(Paths.get("target", "test-classes").toAbsolutePath().toString());
        stockJars(main).forEach(jar -> entries.add(jar.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The classpath of the interleaved forks, which call the SDK and both stock clients: the SDK's first. */
    private static String interleavedClasspath() {
        Set<String> entries = new LinkedHashSet<>(Arrays.asList(runtimeClasspathWithSdk().split(java.io.File.pathSeparator)));
        for (Class<?> main : List.of(ColdStartStockOkHttpGson.class, ColdStartStockNative.class)) {
            stockJars(main).forEach(jar -> entries.add(jar.toString()));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The jars a stock client's own generated {@code pom.xml} declares, from the test classpath. */
    private static List<Path> stockJars(Class<?> main) {
        List<String> prefixes = main == ColdStartStockOkHttpGson.class
                ? List.of("okhttp-4", "okio-jvm-", "kotlin-stdlib-2", "gson-2", "gson-fire-", "logging-interceptor-", "jsr305-",
                        "jakarta.annotation-api-")
                : List.of("jackson-core-", "jackson-annotations-", "jackson-databind-", "jackson-datatype-jsr310-", "jsr305-",
                        "jakarta.annotation-api-", "httpmime-", "httpclient-", "httpcore-", "commons-logging-", "commons-codec-");
        List<Path> testJars = classpathFile("test-classpath.txt");
        List<Path> jars = new ArrayList<>();
        for (String prefix : prefixes) {
            List<Path> matching = testJars.stream().filter(jar -> jar.getFileName().toString().startsWith(prefix)).collect(Collectors.toList());
            if (matching.size() != 1) {
                throw new IllegalStateException("expected one jar " + prefix + "* on the test classpath for " + main.getSimpleName()
                        + " but found " + matching);
            }
            jars.add(matching.get(0));
        }
        return jars;
    }

    // ---- 7. observability switched off -------------------------------------------------

    /**
     * The listener's cost, switched off and on: {@link ObservabilityOverhead} in JVMs of its own
     * (the adapters' libraries are on the test classpath only), every variant against the same
     * façade without a listener, interleaved in one JVM.
     */
    private void observability() throws Exception {
        int forks = quick ? 1 : 3;
        int rounds = quick ? 100 : 15_000;
        List<Map<String, InterleavedLatency.Result>> perFork = new ArrayList<>();
        List<String> classpath = new ArrayList<>(List.of(Paths.get("target", "classes").toAbsolutePath().toString(),
                Paths.get("target", "test-classes").toAbsolutePath().toString()));
        classpathFile("test-classpath.txt").forEach(jar -> classpath.add(jar.toString()));
        for (int fork = 0; fork < forks; fork++) {
            Finished run = exec(javaCommand(List.of("-Xms512m", "-Xmx512m"), String.join(java.io.File.pathSeparator, classpath),
                    ObservabilityOverhead.class, Integer.toString(quick ? 20 : 4_000), Integer.toString(rounds),
                    Long.toString(20261202L + fork)));
            if (run.exit() != 0) {
                throw new IllegalStateException("the observability fork failed:\n" + run.out() + run.err());
            }
            Map<String, InterleavedLatency.Result> results = new LinkedHashMap<>();
            run.out().lines().filter(line -> line.startsWith("RESULT\t")).map(InterleavedLatency::parse)
                    .forEach(entry -> results.put(entry.getKey(), entry.getValue()));
            perFork.add(results);
        }
        String none = Observed.VARIANTS.get(0);
        details.add(String.format(Locale.ROOT, "Observability: %d JVMs, each %,d rounds of one façade get per variant in a shuffled"
                + " order; ratios to the client without a listener, the median of each JVM's ratio (lowest–highest JVM):", forks, rounds));
        details.add("");
        details.add("| variant | median µs | p99 µs | median ÷ no listener |");
        details.add("|---|---:|---:|---|");
        for (String variant : Observed.VARIANTS) {
            double[] r = forkRatio(perFork, variant, none);
            details.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f (%.3f–%.3f) |", variant,
                    median(perFork.stream().map(f -> f.get(variant).median()).collect(Collectors.toList())),
                    median(perFork.stream().map(f -> f.get(variant).p99()).collect(Collectors.toList())), r[0], r[1], r[2]));
        }
        details.add("");
        spread("7", "listener switched off (the default: no listener), a second client ÷ the first (the noise floor)",
                forkRatio(perFork, Observed.VARIANTS.get(1), none), "1.000 (the noise floor)", null);
        spread("7", "OpenTelemetry switched off: the adapter over OpenTelemetry.noop() ÷ no listener",
                forkRatio(perFork, Observed.VARIANTS.get(3), none), "≤ 1.01", r -> r <= 1.01);
        spread("7", "a listener that ignores every event ÷ no listener", forkRatio(perFork, Observed.VARIANTS.get(2), none), "report", null);
        spread("7", "OpenTelemetry adapter over the SDK (in-memory exporters) ÷ no listener",
                forkRatio(perFork, Observed.VARIANTS.get(4), none), "report", null);
        spread("7", "Micrometer adapter, a registry with one handler ÷ no listener",
                forkRatio(perFork, Observed.VARIANTS.get(5), none), "report", null);
    }

    // ---- 6. footprint ------------------------------------------------------------------

    private void footprint() throws IOException, InterruptedException {
        List<Path> jars = runtimeJars();
        Map<String, Integer> loaded = classesLoadedByFacadeGet();
        long bytes = 0;
        int classes = 0;
        details.add("| runtime jar | bytes | classes | loaded by one facade get |");
        details.add("|---|---:|---:|---:|");
        List<String> unused = new ArrayList<>();
        for (Path jar : jars) {
            long size = Files.size(jar);
            int count = classCount(jar);
            int used = loaded.getOrDefault(jar.getFileName().toString(), 0);
            bytes += size;
            classes += count;
            if (used == 0) {
                unused.add(jar.getFileName().toString());
            }
            details.add(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d |", jar.getFileName(), size, count, used));
        }
        Path sdkClasses = Paths.get("target", "classes");
        long sdkBytes;
        int sdkCount;
        try (var files = Files.walk(sdkClasses)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
            sdkCount = all.size();
            long sum = 0;
            for (Path p : all) {
                sum += Files.size(p);
            }
            sdkBytes = sum;
        }
        details.add(String.format(Locale.ROOT, "| the SDK's own classes (target/classes) | %,d | %,d | %,d |", sdkBytes, sdkCount,
                loaded.getOrDefault("classes", 0)));
        details.add("");
        add("6", "runtime dependency jars (excluding the SDK)",
                String.format(Locale.ROOT, "%d jars, %,d bytes, %,d classes", jars.size(), bytes, classes), "report", null);
        add("6", "runtime jars no facade call loads a class from", unused.isEmpty() ? "none" : String.join(", ", unused), "none",
                unused.isEmpty());
    }

    private Map<String, Integer> classesLoadedByFacadeGet() throws IOException, InterruptedException {
        try (BenchServer server = BenchServer.start(0, Duration.ZERO)) {
            Finished run = java(List.of("-Xlog:class+load=info:stdout"), ColdStartFacade.class, server.apiRoot());
            if (run.exit() != 0) {
                throw new IllegalStateException("the facade get failed:\n" + run.out() + run.err());
            }
            Map<String, Integer> counts = new TreeMap<>();
            Matcher source = Pattern.compile("source: (?:jar:)?file:(\\S+?)(?:!/\\S*)?$", Pattern.MULTILINE).matcher(run.out());
            while (source.find()) {
                String path = source.group(1);
                String key = path.endsWith(".jar") ? Paths.get(path).getFileName().toString() : "classes";
                if (!path.endsWith(".jar") && !path.contains("/target/classes")) {
                    continue;
                }
                counts.merge(key, 1, Integer::sum);
            }
            return counts;
        }
    }

    private static int classCount(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return (int) file.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")).count();
        }
    }

    /**
     * The runtime dependency jars, as written by the build's {@code runtime-classpath} step.
     *
     * @return the jars, in classpath order
     */
    static List<Path> runtimeJars() {
        return classpathFile("runtime-classpath.txt");
    }

    /** The jars of a classpath file the build writes into {@code target/}. */
    private static List<Path> classpathFile(String name) {
        Path file = Paths.get("target", name);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            List<Path> jars = new ArrayList<>();
            for (String entry : text.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Paths.get(entry));
                }
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file + "; run the build's test-compile first", e);
        }
    }

    private static String runtimeClasspathWithSdk() {
        List<String> entries = new ArrayList<>();
        entries.add(Paths.get("target", "classes").toAbsolutePath().toString());
        entries.add(Paths.get("target", "test-classes").toAbsolutePath().toString());
        runtimeJars().forEach(jar -> entries.add(jar.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    // ---- shared ------------------------------------------------------------------------

    private Map<String, RunResult> jmh(Class<?> benchmark, boolean gc, Map<String, String> params) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(Pattern.quote(benchmark.getName()) + "\\.")
                .shouldFailOnError(true);
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        params.forEach(options::param);
        if (quick) {
            options.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200)).timeout(TimeValue.seconds(60));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, RunResult> byMethod = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            byMethod.put(label.substring(label.lastIndexOf('.') + 1), result);
        }
        return byMethod;
    }

    private static double secondary(RunResult result, String suffix) {
        // By key: naming JMH's Result (raw, even through var) is the build's one javac warning.
        for (String key : result.getSecondaryResults().keySet()) {
            if (key.endsWith(suffix)) {
                return result.getSecondaryResults().get(key).getScore();
            }
        }
        throw new IllegalStateException("no " + suffix + " among " + result.getSecondaryResults().keySet());
    }

    private static double median(Map<String, RunResult> results, String method) {
        return results.get(method).getPrimaryResult().getStatistics().getPercentile(50);
    }

    /** Adds a row; {@code met} is {@code null} for a figure that is only reported. */
    private void add(String number, String figure, String result, String goal, Boolean met) {
        rows.add(new Row(number, figure, result, goal, met == null ? "–" : met ? "yes" : "no"));
    }

    /** Adds {@code value ÷ base}, judged by {@code goal} unless it is {@code null}. */
    private void ratio(String number, String figure, double value, double base, String goalText, DoublePredicate goal) {
        double ratio = value / base;
        add(number, figure, String.format(Locale.ROOT, "%.3f", ratio), goalText, goal == null ? null : goal.test(ratio));
    }

    /** Adds a ratio measured in several JVMs ({median, lowest, highest}), judged on its median. */
    private void spread(String number, String figure, double[] ratio, String goalText, DoublePredicate goal) {
        add(number, figure, String.format(Locale.ROOT, "%.3f (JVMs %.3f–%.3f)", ratio[0], ratio[1], ratio[2]), goalText,
                goal == null ? null : goal.test(ratio[0]));
    }

    private String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Machine: %d cores, %s %s on %s %s%s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), quick ? " (quick smoke run: figures are not meaningful)" : ""));
        out.append("| # | figure | result | goal | met |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.number()).append(" | ").append(row.figure()).append(" | ").append(row.result())
                    .append(" | ").append(row.goal()).append(" | ").append(row.met()).append(" |\n");
        }
        out.append('\n');
        details.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /** Runs {@code main} in a JVM of its own on the runtime classpath and the SDK, to its end. */
    private static Finished java(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
        return exec(javaCommand(jvmOptions, runtimeClasspathWithSdk(), main, args));
    }

    private static List<String> javaCommand(List<String> jvmOptions, String classpath, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs a command to its end. Standard error is read alongside standard output, so that
     * neither pipe can fill up and stall the child.
     */
    private static Finished exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
        String out = text(process.getInputStream());
        return new Finished(process.waitFor(), out, err.join());
    }

    private static String text(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A finished child process: its exit code and what it printed. */
    private record Finished(int exit, String out, String err) {
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double medianLong(List<Long> values) {
        return median(values.stream().map(Long::doubleValue).collect(Collectors.toList()));
    }

    /**
     * One line of the results table.
     *
     * @param number the benchmark's number in the issue
     * @param figure what was measured
     * @param result the measured value or ratio
     * @param goal the goal
     * @param met {@code yes}, {@code no}, or {@code –} for a figure that is only reported
     */
    record Row(String number, String figure, String result, String goal, String met) {
    }
}
