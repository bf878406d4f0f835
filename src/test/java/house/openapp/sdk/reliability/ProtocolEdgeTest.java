package house.openapp.sdk.reliability;

import house.openapp.sdk.ImageFetchPolicy;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.RetryPolicy;
import house.openapp.sdk.errors.ImageSourceException;
import house.openapp.sdk.errors.OpenAppConnectionException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.errors.ProxyAuthenticationException;
import house.openapp.sdk.internal.MalformedResponseException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static house.openapp.sdk.reliability.Fixtures.ORG_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, findings 2, 4 and 12: every failure a hostile server can cause ends inside the
 * hierarchy, and the deadline survives anything thrown on its thread.
 */
class ProtocolEdgeTest {

    @Test
    void informationalResponseSequencesEndTypedAndAreNotRetried() throws Exception {
        List<String> sequences = List.of("103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n",
                "102 Processing\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n",
                "100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n\r\n",
                "199 Whatever\r\n\r\nHTTP/1.1 101 Switching\r\n\r\n");
        for (String sequence : sequences) {
            try (RawHttpServer server = new RawHttpServer((request, out) -> {
                RawHttpServer.raw(out, "HTTP/1.1 " + sequence);
                RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", ORG_JSON);
            }); OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1")).build()) {
                OpenAppException sync = assertThrows(OpenAppException.class, () -> client.orgs().get("01HORG"), sequence);
                assertEquals(OpenAppConnectionException.class, sync.getClass(), sequence);
                assertInstanceOf(MalformedResponseException.class, sync.getCause(), sequence);
                assertEquals(1, sync.attempts(), sequence);
                assertEquals(1, server.requests.size(), sequence);
                CompletableFuture<?> async = client.orgs().async().get("01HORG");
                ExecutionException e = assertThrows(ExecutionException.class, () -> async.get(10, TimeUnit.SECONDS));
                assertEquals(OpenAppConnectionException.class, e.getCause().getClass(), sequence);
                assertInstanceOf(MalformedResponseException.class, e.getCause().getCause(), sequence);
                assertEquals(2, server.requests.size(), sequence);
            }
        }
    }

    @Test
    void aDirect407IsTypedAndNotRetried() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, out) -> RawHttpServer.respond(out, 407,
                "Proxy-Authenticate: Basic realm=\"x\"\r\n", "proxy says no"));
             OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1")).build()) {
            ProxyAuthenticationException e = assertThrows(ProxyAuthenticationException.class, () -> client.orgs().get("01HORG"));
            assertEquals(407, e.statusCode());
            assertEquals(1, e.attempts());
            assertEquals(1, server.requests.size());
        }
    }

    @Test
    void a407FromAnHttpProxyIsTypedAndNotRetried() throws Exception {
        try (MockWebServer proxy = Fixtures.newServer()) {
            proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\""));
            proxy.start();
            OkHttpClient viaProxy = new OkHttpClient.Builder()
                    .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHostName(), proxy.getPort()))).build();
            try (OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl("http://localhost:1/api/v1")
                    .okHttpClient(viaProxy).build()) {
                ProxyAuthenticationException e = assertThrows(ProxyAuthenticationException.class, () -> client.orgs().get("01HORG"));
                assertEquals(1, e.attempts());
                assertEquals(1, proxy.getRequestCount());
            }
        }
    }

    @Test
    void theImageFetchNeitherResendsA503NorChokesOnAHugeRetryAfter() throws Exception {
        for (String retryAfter : new String[] {"0", "99999999999", "999999999999999999999999"}) {
            try (MockWebServer image = Fixtures.newServer(); MockWebServer api = Fixtures.newServer()) {
                image.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", retryAfter));
                image.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", retryAfter));
                try (OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(api.url("/api/v1").toString())
                        .imageFetchPolicy(ImageFetchPolicy.builder().allowAddress(InetAddress::isLoopbackAddress).build()).build()) {
                    ImageSourceException e = assertThrows(ImageSourceException.class,
                            () -> client.orgs().uploadImageFromUrl("01HORG", URI.create(image.url("/logo.png").toString())));
                    assertEquals(ImageSourceException.Reason.HTTP_STATUS, e.reason(), retryAfter);
                    assertEquals(1, image.getRequestCount(), "Retry-After: " + retryAfter);
                    assertEquals(0, api.getRequestCount());
                }
            }
        }
    }

    @Test
    void overflowingAndSubMillisecondDurationsAreRefusedWithAClearMessage() {
        Duration[] bad = {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365), Duration.ofNanos(1)};
        for (Duration d : bad) {
            assertRefused("timeout", () -> RequestOptions.builder().timeout(d));
            assertRefused("callTimeout", () -> OpenAppClient.builder().callTimeout(d));
            assertRefused("connectTimeout", () -> OpenAppClient.builder().connectTimeout(d));
            assertRefused("readTimeout", () -> OpenAppClient.builder().readTimeout(d));
            assertRefused("timeout", () -> ImageFetchPolicy.builder().timeout(d));
        }
        for (Duration d : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365)}) {
            assertRefused("maxDelay", () -> RetryPolicy.builder().maxDelay(d));
            assertRefused("baseDelay", () -> RetryPolicy.builder().baseDelay(d));
            assertRefused("maxRetryAfter", () -> RetryPolicy.builder().maxRetryAfter(d));
        }
    }

    private static void assertRefused(String name, Runnable set) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, set::run, name);
        assertTrue(e.getMessage().startsWith(name + " must"), e.getMessage());
    }

    @Test
    void theDeadlineStillFiresAfterSomethingThrewOnItsThread() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        OkHttpClient throwing = new OkHttpClient.Builder().eventListener(new EventListener() {
            @Override
            public void canceled(Call call) {
                if (thrown.compareAndSet(false, true)) {
                    throw new IllegalStateException("listener failed");
                }
            }
        }).build();
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            RawHttpServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n");
            for (int i = 0; i < 60; i++) {
                out.write(' ');
                out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }); OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1")).okHttpClient(throwing)
                .retryPolicy(RetryPolicy.NONE).build()) {
            Consumer<Long> call = millis -> {
                long started = System.nanoTime();
                assertThrows(OpenAppTimeoutException.class,
                        () -> client.orgs().with(RequestOptions.builder().timeout(Duration.ofMillis(millis)).build()).get("01HORG"));
                long took = (System.nanoTime() - started) / 1_000_000;
                assertTrue(took < millis + 1500, "a " + millis + " ms deadline ended after " + took + " ms");
            };
            call.accept(300L);
            for (int i = 0; i < 200 && !thrown.get(); i++) {
                Thread.sleep(10); // cancel() closes the socket before it calls the listener: the caller may wake first
            }
            assertTrue(thrown.get(), "the listener was not called");
            call.accept(500L);
            call.accept(400L);
        }
    }
}
