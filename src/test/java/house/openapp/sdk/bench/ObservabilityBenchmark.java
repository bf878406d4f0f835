package house.openapp.sdk.bench;

import house.openapp.sdk.generated.model.OrganizationResponse;
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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The allocation and latency of one façade {@code get} with each observability variant of
 * {@link Observed}; run with {@code -prof gc} for bytes allocated per call. The latency ratios
 * that docs/benchmarks.md quotes come from the interleaved {@link ObservabilityOverhead}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ObservabilityBenchmark {
    private BenchServer server;
    private Observed clients;
    private int calls;

    /**
     * Starts the server and the clients, and checks each returns the org.
     *
     * @throws Exception if one does not
     */
    @Setup
    public void setUp() throws Exception {
        server = BenchServer.start(0, Duration.ZERO);
        clients = new Observed(server.apiRoot());
        for (String variant : Observed.VARIANTS) {
            Clients.check(clients.client(variant).orgs().get(BenchServer.ORG_ID), variant);
        }
    }

    /**
     * Stops the clients and the server.
     *
     * @throws IOException if the server does not close
     */
    @TearDown
    public void tearDown() throws IOException {
        clients.close();
        server.close();
    }

    /**
     * No listener: the baseline.
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse a_noListener() {
        return clients.none.orgs().get(BenchServer.ORG_ID);
    }

    /**
     * A listener that ignores everything: the cost of the events themselves.
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse b_ignoringListener() {
        return clients.ignoring.orgs().get(BenchServer.ORG_ID);
    }

    /**
     * The OpenTelemetry adapter over {@code OpenTelemetry.noop()}.
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse c_otelNoop() {
        return clients.otelNoop.orgs().get(BenchServer.ORG_ID);
    }

    /**
     * The OpenTelemetry adapter over the SDK, spans exported to memory (dropped every 1,000).
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse d_otelSdk() {
        if (++calls % 1000 == 0) {
            clients.dropSpans();
        }
        return clients.otelSdk.orgs().get(BenchServer.ORG_ID);
    }

    /**
     * The Micrometer adapter over a registry with one handler.
     *
     * @return the org
     */
    @Benchmark
    public OrganizationResponse e_micrometer() {
        return clients.micrometer.orgs().get(BenchServer.ORG_ID);
    }
}
