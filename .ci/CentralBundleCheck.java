import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks what {@code ./mvnw -B -Prelease verify -Dgpg.skip} leaves in target/ against Maven
 * Central's requirements, before anything is uploaded:
 *
 * <ul>
 *   <li>the POM has groupId, artifactId, version, name, description, url, a license with a
 *       name and url, a developer, scm (url and connection) and issueManagement, and declares no
 *       {@code <repositories>} (everything must resolve from Central);</li>
 *   <li>the main jar, its sources jar and its Javadoc jar are attached, non-empty and hold what
 *       their names say (classes and module-info; .java files; an index.html);</li>
 *   <li>the testkit (classifier tests) is attached with its own sources and Javadoc, and holds
 *       only {@code house/openapp/sdk/testing};</li>
 *   <li>signatures: with -Dgpg.skip there are none, and the check says which files
 *       maven-gpg-plugin signs in a real release; if any .asc is present, every artifact and
 *       the POM must have one;</li>
 *   <li>checksums: Central needs .md5 and .sha1 beside each file; the
 *       central-publishing-maven-plugin writes them (checksums=all) when it bundles, so the
 *       check asserts the release profile configures it that way.</li>
 * </ul>
 *
 * Usage: {@code java .ci/CentralBundleCheck.java pom.xml target}. Exits 1 listing every
 * failure.
 */
