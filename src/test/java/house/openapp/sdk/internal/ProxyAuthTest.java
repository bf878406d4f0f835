package house.openapp.sdk.internal;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProxyAuthTest {

    private static String sentThrough(OkHttpClient client, MockWebServer server, String url) throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));
        try (Response response = client.newCall(new Request.Builder().url(url)
                .header("Proxy-Authorization", "Basic c3ZjOnNlY3JldA==").build()).execute()) {
            assertEquals(200, response.code());
        }
        return server.takeRequest().getHeader("Proxy-Authorization");
    }

    @Test
    void proxyCredentialsNeverReachAnOriginOverADirectConnection() throws Exception {
        try (MockWebServer origin = new MockWebServer()) {
            origin.start(InetAddress.getLoopbackAddress(), 0);
            OkHttpClient client = new OkHttpClient.Builder().addNetworkInterceptor(ProxyAuth.STRIP_OUTSIDE_PROXY).build();

            assertNull(sentThrough(client, origin, origin.url("/orgs").toString()));
        }
    }

    @Test
    void proxyCredentialsTravelToAnHttpProxyForAPlainHttpRequest() throws Exception {
        try (MockWebServer proxy = new MockWebServer()) {
            proxy.start(InetAddress.getLoopbackAddress(), 0);
            OkHttpClient client = new OkHttpClient.Builder().proxy(proxy.toProxyAddress())
                    .addNetworkInterceptor(ProxyAuth.STRIP_OUTSIDE_PROXY).build();

            assertEquals("Basic c3ZjOnNlY3JldA==", sentThrough(client, proxy, "http://openapp.test/orgs"));
        }
    }

    @Test
    void withoutTheGuardOkHttpWouldSendThemToTheOrigin() throws Exception {
        // The control: what the guard prevents does happen without it.
        try (MockWebServer origin = new MockWebServer()) {
            origin.start(InetAddress.getLoopbackAddress(), 0);

            assertEquals("Basic c3ZjOnNlY3JldA==", sentThrough(new OkHttpClient(), origin, origin.url("/orgs").toString()));
        }
    }
}
