package house.openapp.sdk;

import house.openapp.sdk.errors.AuthenticationException;
import house.openapp.sdk.errors.ImageSourceException;
import house.openapp.sdk.errors.OpenAppException;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code proxy(Proxy)} and {@code proxyAuthenticator(...)}: a MockWebServer is the HTTP proxy,
 * and the API and image hosts are names only the proxy "resolves" (this machine's Dns knows
 * only the image hosts, for the address guard).
 */
class ProxyTest {
    private static final String KEY = "http://openapp.test_openapp_sk7Zq9SecretValueXw3";
    private static final String PROXY_PASSWORD = "pr0xy-Secret";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1};
    /** What this machine's DNS says about the image hosts; the API host is unknown here. */
    private static final Map<String, List<String>> ZONE = Map.of(
            "images.test", List.of("93.184.215.14"),
            "internal.test", List.of("10.1.2.3"),
            "mixed.test", List.of("93.184.215.14", "192.168.1.1"));
    private static final Dns LOCAL_DNS = host -> {
        List<String> addresses = ZONE.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host + " is unknown here");
        }
        List<InetAddress> result = new java.util.ArrayList<>();
        for (String a : addresses) {
            result.add(InetAddress.getByName(a));
        }
        return result;
    };

    private final MockWebServer proxy = new MockWebServer();
    private final AtomicInteger asked = new AtomicInteger();
    private final Authenticator basic = (route, response) -> {
        asked.incrementAndGet();
        return response.request().newBuilder()
                .header("Proxy-Authorization", Credentials.basic("svc", PROXY_PASSWORD))
                .header("X-Smuggled", "from the authenticator")
                .url("http://elsewhere.test/")
                .build();
    };

    @BeforeEach
    void start() throws IOException {
        proxy.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.shutdown();
    }

    private OpenAppClient.Builder builder() {
        return OpenAppClient.builder().apiKey(KEY).allowInsecureHttp(true)
                .okHttpClient(new OkHttpClient.Builder().dns(LOCAL_DNS).build())
                .retryPolicy(RetryPolicy.NONE)
                .proxy(proxy.toProxyAddress());
    }

    private static MockResponse org(String id) {
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"id\":\"" + id + "\",\"name\":{\"value\":{\"en\":\"Org\"}},\"user_roles\":{}}");
    }

    private RecordedRequest next() throws InterruptedException {
        RecordedRequest request = proxy.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(request != null, "the proxy got a request");
        return request;
    }

    @Test
    void apiCallsGoThroughTheProxyWhichResolvesTheApiHost() throws Exception {
        proxy.enqueue(org("01HORG"));
        try (OpenAppClient client = builder().build()) {
            assertEquals("01HORG", client.orgs().get("01HORG").getId());
        }
        RecordedRequest request = next();
        assertEquals("GET http://openapp.test/api/v1/orgs/01HORG HTTP/1.1", request.getRequestLine());
        assertEquals(KEY, request.getHeader("X-API-Key"));
        assertNull(request.getHeader("Proxy-Authorization"), "no credentials before the proxy asks");
    }

    @Test
    void theProxysChallengeIsAnsweredOnceWithOnlyTheProxyAuthorizationHeader() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
        proxy.enqueue(org("01HORG"));
        try (OpenAppClient client = builder().proxyAuthenticator(basic).build()) {
            assertEquals("01HORG", client.orgs().get("01HORG").getId());
        }
        next();
        RecordedRequest retried = next();
        assertEquals("GET http://openapp.test/api/v1/orgs/01HORG HTTP/1.1", retried.getRequestLine(),
                "the authenticator cannot send the request elsewhere");
        assertEquals(Credentials.basic("svc", PROXY_PASSWORD), retried.getHeader("Proxy-Authorization"));
        assertNull(retried.getHeader("X-Smuggled"), "nothing but Proxy-Authorization is taken from the authenticator");
        assertEquals(1, asked.get());
    }

    @Test
    void refusedProxyCredentialsAreNotSentAgainAndAgain() throws Exception {
        for (int i = 0; i < 5; i++) {
            proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
        }
        try (OpenAppClient client = builder().proxyAuthenticator(basic).build()) {
            OpenAppException e = assertThrows(OpenAppException.class, () -> client.orgs().get("01HORG"));
            assertTrue(!e.toString().contains(PROXY_PASSWORD) && !e.toString().contains(Credentials.basic("svc", PROXY_PASSWORD)),
                    "the error does not echo the credentials: " + e);
        }
        assertEquals(2, proxy.getRequestCount(), "one try without, one with the credentials, then stop");
        assertEquals(1, asked.get());
    }

    @Test
    void theAuthenticatorIsNeverAskedToAnswerAnOrigin() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", "Basic realm=\"api\"")
                .setHeader("Content-Type", "application/json")
                .setBody("{\"message\":\"bad key\",\"error_code\":\"invalid_api_key\"}"));
        try (OpenAppClient client = builder().proxyAuthenticator(basic).build()) {
            assertThrows(AuthenticationException.class, () -> client.orgs().get("01HORG"));
        }
        assertEquals(0, asked.get());
        assertEquals(1, proxy.getRequestCount());
        assertNull(next().getHeader("Proxy-Authorization"));
    }

    @Test
    void aProxyAuthenticatorNeedsAProxy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenAppClient.builder().apiKey(KEY).allowInsecureHttp(true).proxyAuthenticator(basic).build());
        assertEquals("proxyAuthenticator needs a proxy(...) other than Proxy.NO_PROXY", e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> OpenAppClient.builder().apiKey(KEY).allowInsecureHttp(true).proxy(Proxy.NO_PROXY).proxyAuthenticator(basic).build());
        assertThrows(NullPointerException.class, () -> OpenAppClient.builder().proxy(null));
    }

    @Test
    void uploadImageFromUrlDownloadsThroughTheProxyWithoutApiCredentials() throws Exception {
        proxy.enqueue(new MockResponse().setHeader("Content-Type", "image/jpeg").setBody(new Buffer().write(JPEG)));
        proxy.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"url\":\"https://cdn.example/org/01HORG.jpg\",\"expires_in_seconds\":900}"));
        try (OpenAppClient client = builder().build()) {
            client.orgs().uploadImageFromUrl("01HORG", URI.create("http://images.test/logo.jpg"));
        }
        RecordedRequest download = next();
        assertEquals("GET http://images.test/logo.jpg HTTP/1.1", download.getRequestLine(),
                "through the proxy, although the proxy itself is on a loopback address the guard refuses");
        assertNull(download.getHeader("X-API-Key"));
        RecordedRequest upload = next();
        assertEquals("POST http://openapp.test/api/v1/orgs/01HORG/image HTTP/1.1", upload.getRequestLine());
        assertTrue(indexOfBytes(upload.getBody().readByteArray(), JPEG) >= 0, "the downloaded bytes are uploaded");
    }

    @Test
    void theProxysChallengeOnAnImageDownloadIsAnsweredForTheProxyOnly() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
        proxy.enqueue(new MockResponse().setHeader("Content-Type", "image/jpeg").setBody(new Buffer().write(JPEG)));
        proxy.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"url\":\"https://cdn.example/org/01HORG.jpg\",\"expires_in_seconds\":900}"));
        try (OpenAppClient client = builder().proxyAuthenticator(basic).build()) {
            client.orgs().uploadImageFromUrl("01HORG", URI.create("http://images.test/logo.jpg"));
        }
        assertNull(next().getHeader("Proxy-Authorization"));
        RecordedRequest download = next();
        assertEquals("GET http://images.test/logo.jpg HTTP/1.1", download.getRequestLine());
        assertEquals(Credentials.basic("svc", PROXY_PASSWORD), download.getHeader("Proxy-Authorization"));
        assertNull(download.getHeader("X-API-Key"));
    }

    @Test
    void theAddressGuardStillJudgesTheTargetBeforeAnythingReachesTheProxy() throws Exception {
        try (OpenAppClient client = builder().build()) {
            for (String url : List.of("http://internal.test/logo.jpg", "http://mixed.test/logo.jpg",
                    "http://169.254.169.254/latest/meta-data/", "http://[::1]/logo.jpg", "http://127.0.0.1/logo.jpg")) {
                ImageSourceException e = assertThrows(ImageSourceException.class,
                        () -> client.orgs().uploadImageFromUrl("01HORG", URI.create(url)));
                assertEquals(ImageSourceException.Reason.ADDRESS_NOT_ALLOWED, e.reason(), url);
            }
            ImageSourceException unknown = assertThrows(ImageSourceException.class,
                    () -> client.orgs().uploadImageFromUrl("01HORG", URI.create("http://unknown.test/logo.jpg")));
            assertEquals(ImageSourceException.Reason.IO_FAILURE, unknown.reason(), "a name that cannot be judged here is refused");
        }
        assertEquals(0, proxy.getRequestCount(), "nothing was sent to the proxy");
    }

    @Test
    void aRedirectThroughTheProxyToAPrivateHostIsRefusedAtThatHop() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "http://internal.test/admin"));
        try (OpenAppClient client = builder().build()) {
            ImageSourceException e = assertThrows(ImageSourceException.class,
                    () -> client.orgs().uploadImageFromUrl("01HORG", URI.create("http://images.test/logo.jpg")));
            assertEquals(ImageSourceException.Reason.ADDRESS_NOT_ALLOWED, e.reason());
        }
        assertEquals(1, proxy.getRequestCount());
        assertEquals("GET http://images.test/logo.jpg HTTP/1.1", next().getRequestLine());
    }

    @Test
    void withoutAProxyImageDownloadsStillConnectDirectly() throws Exception {
        try (MockWebServer images = new MockWebServer();
             OpenAppClient client = OpenAppClient.builder().apiKey(KEY).allowInsecureHttp(true)
                     .imageFetchPolicy(ImageFetchPolicy.builder().allowAddress(InetAddress::isLoopbackAddress).build())
                     .retryPolicy(RetryPolicy.NONE).build()) {
            images.enqueue(new MockResponse().setHeader("Content-Type", "image/jpeg").setBody(new Buffer().write(JPEG)));
            assertThrows(OpenAppException.class, () -> client.orgs().uploadImageFromUrl("01HORG", images.url("/a.jpg").uri()));
            assertEquals("GET /a.jpg HTTP/1.1", images.takeRequest().getRequestLine(), "direct: origin-form request line");
        }
        assertEquals(0, proxy.getRequestCount());
    }

    private static int indexOfBytes(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void httpsCallsTunnelThroughTheProxyAndItsCredentialsStayOnTheConnect() throws Exception {
        HeldCertificate api = new HeldCertificate.Builder().addSubjectAlternativeName("openapp.test").build();
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(api).build();
        HandshakeCertificates clientSide = new HandshakeCertificates.Builder().addTrustedCertificate(api.certificate()).build();
        proxy.useHttps(serverSide.sslSocketFactory(), true);
        proxy.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.UPGRADE_TO_SSL_AT_END).clearHeaders());
        proxy.enqueue(org("01HORG"));
        OkHttpClient trusting = new OkHttpClient.Builder().dns(LOCAL_DNS)
                .sslSocketFactory(clientSide.sslSocketFactory(), clientSide.trustManager()).build();
        String httpsKey = KEY.replace("http://", "https://");
        try (OpenAppClient client = OpenAppClient.builder().apiKey(httpsKey).okHttpClient(trusting)
                .retryPolicy(RetryPolicy.NONE).proxy(proxy.toProxyAddress()).proxyAuthenticator(basic).build()) {
            assertEquals("01HORG", client.orgs().get("01HORG").getId());
        }
        RecordedRequest connect = next();
        RecordedRequest call = next();
        // OkHttp asks the authenticator before opening a tunnel (a preemptive challenge), so the
        // CONNECT carries the proxy's credentials at once: they go to the proxy and nowhere else
        assertEquals("CONNECT openapp.test:443 HTTP/1.1", connect.getRequestLine());
        assertEquals(Credentials.basic("svc", PROXY_PASSWORD), connect.getHeader("Proxy-Authorization"));
        assertNull(connect.getHeader("X-Smuggled"), "nothing but Proxy-Authorization is taken from the authenticator");
        assertNull(connect.getHeader("X-API-Key"), "the API key is not shown to the proxy");
        assertEquals("GET /api/v1/orgs/01HORG HTTP/1.1", call.getRequestLine(), "the call itself goes inside the tunnel");
        assertTrue(call.getTlsVersion() != null, "over TLS");
        assertEquals(httpsKey, call.getHeader("X-API-Key"));
        assertNull(call.getHeader("Proxy-Authorization"), "the proxy's credentials never reach the API");
        assertEquals(1, asked.get());
    }

    @Test
    void aTunnelWhoseCredentialsAreRefusedFailsTypedWithoutAskingAgain() throws Exception {
        HeldCertificate api = new HeldCertificate.Builder().addSubjectAlternativeName("openapp.test").build();
        proxy.useHttps(new HandshakeCertificates.Builder().heldCertificate(api).build().sslSocketFactory(), true);
        proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
        HandshakeCertificates clientSide = new HandshakeCertificates.Builder().addTrustedCertificate(api.certificate()).build();
        OkHttpClient trusting = new OkHttpClient.Builder().dns(LOCAL_DNS)
                .sslSocketFactory(clientSide.sslSocketFactory(), clientSide.trustManager()).build();
        try (OpenAppClient client = OpenAppClient.builder().apiKey(KEY.replace("http://", "https://")).okHttpClient(trusting)
                .proxy(proxy.toProxyAddress()).proxyAuthenticator(basic).build()) {
            assertThrows(house.openapp.sdk.errors.ProxyAuthenticationException.class, () -> client.orgs().get("01HORG"));
        }
        assertEquals("CONNECT openapp.test:443 HTTP/1.1", next().getRequestLine());
        assertNull(proxy.takeRequest(200, TimeUnit.MILLISECONDS), "refused credentials are not sent again, nor retried");
        assertEquals(1, asked.get());
    }
}
