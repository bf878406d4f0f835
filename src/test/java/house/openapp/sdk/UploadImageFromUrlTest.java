package house.openapp.sdk;

import house.openapp.sdk.errors.ImageSourceException;
import house.openapp.sdk.testing.FakeOpenApp;
import house.openapp.sdk.testing.WithFakeOpenApp;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** uploadImageFromUrl end to end: a guarded download from one server, an upload to the fake. */
@WithFakeOpenApp
class UploadImageFromUrlTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1};

    @Test
    void downloadsTheImageWithoutCredentialsAndUploadsItsExactBytes(FakeOpenApp fake) throws Exception {
        String org = fake.addOrg(fake.rootOrgId(), "Lobby");
        try (MockWebServer images = new MockWebServer();
             OpenAppClient client = OpenAppClient.builder().apiKey(fake.apiKey())
                     .imageFetchPolicy(ImageFetchPolicy.builder().allowAddress(InetAddress::isLoopbackAddress).build())
                     .build()) {
            images.enqueue(new MockResponse().setHeader("Content-Type", "image/jpeg").setBody(new Buffer().write(JPEG)));

            client.orgs().uploadImageFromUrl(org, images.url("/pictures/lobby.jpg").uri());

            assertArrayEquals(JPEG, fake.image(org).orElseThrow());
            var download = images.takeRequest();
            assertNull(download.getHeader("X-API-Key"));
            assertNull(download.getHeader("Authorization"));
            assertTrue(client.orgs().getImage(org).isPresent());
        }
    }

    @Test
    void theDefaultPolicyRefusesALoopbackSourceBeforeAnythingIsSent(OpenAppClient client, FakeOpenApp fake) throws IOException {
        String org = fake.addOrg(fake.rootOrgId(), "Lobby");
        try (MockWebServer images = new MockWebServer()) {
            images.start();
            fake.clearRequests();

            ImageSourceException refused = assertThrows(ImageSourceException.class,
                    () -> client.orgs().uploadImageFromUrl(org, images.url("/x.jpg").uri()));

            assertEquals(ImageSourceException.Reason.ADDRESS_NOT_ALLOWED, refused.reason());
            assertEquals(0, images.getRequestCount());
            assertEquals(0, fake.requestCount());
        }
    }

    @Test
    void aNonHttpSourceIsRefused(OpenAppClient client, FakeOpenApp fake) {
        ImageSourceException refused = assertThrows(ImageSourceException.class,
                () -> client.orgs().uploadImageFromUrl(fake.rootOrgId(), URI.create("file:///etc/passwd")));
        assertEquals(ImageSourceException.Reason.SCHEME_NOT_ALLOWED, refused.reason());
    }
}
