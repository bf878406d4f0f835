package house.openapp.sdk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java examples are exactly the snippets that {@link DocsSnippetsTest} (and, for
 * tracing, {@code otel.OpenAppTelemetryTest}) compile and run.
 */
class ReadmeSnippetsTest {
    /** Where the "Tracing and metrics" snippet is tested: it needs OpenTelemetry, which DocsSnippetsTest does without. */
    private static final String TRACING_TEST = "src/test/java/house/openapp/sdk/otel/OpenAppTelemetryTest.java";

    @Test
    void everyReadmeSnippetIsTheTestedCodeVerbatim() throws IOException {
        Map<String, String> tested = regions(Files.readAllLines(Path.of("src/test/java/house/openapp/sdk/DocsSnippetsTest.java"),
                StandardCharsets.UTF_8));
        tested.putAll(regions(Files.readAllLines(Path.of(TRACING_TEST), StandardCharsets.UTF_8)));
        Map<String, String> documented = readmeBlocks(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8));

        List<String> expected = new java.util.ArrayList<>(DocsSnippetsTest.README_SNIPPETS);
        expected.add("tracing");
        assertEquals(expected, List.copyOf(documented.keySet()), "the README quotes these snippets, in this order");
        for (Map.Entry<String, String> block : documented.entrySet()) {
            assertEquals(tested.get(block.getKey()), block.getValue(),
                    "README snippet " + block.getKey() + " differs from DocsSnippetsTest; copy the tested region into the README");
        }
    }

    @Test
    void theReadmeTestkitExampleIsTheCompiledMyServiceTestVerbatim() throws IOException {
        String tested = regions(Files.readAllLines(Path.of("src/test/java/house/openapp/sdk/examples/MyServiceTest.java"),
                StandardCharsets.UTF_8)).get("testkit-example");
        List<String> readme = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf("<!-- consumer:test -->");
        assertEquals("```java", readme.get(marker + 1));
        StringBuilder block = new StringBuilder();
        for (int i = marker + 2; !readme.get(i).equals("```"); i++) {
            block.append(readme.get(i)).append('\n');
        }
        assertEquals(tested, block.toString().strip(), "README's testkit example differs from examples/MyServiceTest.java");
        assertTrue(tested.contains("parentId(fake.rootOrgId())"), "the example creates under the fake's root");
    }

    private static Map<String, String> regions(List<String> lines) {
        Map<String, String> regions = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("// snippet:")) {
                name = trimmed.substring("// snippet:".length());
                body.setLength(0);
            } else if (trimmed.equals("// end-snippet")) {
                regions.put(name, body.toString().stripTrailing().stripIndent().strip());
                name = null;
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        return regions;
    }

    private static Map<String, String> readmeBlocks(List<String> lines) {
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("<!-- snippet:") && line.endsWith("-->")) {
                String name = line.substring("<!-- snippet:".length(), line.length() - "-->".length()).strip();
                assertEquals("```java", lines.get(i + 1).strip(), "snippet " + name + " must be followed by a java code block");
                StringBuilder body = new StringBuilder();
                int j = i + 2;
                for (; !lines.get(j).strip().equals("```"); j++) {
                    body.append(lines.get(j)).append('\n');
                }
                assertFalse(blocks.containsKey(name), "snippet " + name + " appears twice in the README");
                blocks.put(name, body.toString().stripTrailing().stripIndent().strip());
                i = j;
            }
        }
        return blocks;
    }
}
