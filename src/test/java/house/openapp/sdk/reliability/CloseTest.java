package house.openapp.sdk.reliability;

import house.openapp.sdk.ImageFetchPolicy;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.errors.ClientClosedException;
import house.openapp.sdk.errors.OpenAppException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static house.openapp.sdk.reliability.Fixtures.ORG_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, finding 11: {@code close()} stops running and queued calls at once, and nothing is
 * sent after it, through any layer.
 */
class CloseTest {

    @Test
    void closeFailsRunningAndQueuedCallsAtOnceWithATypedError() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            try {
                Thread.sleep(8_000);
            } catch (InterruptedException e) {
                return;
            }
            RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n", ORG_JSON);
        })) {
            OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1"))
                    .callTimeout(Duration.ofSeconds(8)).maxConnectionsPerHost(2).build();
            CompletableFuture<Object> sync = CompletableFuture.supplyAsync(() -> client.orgs().get("01HORG"));
            List<CompletableFuture<?>> async = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                async.add(client.orgs().async().get("01HORG")); // 2 run, 4 wait in the dispatcher's queue
            }
            Thread.sleep(500);
            long started = System.nanoTime();
            client.close();
            List<CompletableFuture<?>> all = new ArrayList<>(async);
            all.add(sync);
            for (CompletableFuture<?> call : all) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(3, TimeUnit.SECONDS));
                assertInstanceOf(ClientClosedException.class, e.getCause(), String.valueOf(e.getCause()));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 1_500, "the calls ended " + millis + " ms after close()");
            assertTrue(server.requests.size() <= 3, server.requests.size() + " requests: queued calls were sent after close()");
        }
    }

    @Test
    void afterCloseTheFacadeTheGeneratedLayerAndTheImageFetchSendNothing() throws Exception {
        try (MockWebServer api = Fixtures.newServer(); MockWebServer image = Fixtures.newServer()) {
            api.start();
            image.enqueue(new MockResponse().setBody("\u0089PNG"));
            OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(api.url("/api/v1").toString())
                    .imageFetchPolicy(ImageFetchPolicy.builder().allowAddress(InetAddress::isLoopbackAddress).build()).build();
            client.close();
            assertThrows(ClientClosedException.class, () -> client.orgs().get("01HORG"));
            assertThrows(IOException.class, () -> client.generated().orgsApi().getOrg("01HORG", null).execute());
            OpenAppException fetch = assertThrows(OpenAppException.class,
                    () -> client.orgs().uploadImageFromUrl("01HORG", URI.create(image.url("/logo.png").toString())));
            assertInstanceOf(ClientClosedException.class, fetch);
            assertEquals(0, api.getRequestCount());
            assertEquals(0, image.getRequestCount(), "the image was downloaded after close()");
        }
    }
}
