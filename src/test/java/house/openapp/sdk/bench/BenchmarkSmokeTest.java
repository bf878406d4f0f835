package house.openapp.sdk.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark suite's smoke run, part of {@code ./mvnw verify}: every benchmark of
 * docs/benchmarks.md runs one short iteration through the same runner as the real command, so
 * a benchmark that no longer compiles, fails its own result checks (each call must return the
 * benchmark org, each listing every org) or drops a figure from the table fails the build. Its
 * numbers mean nothing and are not asserted; the structural goals are: streaming completes
 * under {@code -Xmx64m}, and no runtime jar goes unused. It covers the stock openapi-generator
 * peers too: every client of the per-call table, both peers' cold starts, and the wrong paging of
 * the stock okhttp-gson client's typed listing, and the observability variants (7: listener and
 * OpenTelemetry switched off, and on).
 */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsOnceAndTheTableHasEveryFigure() throws Exception {
        BenchRunner runner = new BenchRunner(true, new LinkedHashSet<>(BenchRunner.ALL), 1);

        String table = runner.run();

        List<BenchRunner.Row> rows = runner.rows();
        Set<String> numbers = rows.stream().map(BenchRunner.Row::number).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(Set.of("1", "2", "3", "4", "5", "6", "7"), numbers, table);
        for (BenchRunner.Row row : rows) {
            assertFalse(row.result().isBlank(), "no result for " + row.figure());
            assertFalse(row.result().contains("NaN") || row.result().contains("Infinity"), row.figure() + ": " + row.result());
        }
        assertTrue(rows.stream().anyMatch(row -> row.figure().startsWith("stream 5,000 orgs") && row.met().equals("yes")), table);
        BenchRunner.Row unused = rows.stream().filter(row -> row.figure().startsWith("runtime jars no facade call")).findFirst().orElseThrow();
        assertEquals("none", unused.result(), "runtime jars from which one facade get loads no class");
        for (String client : InterleavedLatency.CLIENTS) {
            assertTrue(table.contains("| " + client + " |"), client + " missing from\n" + table);
        }
        assertTrue(table.contains("| ColdStartStockOkHttpGson |") && table.contains("| ColdStartStockNative |"), table);
        BenchRunner.Row typed = rows.stream().filter(row -> row.figure().startsWith("the stock okhttp-gson client's typed listOrgs"))
                .findFirst().orElseThrow();
        assertEquals("40 requests, 2,000 orgs seen, 50 distinct", typed.result(), "the stock client's paging bug, as measured");
        for (String variant : Observed.VARIANTS) {
            assertTrue(table.contains("| " + variant + " |"), variant + " missing from\n" + table);
        }
    }
}
