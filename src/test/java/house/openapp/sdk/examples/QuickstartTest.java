package house.openapp.sdk.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Quickstart's transcript is a table a newcomer reads at once, and every step succeeds. */
class QuickstartTest {
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    private static List<String> transcript() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failures = Quickstart.runAgainstFake(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, failures, text);
        return text.lines().toList();
    }

    private static String row(List<String> lines, String step, String org) {
        return lines.stream().filter(line -> line.startsWith(step + " ") && line.contains(org)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + step + " for " + org + " in\n" + String.join("\n", lines)));
    }

    @Test
    void quickstartRunsEveryOperationAgainstTheFakeWithoutAFailure() {
        List<String> lines = transcript();
        for (String step : List.of("create", "create (child)", "create (grandchild)", "get (correlation id)", "list (first page)",
                "list (auto-paging)", "list (async, forEachAsync)", "search \"field\"", "children", "ancestors", "update (rename)",
                "getByName (exact)", "permissions", "users (recursive)", "uploadImage (file)", "getImage", "deleteImage",
                "delete (soft)", "children (include_deleted)", "purge", "purge (confirmed)")) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(step + " ")), "no row for " + step + " in\n" + String.join("\n", lines));
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("quickstart-get"), "the correlation id comes back as X-Request-Id:\n" + all);
        assertTrue(all.contains("[North Gate [deleted]]"), "include_deleted shows the soft-deleted org:\n" + all);
        assertTrue(all.contains("1 user(s): [ada@example.com]"), "recursive users reach the seeded user:\n" + all);
        assertTrue(all.contains("[Root, Quickstart HQ, Field Office] (root-most first)"), all);
        assertTrue(all.contains("name in French: Bureau de terrain"), "the one-call display name:\n" + all);
    }

    @Test
    void theTranscriptIsATableWithAHeaderNamedColumnsAndTheOrgNameNextToItsId() {
        List<String> lines = transcript();
        int header = 1;
        assertTrue(lines.get(header).matches("step +HTTP +org \\(id, name\\) +X-Request-Id +result"), lines.get(header));
        int httpColumn = lines.get(header).indexOf("HTTP");
        int orgColumn = lines.get(header).indexOf("org (id, name)");
        int requestIdColumn = lines.get(header).indexOf("X-Request-Id");
        int resultColumn = lines.get(header).indexOf("result");
        for (String line : lines.subList(header + 1, lines.size())) {
            assertTrue(line.substring(httpColumn, httpColumn + 4).matches("\\d{3} |- {3}"), "a status (or -) in its column: " + line);
            String org = line.substring(orgColumn, requestIdColumn);
            assertTrue(org.endsWith(" ") && (org.strip().equals("-") || org.strip().matches(ULID + " \\S.*")),
                    "an org's id followed by its name, within its column: " + line);
            String requestId = line.substring(requestIdColumn, resultColumn);
            assertTrue(requestId.endsWith(" ") && requestId.strip().matches("\\S+"), "one request id, within its column: " + line);
            assertFalse(line.substring(resultColumn).isBlank(), "a result: " + line);
        }
        assertTrue(lines.size() <= 40, lines.size() + " lines");
        assertFalse(String.join("\n", lines).contains("OpenAPI Generator"));
    }

    @Test
    void theDeleteSaysWhichOrgAndTheConfirmationStepsAreMarkedExpected() {
        List<String> lines = transcript();
        String delete = row(lines, "delete (soft)", "North Gate");
        assertTrue(delete.contains("deleted_at"), delete);
        for (String org : List.of("North Gate", "Field Office (renamed)", "Quickstart HQ")) {
            String asked = lines.stream().filter(line -> line.startsWith("purge ") && line.contains(org)).findFirst().orElseThrow();
            assertTrue(asked.contains(" 409 ") && asked.contains("expected: confirmation required"), asked);
            assertFalse(asked.contains("FAILED"), asked);
            assertTrue(row(lines, "purge (confirmed)", org).contains(" 200 "), org);
        }
        assertTrue(row(lines, "children (include_deleted)", "Field Office").contains("[deleted]"));
    }
}
