package house.openapp.sdk.testing;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.generated.model.OrganizationResponse;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeOpenAppMainTest {

    @Test
    void aStandaloneFakePrintsItsAddressAndKeysServesAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FakeOpenAppMain.class.getName(), "--default-limit", "7")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> printed = new HashMap<>();
            for (String line; (line = out.readLine()) != null && !line.startsWith("#"); ) {
                int eq = line.indexOf('=');
                printed.put(line.substring(0, eq), line.substring(eq + 1));
            }
            assertEquals(List.of("OPENAPP_API_KEY", "OPENAPP_BASE_URL", "OPENAPP_PLATFORM_ADMIN_KEY", "OPENAPP_ROOT_ORG"),
                    printed.keySet().stream().sorted().toList());

            // Another process reaches it with nothing but what was printed.
            try (OpenAppClient client = OpenAppClient.fromEnv(printed)) {
                OrganizationResponse root = client.orgs().get(printed.get("OPENAPP_ROOT_ORG"));
                assertEquals(printed.get("OPENAPP_ROOT_ORG"), root.getId());
                OrganizationResponse created = client.orgs().create(house.openapp.sdk.OrgCreateParams
                        .builder(house.openapp.sdk.LocalizedString.of("en", "Site")).parentId(root.getId()).build());
                assertEquals(created.getId(), client.orgs().get(created.getId()).getId());
            }
            URI base = URI.create(printed.get("OPENAPP_BASE_URL"));

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the fake stops on SIGTERM");
            assertFalse(process.isAlive());
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000);
                }
            }, "the port is released");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void optionsAreCheckedWithDiagnosticMessages() {
        assertEquals("unknown option --verbose", assertThrows(IllegalArgumentException.class,
                () -> FakeOpenAppMain.configure(new String[] {"--verbose", "1"})).getMessage());
        assertEquals("--port needs a value", assertThrows(IllegalArgumentException.class,
                () -> FakeOpenAppMain.configure(new String[] {"--port"})).getMessage());
        assertEquals("--port must be an integer but was 'x'", assertThrows(IllegalArgumentException.class,
                () -> FakeOpenAppMain.configure(new String[] {"--port", "x"})).getMessage());
        assertEquals("port must be between 0 and 65535 but was 70000", assertThrows(IllegalArgumentException.class,
                () -> FakeOpenAppMain.configure(new String[] {"--port", "70000"})).getMessage());
    }

    @Test
    void aChosenPortIsTheOneServed() throws IOException {
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (FakeOpenApp fake = FakeOpenAppMain.configure(new String[] {"--port", String.valueOf(free)}).start()) {
            assertEquals("http://127.0.0.1:" + free, fake.origin());
            assertTrue(fake.apiKey().startsWith("http://127.0.0.1:" + free + "_openapp_"));
        }
    }
}
