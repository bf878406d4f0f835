package house.openapp.sdk.bench;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.Orgs;
import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.ConnectionPool;
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
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4: 16 threads sharing one facade client next to 16 threads sharing one raw
 * {@code OkHttpClient} (and 16 more on a second raw client, as a control, and 16 on the generated
 * {@code OrgsApi}), each thread calling
 * {@code GET /orgs/{id}} in a loop. The groups run at the same time in one JMH group, so all
 * see the same machine at every moment: run one
 * after the other in forks of their own, two runs of the same comparison gave 1.148 and 0.495
 * on the shared 2-core VM. Both clients keep up to 16 idle connections: with OkHttp's default of 5, 16 threads close
 * and reopen about 100 connections a second, and that churn, not the client, is what gets
 * measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ConcurrencyBenchmark {
    private BenchServer server;
    private OkHttpClient okHttp;
    private OkHttpClient okHttpAgain;
    private HttpUrl apiRoot;
    private OpenAppClient facade;
    private OkHttpClient facadeHttp;
    private ApiClient generatedClient;
    private OrgsApi generated;
    private Orgs orgs;

    /** Threads per client. */
    static final int THREADS = 16;

    /**
     * Starts the server and both shared clients.
     *
     * @throws Exception if a client does not return the org
     */
    @Setup
    public void setUp() throws Exception {
        server = BenchServer.start(0, Duration.ZERO);
        okHttp = Clients.rawOkHttp().newBuilder().connectionPool(new ConnectionPool(THREADS, 5, TimeUnit.MINUTES)).build();
        okHttpAgain = Clients.rawOkHttp().newBuilder().connectionPool(new ConnectionPool(THREADS, 5, TimeUnit.MINUTES)).build();
        apiRoot = HttpUrl.get(server.apiRoot());
        OkHttpClient facadeHttp = new OkHttpClient.Builder().connectionPool(new ConnectionPool(THREADS, 5, TimeUnit.MINUTES)).build();
        facade = OpenAppClient.builder().apiKey(Clients.API_KEY).baseUrl(server.apiRoot()).okHttpClient(facadeHttp).build();
        this.facadeHttp = facadeHttp;
        generatedClient = ApiClient.builder().baseUrl(server.apiRoot()).apiKey(Clients.API_KEY)
                .okHttpClient(new OkHttpClient.Builder().connectionPool(new ConnectionPool(THREADS, 5, TimeUnit.MINUTES)).build()).build();
        generated = generatedClient.createService(OrgsApi.class);
        orgs = facade.orgs();
        Clients.check(rawOkHttp(), "raw OkHttp");
        Clients.check(facade(), "facade");
    }

    /**
     * Stops the clients and the server.
     *
     * @throws IOException if the server does not close
     */
    @TearDown
    public void tearDown() throws IOException {
        facade.close();
        Clients.shutdown(facadeHttp);
        Clients.shutdown(okHttp);
        Clients.shutdown(okHttpAgain);
        Clients.shutdown(generatedClient.getOkHttpClient());
        server.close();
    }

    /**
     * One call through the shared raw OkHttp client.
     *
     * @return the org
     * @throws IOException on failure
     */
    @Benchmark
    @Group("shared")
    @GroupThreads(THREADS)
    public OrganizationResponse rawOkHttp() throws IOException {
        return Clients.rawOkHttpGet(okHttp, apiRoot, BenchServer.ORG_ID);
    }

    /**
     * One call through a second raw OkHttp client, a control: its ratio to the first shows how
     * evenly the machine shares itself between the groups.
     *
     * @return the org
     * @throws IOException on failure
     */
    @Benchmark
    @Group("shared")
    @GroupThreads(THREADS)
    public OrganizationResponse rawOkHttpAgain() throws IOException {
        return Clients.rawOkHttpGet(okHttpAgain, apiRoot, BenchServer.ORG_ID);
    }

    /**
     * One call through the shared generated {@code OrgsApi}, the layer the facade is built on.
     *
     * @return the org
     * @throws IOException on failure
     */
    @Benchmark
    @Group("shared")
    @GroupThreads(THREADS)
    public OrganizationResponse generated() throws IOException {
        return Clients.generatedGet(generated);
    }

    /**
     * One call through the shared facade client.
     *
     * @return the org
     */
    @Benchmark
    @Group("shared")
    @GroupThreads(THREADS)
    public OrganizationResponse facade() {
        return orgs.get(BenchServer.ORG_ID);
    }
}