public final class CentralBundleCheck {
    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java .ci/CentralBundleCheck.java pom.xml target");
            System.exit(2);
        }
        CentralBundleCheck check = new CentralBundleCheck();
        check.run(Path.of(args[0]), Path.of(args[1]));
        if (!check.failures.isEmpty()) {
            System.out.println("Central bundle check FAILED:");
            check.failures.forEach(f -> System.out.println("  - " + f));
            System.exit(1);
        }
        System.out.println("Central bundle check passed");
    }

    private void run(Path pomFile, Path target) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document pom = factory.newDocumentBuilder().parse(pomFile.toFile());
        Element project = pom.getDocumentElement();

        String groupId = require(project, "groupId");
        String artifactId = require(project, "artifactId");
        String version = require(project, "version");
        require(project, "name");
        require(project, "description");
        String url = require(project, "url");
        if (!url.startsWith("https://")) {
            fail("url must be an https URL but was " + url);
        }
        Element license = child(child(project, "licenses"), "license");
        require(license, "name");
        require(license, "url");
        Element developer = child(child(project, "developers"), "developer");
        if (text(developer, "name").isEmpty() && text(developer, "id").isEmpty()) {
            fail("developers/developer needs a name or an id");
        }
        Element scm = child(project, "scm");
        require(scm, "url");
        require(scm, "connection");
        require(child(project, "issueManagement"), "url");
        if (child(project, "repositories") != null || child(project, "pluginRepositories") != null) {
            fail("the POM must not declare repositories: Central artifacts resolve from Central alone");
        }
        if (property(project, "project.build.outputTimestamp").isEmpty()) {
            fail("project.build.outputTimestamp is not set: builds are not reproducible");
        }
        checkReleaseProfile(project);
        System.out.printf("POM %s:%s:%s: metadata complete (url %s)%n", groupId, artifactId, version, url);
        if (version.endsWith("-SNAPSHOT")) {
            System.out.println("note: " + version + " is a snapshot; Central accepts a release only after the version drops -SNAPSHOT");
        }

        String base = artifactId + "-" + version;
        List<Path> artifacts = new ArrayList<>();
        artifacts.add(pomFile);
        artifacts.add(jar(target, base + ".jar", "the classes",
                n -> n.endsWith(".class") && !n.startsWith("META-INF/"), "module-info.class"));
        artifacts.add(jar(target, base + "-sources.jar", "the sources", n -> n.endsWith(".java"), "module-info.java"));
        artifacts.add(jar(target, base + "-javadoc.jar", "the Javadoc", n -> n.endsWith(".html"), "index.html"));
        Path testkit = jar(target, base + "-tests.jar", "the testkit", n -> n.endsWith(".class"),
                "house/openapp/sdk/testing/FakeOpenApp.class");
        artifacts.add(testkit);
        onlyUnder(testkit, "house/openapp/sdk/testing/", ".class");
        artifacts.add(jar(target, base + "-test-sources.jar", "the testkit's sources", n -> n.endsWith(".java"),
                "house/openapp/sdk/testing/FakeOpenApp.java"));
        artifacts.add(jar(target, base + "-test-javadoc.jar", "the testkit's Javadoc", n -> n.endsWith(".html"),
                "house/openapp/sdk/testing/FakeOpenApp.html"));

        List<Path> unsigned = new ArrayList<>();
        boolean anySigned = false;
        for (Path artifact : artifacts) {
            if (artifact == null) {
                continue;
            }
            Path signature = signatureOf(artifact, target, base);
            if (Files.isRegularFile(signature)) {
                anySigned = true;
            } else {
                unsigned.add(artifact);
            }
        }
        if (anySigned && !unsigned.isEmpty()) {
            fail("signed build, but these have no .asc: " + unsigned);
        } else if (!anySigned) {
            System.out.println("unsigned (-Dgpg.skip): in a release, maven-gpg-plugin writes a .asc for each of "
                    + artifacts.stream().filter(p -> p != null).map(p -> p.getFileName().toString()).toList());
        } else {
            System.out.println("every artifact and the POM have a .asc signature");
        }
    }

    private static Path signatureOf(Path artifact, Path target, String base) {
        if (artifact.getFileName().toString().equals("pom.xml")) {
            return target.resolve(base + ".pom.asc");
        }
        return artifact.resolveSibling(artifact.getFileName() + ".asc");
    }

    private void checkReleaseProfile(Element project) {
        Element profiles = child(project, "profiles");
        Element release = null;
        for (Element profile : children(profiles, "profile")) {
            if ("release".equals(text(profile, "id"))) {
                release = profile;
            }
        }
        if (release == null) {
            fail("no release profile");
            return;
        }
        boolean gpg = false;
        boolean central = false;
        for (Element plugin : children(child(child(release, "build"), "plugins"), "plugin")) {
            String id = text(plugin, "artifactId");
            if (id.equals("maven-gpg-plugin")) {
                gpg = true;
            }
            if (id.equals("central-publishing-maven-plugin")) {
                central = true;
                String checksums = text(child(plugin, "configuration"), "checksums");
                if (!checksums.equalsIgnoreCase("all") && !checksums.equalsIgnoreCase("required")) {
                    fail("central-publishing-maven-plugin must write checksums (all or required) but was '" + checksums + "'");
                }
            }
        }
        if (!gpg) {
            fail("the release profile does not sign (maven-gpg-plugin)");
        }
        if (!central) {
            fail("the release profile does not publish (central-publishing-maven-plugin)");
        }
    }

    private Path jar(Path target, String name, String what, Predicate<String> content, String mustHold) throws IOException {
        Path jar = target.resolve(name);
        if (!Files.isRegularFile(jar)) {
            fail(name + " (" + what + ") is not attached");
            return null;
        }
        int matching = 0;
        boolean holds = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String entry = e.nextElement().getName();
                if (content.test(entry)) {
                    matching++;
                }
                holds |= entry.equals(mustHold);
            }
        }
        if (matching == 0) {
            fail(name + " holds none of " + what);
        }
        if (!holds) {
            fail(name + " lacks " + mustHold);
        }
        System.out.printf("%s: %d files of %s, %,d bytes%n", name, matching, what, Files.size(jar));
        return jar;
    }

    private void onlyUnder(Path jar, String prefix, String suffix) throws IOException {
        if (jar == null) {
            return;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String entry = e.nextElement().getName();
                if (entry.endsWith(suffix) && !entry.startsWith(prefix)) {
                    fail(jar.getFileName() + " holds " + entry + ", outside " + prefix);
                    return;
                }
                if (entry.endsWith("Test.class")) {
                    fail(jar.getFileName() + " holds a test class: " + entry);
                    return;
                }
            }
        }
    }

    private String require(Element parent, String name) {
        String value = text(parent, name);
        if (value.isEmpty()) {
            fail("the POM lacks " + (parent == null ? "" : path(parent)) + name);
        }
        return value;
    }

    private static String path(Element element) {
        String path = "";
        for (Node n = element; n instanceof Element && n.getParentNode() instanceof Element; n = n.getParentNode()) {
            path = n.getNodeName() + "/" + path;
        }
        return path;
    }

    private static String property(Element project, String name) {
        return text(child(project, "properties"), name);
    }

    private static String text(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? "" : child.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getNodeName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }

    private void fail(String message) {
        failures.add(message);
    }
}
