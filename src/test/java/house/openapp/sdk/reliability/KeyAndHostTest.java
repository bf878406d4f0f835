package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 12, finding 13: a malformed key's error never quotes any of it, and a {@code *.localhost}
 * name is loopback only when it resolves to loopback.
 */
class KeyAndHostTest {
    private static final String MATERIAL = "Zq9KeyMaterial";

    @Test
    void malformedKeysAreRefusedWithoutQuotingAnyOfTheKey() {
        List<String> keys = List.of(MATERIAL + "://host_openapp_s", MATERIAL + ":x_openapp_s", "ftp" + MATERIAL + "://h_openapp_s",
                "https://" + MATERIAL + "@h_openapp_s", "https://h/" + MATERIAL + "_openapp_s", "https://h?" + MATERIAL + "_openapp_s",
                "https://h:" + MATERIAL + "_openapp_s", "https://h#" + MATERIAL + "_openapp_s", MATERIAL + "_openapp_s",
                "https://h" + MATERIAL + "nosecret", "https://h_openapp_", "https://h_openapp_" + MATERIAL + " x");
        for (String key : keys) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenAppClient.builder().apiKey(key).build(), key);
            assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains(MATERIAL.toLowerCase(Locale.ROOT).substring(0, 6)),
                    "the message quotes key material: " + e.getMessage());
        }
    }

    @Test
    void aLocalhostSubdomainIsLoopbackOnlyIfItResolvesThere() {
        for (String host : List.of("nope-" + System.nanoTime() + ".localhost", "api.localhost", "evil.example.localhost")) {
            boolean resolvesToLoopback;
            try {
                resolvesToLoopback = List.of(InetAddress.getAllByName(host)).stream().allMatch(InetAddress::isLoopbackAddress);
            } catch (UnknownHostException e) {
                resolvesToLoopback = false;
            }
            boolean allowed;
            try {
                OpenAppClient.builder().apiKey("http://" + host + "_openapp_s").build().close();
                allowed = true;
            } catch (IllegalArgumentException refused) {
                allowed = false;
            }
            assertEquals(resolvesToLoopback, allowed, "http://" + host);
        }
    }
}
