package house.openapp.sdk.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickstartTest {
    @Test
    void quickstartRunsEveryOperationAgainstTheFakeWithoutAFailure() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failures = Quickstart.runAgainstFake(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String transcript = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, failures, transcript);
        for (String operation : List.of("create ", "create (child)", "get (correlation id)", "list ", "list (auto-paging",
                "search ", "children ", "ancestors ", "update (rename)", "getByName (exact)", "permissions ", "users (recursive)",
                "uploadImage (file)", "getImage ", "deleteImage ", "delete (soft)", "list (include_deleted)", "purge (X-OpenApp-Confirm)")) {
            assertTrue(transcript.lines().anyMatch(line -> line.startsWith(operation)), "no line for " + operation + " in\n" + transcript);
        }
        assertTrue(transcript.contains("quickstart-get"), "the correlation id comes back as X-Request-Id:\n" + transcript);
        assertTrue(transcript.contains("[North Gate [deleted]]"), "include_deleted shows the soft-deleted org:\n" + transcript);
        assertTrue(transcript.contains("1 user(s): [ada@example.com]"), "recursive users reach the seeded user:\n" + transcript);
        assertTrue(transcript.contains("[Root, Quickstart HQ, Field Office] (root-most first)"), transcript);
    }
}
