package house.openapp.sdk;

import house.openapp.sdk.generated.model.LocalizedStringModel;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One LocalizedString type for users, and a one-call display name with locale fallback. */
class LocalizedStringTest {
    private static LocalizedStringModel model(String... localeAndText) {
        LocalizedStringModel model = new LocalizedStringModel();
        for (int i = 0; i < localeAndText.length; i += 2) {
            model.putValueItem(localeAndText[i], localeAndText[i + 1]);
        }
        return model;
    }

    @Test
    void displayFallsBackFromTheExactTagToItsLanguageToEnglishToUndToAny() {
        LocalizedStringModel name = model("de", "Tor", "fr-FR", "Porte", "en-GB", "Gate", "und", "Gate?");

        assertEquals("Porte", LocalizedString.display(name, Locale.CANADA_FRENCH), "fr-CA: another tag of the same language");
        assertEquals("Porte", LocalizedString.display(name, Locale.FRANCE), "the exact tag");
        assertEquals("Tor", LocalizedString.display(name, Locale.forLanguageTag("de-AT")), "de-AT: its language");
        assertEquals("Gate", LocalizedString.display(name, Locale.JAPANESE), "no Japanese: an English tag");
        assertEquals("Gate?", LocalizedString.display(model("und", "Gate?", "de", "Tor"), Locale.JAPANESE), "then und");
        assertEquals("Tor", LocalizedString.display(model("de", "Tor", "it", "Porta"), Locale.JAPANESE), "then the first locale");
        assertEquals("Gate", LocalizedString.display(model("EN", "Gate"), Locale.ENGLISH), "tags compare ignoring case");
        assertEquals("", LocalizedString.display(null, Locale.ENGLISH));
        assertEquals("", LocalizedString.display(new LocalizedStringModel(), Locale.ENGLISH));
        assertEquals("Porta", LocalizedString.of(Map.of("it", "Porta")).display(Locale.ROOT));
    }

    @Test
    void theFacadeTypeAndTheWireModelConvertBothWays() {
        LocalizedString name = LocalizedString.builder().put("en", "Gate").put("he", "שער").build();
        assertEquals(name, LocalizedString.from(name.toModel()));
        assertEquals(Map.of("en", "Gate", "he", "שער"), name.toModel().getValue());
    }

    @Test
    void wildcardImportsOfTheFacadeAndTheModelsNeverMakeANameAmbiguous() throws Exception {
        String source = String.join("\n",
                "import house.openapp.sdk.*;",
                "import house.openapp.sdk.errors.*;",
                "import house.openapp.sdk.generated.*;",
                "import house.openapp.sdk.generated.api.*;",
                "import house.openapp.sdk.generated.model.*;",
                "class Newcomer {",
                "  String read(OrganizationResponse org) {",
                "    LocalizedString name = LocalizedString.of(\"en\", \"Field Office\");",
                "    return LocalizedString.display(org.getName(), java.util.Locale.FRENCH) + name;",
                "  }",
                "  Object[] every = {" + String.join(", ", everyPublicSimpleName()) + "};",
                "}");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///Newcomer.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String out = Files.createTempDirectory("newcomer").toString();
        boolean ok = javac.getTask(errors, null, null, List.of("-classpath", System.getProperty("java.class.path"), "-d", out, "-proc:none"),
                null, List.of(unit)).call();
        assertTrue(ok, errors.toString());
    }

    /** {@code X.class} for every public top-level type of the façade, errors, generated, api and model packages. */
    private static List<String> everyPublicSimpleName() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (String pkg : List.of("house/openapp/sdk", "house/openapp/sdk/errors", "house/openapp/sdk/generated",
                "house/openapp/sdk/generated/api", "house/openapp/sdk/generated/model")) {
            try (var files = Files.list(java.nio.file.Path.of("target/classes", pkg))) {
                for (var file : files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class") && !f.contains("$")).sorted().toList()) {
                    String simple = file.substring(0, file.length() - ".class".length());
                    Class<?> type = Class.forName(pkg.replace('/', '.') + "." + simple);
                    if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                        names.add(simple + ".class");
                    }
                }
            }
        }
        return names;
    }
}
