package house.openapp.sdk.bench;

import house.openapp.sdk.ListParams;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.Orgs;
import house.openapp.sdk.PagedIterable;
import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.PaginationQuery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Benchmark 2: listing all of 20,000 orgs in pages of 200 from a server that waits 2 ms before
 * each page. A hand-written loop over the generated {@code OrgsApi} against the facade's
 * auto-paging, first with a consumer that does nothing, then with one that spends about 2 ms per
 * page (10 µs per org) to show what prefetching hides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PagingBenchmark {
    /** How many orgs the server holds (the smoke run asks for fewer). */
    @Param("20000")
    public int total;
    /** The page size asked for. */
    public static final int PAGE = 200;
    /** The consumer's work per org: 200 orgs × 10 µs = 2 ms per page. */
    public static final long WORK_NANOS_PER_ORG = 10_000;

    private BenchServer server;
    private ApiClient generatedClient;
    private OrgsApi generated;
    private OpenAppClient facade;
    private Orgs orgs;

    /**
     * Starts the server and both clients.
     *
     * @throws IOException if the server does not start
     */
    @Setup
    public void setUp() throws IOException {
        server = BenchServer.start(total, Duration.ofMillis(2));
        generatedClient = Clients.generated(server.apiRoot());
        generated = generatedClient.createService(OrgsApi.class);
        facade = Clients.facade(server.apiRoot());
        orgs = facade.orgs();
    }

    /**
     * Stops the clients and the server.
     *
     * @throws IOException if the server does not close
     */
    @TearDown
    public void tearDown() throws IOException {
        facade.close();
        Clients.shutdown(generatedClient.getOkHttpClient());
        server.close();
    }

    /**
     * The loop a user writes over the generated API, consuming nothing.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     * @throws IOException on failure
     */
    @Benchmark
    public int a_handLoop(Blackhole sink) throws IOException {
        return check(handLoop(generated, sink::consume, 0));
    }

    /**
     * The facade's auto-paging, consuming nothing.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     */
    @Benchmark
    public int b_autoPaging(Blackhole sink) {
        return check(autoPaging(orgs, sink::consume, 0, 0));
    }

    /**
     * The hand loop with a consumer spending about 2 ms per page.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     * @throws IOException on failure
     */
    @Benchmark
    public int c_handLoopWithWork(Blackhole sink) throws IOException {
        return check(handLoop(generated, sink::consume, WORK_NANOS_PER_ORG));
    }

    /**
     * Auto-paging with a consumer spending about 2 ms per page.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     */
    @Benchmark
    public int d_autoPagingWithWork(Blackhole sink) {
        return check(autoPaging(orgs, sink::consume, WORK_NANOS_PER_ORG, 0));
    }

    /**
     * Prefetching auto-paging with a consumer spending about 2 ms per page.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     */
    @Benchmark
    public int e_prefetchWithWork(Blackhole sink) {
        return check(autoPaging(orgs, sink::consume, WORK_NANOS_PER_ORG, PagedIterable.DEFAULT_PAGES_AHEAD));
    }

    /**
     * Prefetching one page ahead instead of two, with the same consumer.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     */
    @Benchmark
    public int f_prefetchOneAheadWithWork(Blackhole sink) {
        return check(autoPaging(orgs, sink::consume, WORK_NANOS_PER_ORG, 1));
    }

    static int handLoop(OrgsApi api, Consumer<Object> sink, long workNanos) throws IOException {
        int seen = 0;
        int offset = 0;
        while (true) {
            OrganizationPage page = api.listOrgs(null, new PaginationQuery().limit(PAGE).offset(offset)).execute().body();
            if (page == null) {
                throw new IOException("no page at offset " + offset);
            }
            for (OrganizationResponse org : page.getItems()) {
                consume(sink, org, workNanos);
                seen++;
            }
            offset += page.getItems().size();
            if (page.getItems().isEmpty() || offset >= page.getTotal()) {
                return seen;
            }
        }
    }

    static int autoPaging(Orgs orgs, Consumer<Object> sink, long workNanos, int pagesAhead) {
        var all = orgs.list(ListParams.builder().limit(PAGE).build()).autoPaging();
        int seen = 0;
        for (OrganizationResponse org : pagesAhead > 0 ? all.prefetching(pagesAhead) : all) {
            consume(sink, org, workNanos);
            seen++;
        }
        return seen;
    }

    private static void consume(Consumer<Object> sink, OrganizationResponse org, long workNanos) {
        sink.accept(org);
        if (workNanos > 0) {
            long end = System.nanoTime() + workNanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
    }

    private int check(int seen) {
        if (seen != total) {
            throw new IllegalStateException("saw " + seen + " orgs, expected " + total);
        }
        return seen;
    }
}
