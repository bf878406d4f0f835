package house.openapp.sdk;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every code example in the public Javadoc ({@code <pre>{@code ...}</pre>} in the façade, the
 * generated layer and the testkit) compiles against the real API, as the README snippets do in
 * {@link DocsSnippetsTest}. Each example becomes the body of a method (or, when it declares a
 * class, a member) of a class extending {@link JavadocExampleGivens}, whose fields are the
 * names examples take as given ({@code client}, {@code id}, {@code org}, ...).
 */
class JavadocExamplesTest {
    private static final List<Path> ROOTS = List.of(Path.of("facade"), Path.of("generated/java"),
            Path.of("src/test/java/house/openapp/sdk/testing"));
    private static final Pattern EXAMPLE = Pattern.compile("<pre>\\{@code\\s*\\n(.*?)\\n\\s*\\*\\s*}</pre>", Pattern.DOTALL);
    private static final String IMPORTS = String.join("\n",
            "import house.openapp.sdk.*;",
            "import house.openapp.sdk.errors.*;",
            "import house.openapp.sdk.generated.*;",
            "import house.openapp.sdk.generated.api.*;",
            "import house.openapp.sdk.generated.model.*;",
            "import house.openapp.sdk.testing.*;",
            "import house.openapp.sdk.micrometer.*;",
            "import house.openapp.sdk.otel.*;",
            "import java.net.*;",
            "import okhttp3.Credentials;",
            "import okhttp3.mockwebserver.MockWebServer;",
            "import java.nio.file.Path;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.*;",
            "import org.junit.jupiter.api.Test;",
            "import org.junit.jupiter.api.extension.RegisterExtension;",
            "import static org.junit.jupiter.api.Assertions.*;");

    record Example(Path file, int line, String code) {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JavadocExamplesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                // module-info's example is a module declaration, not code to run
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java")).sorted().toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Matcher m = EXAMPLE.matcher(text);
                    while (m.find()) {
                        int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                        String code = m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", "")).reduce("", (a, b) -> a + b + "\n");
                        examples.add(new Example(file, line, code.replace("&#64;", "@").replace("&lt;", "<").replace("&gt;", ">")
                                .replace("&amp;", "&")));
                    }
                }
            }
        }
        return examples;
    }

    @Test
    void everyJavadocCodeExampleCompiles() throws IOException {
        // the otel and micrometer examples need their optional APIs; the build's run without them skips this check
        org.junit.jupiter.api.Assumptions.assumeTrue(present("io.micrometer.observation.ObservationRegistry")
                && present("io.opentelemetry.api.OpenTelemetry"), "optional observability APIs are not on the class path");
        List<Example> examples = examples();
        assertTrue(examples.size() >= 20, "expected the façade's examples, found " + examples.size());
        List<JavaFileObject> units = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            String code = examples.get(i).code();
            boolean declaresType = code.lines().anyMatch(l -> l.matches("^(@\\w+.*|(public |final |static )*(class|record|interface) .*)"));
            String body = declaresType ? code : "void example() throws Exception {\n" + code + "\n}";
            String source = "package javadoc.examples;\n" + IMPORTS + "\n@SuppressWarnings(\"unused\")\nclass Example" + i
                    + " extends house.openapp.sdk.JavadocExampleGivens {\n" + body + "\n}\n";
            units.add(new SimpleJavaFileObject(URI.create("string:///javadoc/examples/Example" + i + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("javadoc-examples");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            // Surefire may put the SDK and its dependencies on the module path: compile against both.
            String path = String.join(java.io.File.pathSeparator, java.util.stream.Stream.of("java.class.path", "jdk.module.path")
                    .map(System::getProperty).filter(p -> p != null && !p.isEmpty()).toList());
            List<String> options = List.of("-classpath", path, "-proc:none", "-Xlint:none");
            javac.getTask(null, files, diagnostics, options, null, units).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                int index = Integer.parseInt(d.getSource().getName().replaceAll("\\D", ""));
                Example example = examples.get(index);
                errors.add(example.file() + ":" + example.line() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        assertEquals(List.of(), errors, "Javadoc examples that do not compile");
    }
}
