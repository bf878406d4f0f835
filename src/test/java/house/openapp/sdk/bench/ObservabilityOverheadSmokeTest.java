package house.openapp.sdk.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The observability overhead measurement runs every variant and prints one line each (a few rounds, not a measurement). */
class ObservabilityOverheadSmokeTest {

    @Test
    void everyVariantIsMeasuredAgainstTheClientWithoutAListener() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ObservabilityOverhead.main(new String[] {"20", "50", "1"});
        } finally {
            System.setOut(original);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("RESULT\t")).toList();
        assertEquals(Observed.VARIANTS, lines.stream().map(line -> line.split("\t")[1]).toList());
        assertTrue(lines.get(0).endsWith("\t1.000"), lines.get(0));
    }
}
