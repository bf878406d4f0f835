package house.openapp.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import house.openapp.sdk.errors.ImageSourceException;
import house.openapp.sdk.errors.ImageSourceException.Reason;
import house.openapp.sdk.ImageFetchPolicy;
import house.openapp.sdk.ImageUpload;
import house.openapp.sdk.ImageUploadTestHooks;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests of {@link UrlImageFetcher} against a {@link MockWebServer} on 127.0.0.1.
 *
 * <p>No test sends traffic anywhere but loopback: names resolve through {@link TestDns}, which
 * never asks the system resolver, and every client connects through
 * {@link LoopbackOnlySocketFactory}, which refuses (and records) any non-loopback connect
 * attempt before it reaches the network.
 */
class UrlImageFetcherTest {
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int SMALL_CAP = 64 * 1024;

    private static final Predicate<InetAddress> LOOPBACK_OR_DEFAULT =
            address -> address.isLoopbackAddress() || ImageFetchPolicy.defaultAddressFilter().test(address);

    private MockWebServer server;
    private TestDns dns;
    private LoopbackOnlySocketFactory sockets;
    private BodyBytes events;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), 0);
        dns = new TestDns(Map.of(
                "images.test", new byte[] {127, 0, 0, 1},
                "cdn.test", new byte[] {127, 0, 0, 1},
                "metadata.test", new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}));
        sockets = new LoopbackOnlySocketFactory();
        events = new BodyBytes();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
        assertTrue(sockets.attempted.stream().allMatch(InetAddress::isLoopbackAddress),
                "a test tried to connect to a non-loopback address: " + sockets.attempted);
    }

    // ---- addresses -------------------------------------------------------------------------

    @Test
    void defaultPolicyRefusesLoopbackLiteralBeforeAnyRequest() {
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.defaults());

        ImageSourceException e = assertThrows(ImageSourceException.class,
                () -> fetcher.fetch(URI.create("http://127.0.0.1:" + server.getPort() + "/logo.png")));

        assertEquals(Reason.ADDRESS_NOT_ALLOWED, e.reason());
        assertEquals(0, e.attempts());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertEquals(0, server.getRequestCount());
        assertTrue(sockets.attempted.isEmpty(), "no connection may be opened: " + sockets.attempted);
    }

    @Test
    void defaultPolicyRefusesHostNameResolvingToLoopbackBeforeConnecting() {
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.defaults());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/logo.png")));

        assertEquals(Reason.ADDRESS_NOT_ALLOWED, e.reason());
        assertEquals(List.of("images.test"), dns.lookups, "the refusal comes after resolution");
        assertEquals(0, server.getRequestCount());
        assertTrue(sockets.attempted.isEmpty(), "no connection may be opened: " + sockets.attempted);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://[::1]:1/x.png",
        "http://[::ffff:127.0.0.1]:1/x.png",
        "http://0.0.0.0:1/x.png",
        "http://2130706433:1/x.png",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://10.0.0.1/x.png",
    })
    void defaultPolicyRefusesIpLiteralsWithoutConnecting(String literalUrl) {
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.defaults());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(URI.create(literalUrl)));

        assertEquals(Reason.ADDRESS_NOT_ALLOWED, e.reason());
        assertTrue(dns.lookups.isEmpty());
        assertTrue(sockets.attempted.isEmpty(), "no connection may be opened: " + sockets.attempted);
    }

    static Stream<String> disallowedRedirectTargets() {
        return Stream.of(
                "http://metadata.test/latest/meta-data/",
                "http://169.254.169.254/latest/meta-data/",
                "http://2852039166/latest/meta-data/",
                "http://[::ffff:169.254.169.254]/latest/meta-data/",
                "http://[fd00:ec2::254]/latest/meta-data/",
                "http://100.100.100.200/latest/meta-data/",
                "http://192.168.1.1/admin");
    }

    @ParameterizedTest
    @MethodSource("disallowedRedirectTargets")
    void redirectToDisallowedAddressIsRefusedBeforeConnecting(String target) {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", target));
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.builder().allowAddress(LOOPBACK_OR_DEFAULT).build());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/logo.png")));

        assertEquals(Reason.ADDRESS_NOT_ALLOWED, e.reason());
        assertEquals(1, e.attempts());
        assertEquals(1, server.getRequestCount());
        // The only connection ever attempted is the one to the allowed first hop.
        assertEquals(List.of(loopback()), sockets.attempted);
    }

    @Test
    void redirectToHostResolvingToMetadataIsRefusedByTheDnsFilter() {
        server.enqueue(new MockResponse().setResponseCode(302)
                .setHeader("Location", "http://metadata.test/latest/meta-data/iam/security-credentials/"));
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.builder().allowAddress(LOOPBACK_OR_DEFAULT).build());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/logo.png")));

        assertEquals(Reason.ADDRESS_NOT_ALLOWED, e.reason());
        assertTrue(e.getMessage().contains("169.254.169.254"), e.getMessage());
        assertTrue(e.getMessage().contains("http://metadata.test/latest/meta-data/iam/security-credentials/"),
                e.getMessage());
        // metadata.test was resolved (the check follows resolution) but never connected to.
        assertEquals(List.of("images.test", "metadata.test"), dns.lookups);
        assertEquals(List.of(loopback()), sockets.attempted);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void connectedAddressIsCheckedAgainEvenWhenResolutionPassed() {
        // Allows loopback exactly once: the resolved address passes, the connected one (the
        // same address, judged a second time, as after DNS rebinding) does not.
        AtomicInteger checks = new AtomicInteger();
        Predicate<InetAddress> onlyFirstCheck = address -> address.isLoopbackAddress() && checks.incrementAndGet() == 1;
        server.enqueue(jpeg(1000));
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.builder().allowAddress(onlyFirstCheck).build());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/logo.jpg")));

        assertEquals(Reason.ADDRESS_NOT_ALLOWED, e.reason());
        assertEquals(2, checks.get(), "checked after resolution and again on the connected socket");
        assertEquals(List.of(loopback()), sockets.attempted, "the socket was connected before the second check");
        assertEquals(0, server.getRequestCount(), "no request byte was written");
        assertEquals(0, e.attempts());
    }

    // ---- schemes ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "ftp://user:secret@example.com/logo.png",
        "file:///etc/passwd",
        "gopher://example.com:70/_GET%20/",
        "jar:file:/tmp/x.jar!/logo.png",
        "data:image/png;base64,iVBORw0KGgo=",
    })
    void refusesSchemesOtherThanHttp(String source) {
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.defaults());
        String scheme = URI.create(source).getScheme();

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(URI.create(source)));

        assertEquals(Reason.SCHEME_NOT_ALLOWED, e.reason());
        assertEquals("image URL must use http or https but was " + scheme, e.getMessage());
        assertEquals(0, e.attempts());
        assertTrue(dns.lookups.isEmpty());
        assertTrue(sockets.attempted.isEmpty());
    }

    @Test
    void refusesUrlWithoutScheme() {
        UrlImageFetcher fetcher = new UrlImageFetcher(client(), ImageFetchPolicy.defaults());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(URI.create("/logo.png")));

        assertEquals(Reason.SCHEME_NOT_ALLOWED, e.reason());
    }

    @Test
    void refusesRedirectToOtherSchemeWithoutEchoingCredentials() {
        server.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "ftp://user:secret@example.com/x.png"));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class,
                () -> fetcher.fetch(url("/logo.png?token=hunter2")));

        assertEquals(Reason.SCHEME_NOT_ALLOWED, e.reason());
        assertTrue(e.getMessage().startsWith("image URL must use http or https but was ftp"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    // ---- redirects -------------------------------------------------------------------------

    @Test
    void followsUpToFiveRedirectsResolvingRelativeLocations() throws InterruptedException {
        server.enqueue(redirect(301, "/b/one"));
        server.enqueue(redirect(302, "two"));
        server.enqueue(redirect(303, "../c/three"));
        server.enqueue(redirect(307, "http://cdn.test:" + server.getPort() + "/d/four"));
        server.enqueue(redirect(308, "//images.test:" + server.getPort() + "/e/photo.jpeg?sig=abc"));
        server.enqueue(jpeg(2000));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageUpload image = fetcher.fetch(url("/a/start"));

        assertEquals("image/jpeg", image.contentType());
        assertEquals("photo.jpeg", image.filename(), "named after the URL the image came from");
        assertEquals(6, server.getRequestCount());
        List<String> paths = Stream.generate(() -> take().getPath()).limit(6).toList();
        assertEquals(List.of("/a/start", "/b/one", "/b/two", "/c/three", "/d/four", "/e/photo.jpeg?sig=abc"), paths);
    }

    @Test
    void refusesMoreThanFiveRedirects() {
        for (int i = 1; i <= 6; i++) {
            server.enqueue(redirect(302, "/hop" + i));
        }
        server.enqueue(jpeg(100));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/start")));

        assertEquals(Reason.TOO_MANY_REDIRECTS, e.reason());
        assertEquals(6, server.getRequestCount());
        assertEquals(6, e.attempts());
        assertTrue(e.getMessage().contains("redirected more than 5 times"), e.getMessage());
    }

    @Test
    void redirectWithoutLocationIsAnHttpStatusFailure() {
        server.enqueue(new MockResponse().setResponseCode(302));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/logo.png")));

        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertEquals(OptionalInt.of(302), e.statusCode());
    }

    // ---- size ------------------------------------------------------------------------------

    @Test
    void bodyOverCapIsRefusedWhileStreaming() {
        Buffer body = new Buffer().write(JPEG_MAGIC).write(new byte[4 * 1024 * 1024]);
        server.enqueue(new MockResponse().setChunkedBody(body, 16 * 1024));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder().maxBytes(SMALL_CAP));

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/huge.jpg")));

        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("image at " + url("/huge.jpg") + " is larger than the 65536-byte cap", e.getMessage());
        // OkHttp reports how many body bytes were taken off the connection when the body closes:
        // the fetcher stopped one chunk past the cap instead of reading the 4 MiB.
        long read = events.bodyBytesRead.get();
        assertTrue(read > SMALL_CAP, "read " + read);
        assertTrue(read <= SMALL_CAP + UrlImageFetcher.CHUNK_BYTES, "read " + read);
        assertEquals(1, events.bodyEnds.get());
    }

    @Test
    void bodyExactlyAtCapIsAccepted() {
        Buffer body = new Buffer().write(JPEG_MAGIC).write(new byte[SMALL_CAP - JPEG_MAGIC.length]);
        server.enqueue(new MockResponse().setChunkedBody(body, 10_000));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder().maxBytes(SMALL_CAP));

        ImageUpload image = fetcher.fetch(url("/exact.jpg"));

        assertEquals(SMALL_CAP, image.size());
    }

    @Test
    void contentLengthOverCapIsRefusedBeforeReading() {
        server.enqueue(new MockResponse().setBody(new Buffer().write(JPEG_MAGIC).write(new byte[SMALL_CAP + 1 - JPEG_MAGIC.length])));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder().maxBytes(SMALL_CAP));

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/big.jpg")));

        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().endsWith("is larger than the 65536-byte cap (Content-Length 65537)"), e.getMessage());
        assertEquals(0, events.bodyBytesRead.get(), "not a byte of the body was read");
    }

    // ---- content ---------------------------------------------------------------------------

    static Stream<Arguments> acceptedImages() {
        return Stream.of(
                Arguments.of(jpegBytes(500), "/photos/cat.jpg", "image/jpeg", "image/jpeg", "cat.jpg"),
                Arguments.of(jpegBytes(500), "/photos/cat.JPEG", null, "image/jpeg", "cat.jpeg"),
                Arguments.of(jpegBytes(500), "/a%20b%2Fc.png", "image/jpg", "image/jpeg", "a_b_c.jpg"),
                Arguments.of(pngBytes(300), "/logo.png", "image/png", "image/png", "logo.png"),
                Arguments.of(pngBytes(300), "/download", "application/octet-stream", "image/png", "download.png"),
                Arguments.of(pngBytes(300), "/..%2F..%2Fetc%2Fpasswd", null, "image/png", "etc_passwd.png"),
                Arguments.of(webpBytes(400), "/img/pic.webp?size=large", "image/webp", "image/webp", "pic.webp"),
                Arguments.of(webpBytes(400), "/", null, "image/webp", "image.webp"));
    }

    @ParameterizedTest
    @MethodSource("acceptedImages")
    void acceptsJpegPngAndWebp(byte[] bytes, String path, String declaredType, String expectedType, String expectedName) {
        MockResponse response = new MockResponse().setBody(new Buffer().write(bytes));
        if (declaredType != null) {
            response.setHeader("Content-Type", declaredType);
        }
        server.enqueue(response);
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageUpload image = fetcher.fetch(url(path));

        assertArrayEquals(bytes, ImageUploadTestHooks.bytes(image));
        assertEquals(expectedType, image.contentType());
        assertEquals(expectedName, image.filename());
    }

    static Stream<Arguments> unsupportedContent() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] html = "<!doctype html><html><body>not an image</body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] riffWave = "RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of(gif, "image/gif"),
                Arguments.of(html, "text/html; charset=utf-8"),
                Arguments.of(riffWave, "audio/wav"),
                Arguments.of(new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpeg"),
                Arguments.of(new byte[0], null));
    }

    @ParameterizedTest
    @MethodSource("unsupportedContent")
    void refusesOtherContent(byte[] bytes, String declaredType) {
        MockResponse response = new MockResponse().setBody(new Buffer().write(bytes));
        if (declaredType != null) {
            response.setHeader("Content-Type", declaredType);
        }
        server.enqueue(response);
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/thing.png")));

        assertEquals(Reason.UNSUPPORTED_CONTENT, e.reason());
        assertTrue(e.getMessage().contains("is not a JPEG, PNG or WebP image"), e.getMessage());
    }

    @Test
    void declaredImageTypeContradictingTheBytesIsAMismatch() {
        server.enqueue(jpeg(800).setHeader("Content-Type", "image/png"));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/logo.png")));

        assertEquals(Reason.CONTENT_TYPE_MISMATCH, e.reason());
        assertTrue(e.getMessage().endsWith("declares Content-Type image/png but its bytes are image/jpeg"), e.getMessage());
    }

    // ---- status, I/O, time -----------------------------------------------------------------

    @Test
    void non2xxStatusIsReportedWithoutCredentialsOrQuery() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("not found"));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(
                URI.create("http://alice:pa55word@images.test:" + server.getPort() + "/missing.png?token=hunter2#frag")));

        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertEquals(OptionalInt.of(404), e.statusCode());
        assertEquals(1, e.attempts());
        assertEquals("image at http://images.test:" + server.getPort() + "/missing.png answered HTTP 404", e.getMessage());
    }

    @Test
    void statusCodeIsEmptyForOtherReasons() {
        ImageSourceException e = new ImageSourceException(Reason.TOO_LARGE, "too large", null, 1);

        assertEquals(OptionalInt.empty(), e.statusCode());
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSourceException(Reason.HTTP_STATUS, "no status", null, 1));
    }

    @Test
    void bodyCutShortIsAnIoFailureWithCause() {
        server.enqueue(jpeg(50_000).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/cut.jpg")));

        assertEquals(Reason.IO_FAILURE, e.reason());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void refusedConnectionIsAnIoFailureWithCause() throws IOException {
        int port = server.getPort();
        server.shutdown();
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        ImageSourceException e = assertThrows(ImageSourceException.class,
                () -> fetcher.fetch(URI.create("http://images.test:" + port + "/x.png")));

        assertEquals(Reason.IO_FAILURE, e.reason());
        assertInstanceOf(ConnectException.class, e.getCause());
    }

    @Test
    void slowBodyRunsIntoTheTimeLimit() {
        server.enqueue(jpeg(1000).throttleBody(1, 1, TimeUnit.SECONDS));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder().timeout(Duration.ofMillis(500)));

        long start = System.nanoTime();
        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/slow.jpg")));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Reason.IO_FAILURE, e.reason());
        assertInstanceOf(InterruptedIOException.class, e.getCause());
        assertTrue(elapsedMillis < 10_000, "took " + elapsedMillis + " ms");
    }

    // ---- credentials -----------------------------------------------------------------------

    @Test
    void sendsNoCredentialsOrCookiesEvenWhenTheGivenClientCarriesThem() {
        server.enqueue(jpeg(500));
        OkHttpClient withCredentials = client().newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("X-API-Key", "oa_live_secret")
                        .header("Authorization", "Bearer oa_live_secret")
                        .build()))
                .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("X-OpenApp-Org", "org_123")
                        .build()))
                .cookieJar(new CookieJar() {
                    @Override
                    public void saveFromResponse(HttpUrl url, List<Cookie> cookies) {
                    }

                    @Override
                    public List<Cookie> loadForRequest(HttpUrl url) {
                        return List.of(new Cookie.Builder().name("session").value("s3cret").domain(url.host()).build());
                    }
                })
                .build();
        UrlImageFetcher fetcher = new UrlImageFetcher(withCredentials, ImageFetchPolicy.builder().allowAddress(LOOPBACK_OR_DEFAULT).build());

        fetcher.fetch(url("/logo.jpg"));

        RecordedRequest request = take();
        assertNull(request.getHeader("X-API-Key"));
        assertNull(request.getHeader("Authorization"));
        assertNull(request.getHeader("X-OpenApp-Org"));
        assertNull(request.getHeader("Cookie"));
        assertEquals("GET", request.getMethod());
        assertEquals("image/jpeg, image/png, image/webp", request.getHeader("Accept"));
    }

    @Test
    void credentialFreeClientSendsNoAuthorization() {
        server.enqueue(redirect(302, "http://cdn.test:" + server.getPort() + "/logo.png"));
        server.enqueue(new MockResponse().setBody(new Buffer().write(pngBytes(100))));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder());

        fetcher.fetch(URI.create("http://user:pw@images.test:" + server.getPort() + "/logo.png"));

        for (int i = 0; i < 2; i++) {
            RecordedRequest request = take();
            assertNull(request.getHeader("Authorization"));
            assertNull(request.getHeader("X-API-Key"));
        }
    }

    // ---- the default address filter ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "0.0.0.0", "0.1.2.3", "::", "127.0.0.1", "127.8.9.10", "::1",
        "::ffff:127.0.0.1", "::ffff:0.0.0.0", "::127.0.0.1",
        "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255",
        "169.254.0.1", "169.254.169.254", "fe80::1", "fe80::1ff:fe23:4567:890a",
        "fc00::1", "fd12:3456:789a::1", "fd00:ec2::254", "fec0::1",
        "100.64.0.1", "100.100.100.200", "100.127.255.255",
        "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "ff02::1", "ff05::2",
        "192.0.0.170", "198.18.0.1", "198.19.255.255",
        "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:100.100.100.200", "::ffff:192.168.1.1",
        "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:a9fe:a9fe::1", "2002:7f00:1::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1", "100::1",
    })
    void defaultFilterRefusesNonPublicAddresses(String literal) throws UnknownHostException {
        assertFalse(ImageFetchPolicy.defaultAddressFilter().test(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1.1.1.1", "8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
        "100.128.0.1", "169.253.255.255", "192.169.0.1", "223.255.255.254",
        "2606:4700:4700::1111", "2a00:1450:4001:81b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
    })
    void defaultFilterAllowsPublicAddresses(String literal) throws UnknownHostException {
        assertTrue(ImageFetchPolicy.defaultAddressFilter().test(InetAddress.getByName(literal)), literal);
    }

    @Test
    void defaultFilterRefusesIpv4MappedAddressesKeptInIpv6Form() throws UnknownHostException {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; Inet6Address.getByAddress
        // keeps the IPv6 form, which the filter must judge by its embedded IPv4 address too.
        for (byte[] v4 : List.of(new byte[] {127, 0, 0, 1}, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254},
                new byte[] {0, 0, 0, 0})) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(v4, 0, mapped, 12, 4);
            Inet6Address address = Inet6Address.getByAddress(null, mapped, -1);
            assertFalse(ImageFetchPolicy.defaultAddressFilter().test(address), address.toString());
        }
        byte[] publicMapped = new byte[16];
        publicMapped[10] = (byte) 0xFF;
        publicMapped[11] = (byte) 0xFF;
        publicMapped[12] = 8;
        publicMapped[13] = 8;
        publicMapped[14] = 8;
        publicMapped[15] = 8;
        assertTrue(ImageFetchPolicy.defaultAddressFilter().test(Inet6Address.getByAddress(null, publicMapped, -1)));
    }

    // ---- policy ----------------------------------------------------------------------------

    @Test
    void policyDefaultsAndValidation() {
        ImageFetchPolicy defaults = ImageFetchPolicy.defaults();
        assertEquals(10L * 1024 * 1024, defaults.maxBytes());
        assertEquals(5, defaults.maxRedirects());
        assertEquals(Duration.ofSeconds(30), defaults.timeout());
        assertSame(ImageFetchPolicy.defaultAddressFilter(), defaults.allowAddress());

        ImageFetchPolicy custom = ImageFetchPolicy.builder().maxBytes(1).maxRedirects(0).timeout(Duration.ofSeconds(1))
                .allowAddress(LOOPBACK_OR_DEFAULT).build();
        assertEquals(1, custom.maxBytes());
        assertEquals(0, custom.maxRedirects());
        assertSame(LOOPBACK_OR_DEFAULT, custom.allowAddress());

        assertThrows(IllegalArgumentException.class, () -> ImageFetchPolicy.builder().maxBytes(0));
        assertThrows(IllegalArgumentException.class, () -> ImageFetchPolicy.builder().maxBytes(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ImageFetchPolicy.builder().maxRedirects(-1));
        assertThrows(IllegalArgumentException.class, () -> ImageFetchPolicy.builder().timeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> ImageFetchPolicy.builder().allowAddress(null));
    }

    @Test
    void zeroRedirectsAllowedRefusesTheFirstRedirect() {
        server.enqueue(redirect(302, "/elsewhere.png"));
        UrlImageFetcher fetcher = loopbackFetcher(ImageFetchPolicy.builder().maxRedirects(0));

        ImageSourceException e = assertThrows(ImageSourceException.class, () -> fetcher.fetch(url("/logo.png")));

        assertEquals(Reason.TOO_MANY_REDIRECTS, e.reason());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void fetchedImageIsAnUploadOfTheBytesServed() {
        byte[] bytes = jpegBytes(10);
        server.enqueue(new MockResponse().setBody(new Buffer().write(bytes)));

        ImageUpload image = loopbackFetcher(ImageFetchPolicy.builder()).fetch(url("/a.jpg"));

        assertArrayEquals(bytes, ImageUploadTestHooks.bytes(image));
        assertEquals(10, image.size());
        assertEquals("ImageUpload{a.jpg, image/jpeg, 10 bytes}", image.toString(), "the size, not the bytes");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private OkHttpClient client() {
        return new OkHttpClient.Builder()
                .dns(dns)
                .socketFactory(sockets)
                .eventListener(events)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .build();
    }

    private UrlImageFetcher loopbackFetcher(ImageFetchPolicy.Builder policy) {
        return new UrlImageFetcher(client(), policy.allowAddress(LOOPBACK_OR_DEFAULT).build());
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://images.test:" + server.getPort() + pathAndQuery);
    }

    private RecordedRequest take() {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertTrue(request != null, "no request arrived");
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse().setResponseCode(code).setHeader("Location", location);
    }

    private static MockResponse jpeg(int size) {
        return new MockResponse().setBody(new Buffer().write(jpegBytes(size)));
    }

    private static byte[] jpegBytes(int size) {
        return withMagic(JPEG_MAGIC, size);
    }

    private static byte[] pngBytes(int size) {
        return withMagic(PNG_MAGIC, size);
    }

    private static byte[] webpBytes(int size) {
        byte[] bytes = withMagic("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), size);
        int riffLength = size - 8;
        bytes[4] = (byte) riffLength;
        bytes[5] = (byte) (riffLength >>> 8);
        bytes[6] = (byte) (riffLength >>> 16);
        bytes[7] = (byte) (riffLength >>> 24);
        return bytes;
    }

    private static byte[] withMagic(byte[] magic, int size) {
        byte[] bytes = Arrays.copyOf(magic, size);
        for (int i = magic.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    /** Resolves a fixed set of test names; never asks the system resolver. */
    private static final class TestDns implements Dns {
        private final Map<String, byte[]> addresses;
        final List<String> lookups = new CopyOnWriteArrayList<>();

        TestDns(Map<String, byte[]> addresses) {
            this.addresses = addresses;
        }

        @Override
        public List<InetAddress> lookup(String hostname) throws UnknownHostException {
            lookups.add(hostname);
            byte[] address = addresses.get(hostname);
            if (address == null) {
                throw new UnknownHostException(hostname + " is not a test host");
            }
            return List.of(InetAddress.getByAddress(hostname, address));
        }
    }

    /**
     * Creates sockets that record every connect attempt and refuse any to a non-loopback
     * address, so that no test can send traffic off this machine even if the fetcher failed.
     */
    private static final class LoopbackOnlySocketFactory extends SocketFactory {
        final List<InetAddress> attempted = new CopyOnWriteArrayList<>();

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    InetAddress address = ((InetSocketAddress) endpoint).getAddress();
                    attempted.add(address);
                    if (address == null || !address.isLoopbackAddress()) {
                        throw new ConnectException("test guard: refusing to connect to " + endpoint);
                    }
                    super.connect(endpoint, timeout);
                }
            };
        }

        // OkHttp only asks for unconnected sockets; the connecting overloads are never used and
        // refuse so that nothing (not even a name lookup) can bypass the guard above.
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new SocketException("test guard: only unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new SocketException("test guard: only unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new SocketException("test guard: only unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw new SocketException("test guard: only unconnected sockets");
        }
    }

    /** Counts the response body bytes OkHttp took off the connection. */
    private static final class BodyBytes extends EventListener {
        final AtomicLong bodyBytesRead = new AtomicLong();
        final AtomicInteger bodyEnds = new AtomicInteger();

        @Override
        public void responseBodyEnd(Call call, long byteCount) {
            bodyBytesRead.addAndGet(byteCount);
            bodyEnds.incrementAndGet();
        }
    }
}
