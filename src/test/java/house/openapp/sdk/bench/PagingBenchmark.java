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
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Benchmark 2: listing all of 20,000 orgs in pages of 200 from a server that waits 2 ms before
 * each page. A hand-written loop over the generated {@code OrgsApi} against the facade's
 * auto-paging, first with a consumer that does nothing, then with one that spends about 2 ms per
 * page (10 µs per org) to show what prefetching hides. The stock openapi-generator clients page
 * by hand too: {@code native} through its typed {@code listOrgs}, {@code okhttp-gson} through
 * its {@code ApiClient.buildCall}, because its typed {@code listOrgs} sends the wrong keys
 * ({@link #typedStockOkHttpGsonListing}).
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
    private house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi stockOkHttpGson;
    private house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi stockNative;

    /**
     * Starts the server and the clients.
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
        stockOkHttpGson = Clients.stockOkHttpGson(server.apiRoot());
        stockNative = Clients.stockNative(server.apiRoot());
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
        Clients.shutdown(stockOkHttpGson.getApiClient().getHttpClient());
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

    /**
     * The hand loop over the stock {@code okhttp-gson} client, consuming nothing.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     * @throws Exception on failure
     */
    @Benchmark
    public int g_stockOkHttpGsonLoop(Blackhole sink) throws Exception {
        return check(stockOkHttpGsonLoop(stockOkHttpGson, sink::consume));
    }

    /**
     * The hand loop over the stock {@code native} client, consuming nothing.
     *
     * @param sink consumes every org
     * @return how many orgs were seen
     * @throws Exception on failure
     */
    @Benchmark
    public int h_stockNativeLoop(Blackhole sink) throws Exception {
        return check(stockNativeLoop(stockNative, sink::consume));
    }

    static int handLoop(OrgsApi api, Consumer<Object> sink, long workNanos) throws IOException {
        int seen = 0;
        int offset = 0;
        while (true) {
            OrganizationPage page = api.listOrgs(null, new PaginationQuery().limit(PAGE).offset(offset)).execute().body();
            if (page == null) {
                throw new IOException("no page at offset " + offset);
            }
            checkPage(page.getItems().isEmpty() ? null : page.getItems().get(0).getId(), offset);
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

    private static final Type STOCK_PAGE = house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationPage.class;

    /**
     * The loop a user of the stock {@code okhttp-gson} client ends up writing: its typed
     * {@code listOrgs} sends {@code pagination=<toString()>} instead of {@code limit} and
     * {@code offset}, so the pages go through its {@code ApiClient.buildCall} with the keys spelled
     * by hand, and are parsed by its own {@code JSON} into its own model.
     */
    static int stockOkHttpGsonLoop(house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi api, Consumer<Object> sink)
            throws house.openapp.sdk.bench.stock.okhttpgson.ApiException {
        house.openapp.sdk.bench.stock.okhttpgson.ApiClient client = api.getApiClient();
        int seen = 0;
        int offset = 0;
        while (true) {
            List<house.openapp.sdk.bench.stock.okhttpgson.Pair> query = List.of(
                    new house.openapp.sdk.bench.stock.okhttpgson.Pair("limit", Integer.toString(PAGE)),
                    new house.openapp.sdk.bench.stock.okhttpgson.Pair("offset", Integer.toString(offset)));
            HashMap<String, String> headers = new HashMap<>();
            headers.put("Accept", "application/json");
            okhttp3.Call call = client.buildCall(null, "/orgs", "GET", query, List.of(), null, headers, new HashMap<>(), new HashMap<>(),
                    new String[] {"api_key"}, null);
            house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationPage page =
                    client.<house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationPage>execute(call, STOCK_PAGE).getData();
            checkPage(page.getItems().isEmpty() ? null : page.getItems().get(0).getId(), offset);
            for (house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationResponse org : page.getItems()) {
                sink.accept(org);
                seen++;
            }
            offset += page.getItems().size();
            if (page.getItems().isEmpty() || offset >= page.getTotal()) {
                return seen;
            }
        }
    }

    /**
     * The loop over the stock {@code native} client's typed {@code listOrgs}. Both query objects
     * are passed: it dereferences {@code output_options} unchecked, so leaving that optional
     * parameter out throws a {@code NullPointerException}.
     */
    static int stockNativeLoop(house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi api, Consumer<Object> sink)
            throws house.openapp.sdk.bench.stock.nativeclient.ApiException {
        house.openapp.sdk.bench.stock.nativeclient.model.MultiResourceOutputOptionsQuery options =
                new house.openapp.sdk.bench.stock.nativeclient.model.MultiResourceOutputOptionsQuery();
        int seen = 0;
        int offset = 0;
        while (true) {
            house.openapp.sdk.bench.stock.nativeclient.model.OrganizationPage page = api.listOrgs(options,
                    new house.openapp.sdk.bench.stock.nativeclient.model.PaginationQuery().limit(PAGE).offset(offset));
            checkPage(page.getItems().isEmpty() ? null : page.getItems().get(0).getId(), offset);
            for (house.openapp.sdk.bench.stock.nativeclient.model.OrganizationResponse org : page.getItems()) {
                sink.accept(org);
                seen++;
            }
            offset += page.getItems().size();
            if (page.getItems().isEmpty() || offset >= page.getTotal()) {
                return seen;
            }
        }
    }

    /**
     * What a listing through the stock {@code okhttp-gson} client's typed {@code listOrgs} does:
     * the loop a user writes first, advancing the offset by each page, until it has seen the
     * total.
     *
     * @param requests the pages fetched
     * @param seen the orgs seen
     * @param distinct the distinct ids among them
     */
    record TypedListing(int requests, int seen, int distinct) {
    }

    static TypedListing typedStockOkHttpGsonListing(house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi api)
            throws house.openapp.sdk.bench.stock.okhttpgson.ApiException {
        Set<String> ids = new HashSet<>();
        int requests = 0;
        int seen = 0;
        int offset = 0;
        while (true) {
            house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationPage page = api.listOrgs(null,
                    new house.openapp.sdk.bench.stock.okhttpgson.model.PaginationQuery().limit(PAGE).offset(offset));
            requests++;
            for (house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationResponse org : page.getItems()) {
                ids.add(org.getId());
                seen++;
            }
            offset += page.getItems().size();
            if (page.getItems().isEmpty() || offset >= page.getTotal()) {
                return new TypedListing(requests, seen, ids.size());
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

    /** Fails unless a page starts where it was asked to: a hand loop that pages wrongly measures nothing. */
    private static void checkPage(String firstId, int offset) {
        if (firstId != null && !firstId.equals(BenchServer.listedId(offset))) {
            throw new IllegalStateException("the page at offset " + offset + " starts with " + firstId);
        }
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
