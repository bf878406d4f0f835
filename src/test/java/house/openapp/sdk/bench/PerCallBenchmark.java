package house.openapp.sdk.bench;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.Orgs;
import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.OkHttpClient;
import okhttp3.HttpUrl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: the cost of one {@code GET /orgs/{id}} (a ~1 KB body parsed into
 * {@link OrganizationResponse}) through each client, on one thread, against the same keep-alive
 * loopback server, including raw OkHttp's {@code enqueue} (the async baseline) and the stock
 * openapi-generator {@code okhttp-gson} and {@code native} clients. Sampled, so the runner can
 * quote the median and the 99th percentile; run with the GC profiler for bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PerCallBenchmark {
    private BenchServer server;
    private OkHttpClient okHttp;
    private HttpUrl apiRoot;
    private HttpClient jdk;
    private ApiClient generatedClient;
    private OrgsApi generated;
    private OpenAppClient facade;
    private Orgs orgs;
    private house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi stockOkHttpGson;
    private house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi stockNative;

    /**
     * Starts the server and every client, and checks each returns the org.
     *
     * @throws Exception if any does not
     */
    @Setup
    public void setUp() throws Exception {
        server = BenchServer.start(0, Duration.ZERO);
        String root = server.apiRoot();
        okHttp = Clients.rawOkHttp();
        apiRoot = HttpUrl.get(root);
        jdk = Clients.jdk();
        generatedClient = Clients.generated(root);
        generated = generatedClient.createService(OrgsApi.class);
        facade = Clients.facade(root);
        orgs = facade.orgs();
        stockOkHttpGson = Clients.stockOkHttpGson(root);
        stockNative = Clients.stockNative(root);
        Clients.check(a_rawOkHttp(), "raw OkHttp");
        Clients.check(b_jdkHttpClient(), "JDK HttpClient");
        Clients.check(c_generated(), "generated OrgsApi");
        Clients.check(d_facadeSync(), "facade get");
        Clients.check(e_facadeAsync(), "facade getAsync");
        Clients.check(f_rawOkHttpEnqueue(), "raw OkHttp enqueue");
        Clients.check(g_stockOkHttpGson().getId(), "stock okhttp-gson");
        Clients.check(h_stockNative().getId(), "stock native");
    }

    /**
     * Stops the clients and the server.
     *
     * @throws IOException if the server does not close
     */
    @TearDown
    public void tearDown() throws IOException {
        facade.close();
        Clients.shutdown(okHttp);
        Clients.shutdown(generatedClient.getOkHttpClient());
        Clients.shutdown(stockOkHttpGson.getApiClient().getHttpClient());
        server.close();
    }

    /**
     * (a) Raw OkHttp with Gson.
     *
     * @return the org
     * @throws IOException on failure
     */
    @Benchmark
    public OrganizationResponse a_rawOkHttp() throws IOException {
        return Clients.rawOkHttpGet(okHttp, apiRoot, BenchServer.ORG_ID);
    }

    /**
     * (a) again, a control: the spread between two forks of the same code is the noise floor of
     * comparing forks.
     *
     * @return the org
     * @throws IOException on failure
     */
    @Benchmark
    public OrganizationResponse a2_rawOkHttpAgain() throws IOException {
        return Clients.rawOkHttpGet(okHttp, apiRoot, BenchServer.ORG_ID);
    }

    /**
     * (b) The JDK HttpClient with Gson.
     *
     * @return the org
     * @throws Exception on failure
     */
    @Benchmark
    public OrganizationResponse b_jdkHttpClient() throws Exception {
        return Clients.jdkGet(jdk, apiRoot, BenchServer.ORG_ID);
    }

    /**
     * (c) The generated OrgsApi.
     *
     * @return the org
     * @throws IOException on failure
     */
    @Benchmark
    public OrganizationResponse c_generated() throws IOException {
        return Clients.generatedGet(generated);
    }

    /**
     * (d) The facade, synchronously.
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse d_facadeSync() {
        return orgs.get(BenchServer.ORG_ID);
    }

    /**
     * (e) The facade, asynchronously (waiting for the future).
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse e_facadeAsync() {
        return orgs.async().get(BenchServer.ORG_ID).join();
    }

    /**
     * (f) Raw OkHttp's {@code enqueue} with Gson on the dispatcher thread (waiting for the future):
     * the baseline of (e).
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse f_rawOkHttpEnqueue() {
        return Clients.rawOkHttpGetAsync(okHttp, apiRoot, BenchServer.ORG_ID).join();
    }

    /**
     * (g) The stock openapi-generator {@code okhttp-gson} client.
     *
     * @return the org, in that client's model
     * @throws Exception on failure
     */
    @Benchmark
    public house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationResponse g_stockOkHttpGson() throws Exception {
        return Clients.stockOkHttpGsonGet(stockOkHttpGson, BenchServer.ORG_ID);
    }

    /**
     * (h) The stock openapi-generator {@code native} client.
     *
     * @return the org, in that client's model
     * @throws Exception on failure
     */
    @Benchmark
    public house.openapp.sdk.bench.stock.nativeclient.model.OrganizationResponse h_stockNative() throws Exception {
        return Clients.stockNativeGet(stockNative, BenchServer.ORG_ID);
    }
}
