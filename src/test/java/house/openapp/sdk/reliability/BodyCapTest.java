package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.RetryPolicy;
import house.openapp.sdk.errors.OpenAppDecodingException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.errors.ResponseTooLargeException;
import house.openapp.sdk.errors.ServerException;
import house.openapp.sdk.errors.BadRequestException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, findings 1 and 9: a server cannot make the client hold more than its body cap,
 * whether the body is plain, gzip that inflates, or an error page, and decode messages stay
 * short. Every server here streams from one reused buffer, so it allocates nothing.
 */
class BodyCapTest {
    private static final long MIB = 1024 * 1024;
    private static final long HUGE = 200 * MIB;

    private static OpenAppClient client(RawHttpServer server) {
        Fixtures.TestClock clock = new Fixtures.TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        return OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1")).clock(clock)
                .sleeper(new Fixtures.RecordingSleeper(clock)).build();
    }

    private static long allocatedByThisThread() {
        try { // com.sun.management by reflection: the test module does not read jdk.management
            Object bean = ManagementFactory.getThreadMXBean();
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no per-thread allocation counter on this JVM", e);
        }
    }

    @Test
    void aHugeBodyFailsTypedAtTheDefaultCapWithoutBeingHeldOrRetried() throws Exception {
        for (boolean framed : new boolean[] {true, false}) {
            try (RawHttpServer server = new RawHttpServer((request, out) -> {
                RawHttpServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + (framed ? "Content-Length: " + HUGE + "\r\n" : "Connection: close\r\n") + "\r\n");
                RawHttpServer.stream(out, HUGE);
                if (!framed) {
                    throw new IOException("close-delimited body ends with the connection");
                }
            }); OpenAppClient client = client(server)) {
                long before = allocatedByThisThread();
                ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, () -> client.orgs().get("01HORG"));
                long allocated = allocatedByThisThread() - before;
                assertEquals(OpenAppClient.DEFAULT_MAX_RESPONSE_BYTES, e.limit());
                if (framed) {
                    assertEquals(0, e.bytesRead(), "refused from its Content-Length before reading");
                    assertTrue(e.getMessage().contains("Content-Length " + HUGE), e.getMessage());
                } else {
                    assertTrue(e.bytesRead() > e.limit() && e.bytesRead() <= e.limit() + 64 * 1024, "bytes read " + e.bytesRead());
                }
                assertEquals(1, e.attempts());
                assertEquals(200, e.statusCode());
                assertEquals(1, server.requests.size(), "not retried");
                assertTrue(allocated < 3 * OpenAppClient.DEFAULT_MAX_RESPONSE_BYTES, "allocated " + allocated + " bytes");
                Thread.sleep(200);
                assertTrue(server.bytesWritten.get() < 48 * MIB, "the rest was read anyway: " + server.bytesWritten.get());
            }
        }
    }

    @Test
    void aGzipBodyIsCountedAfterInflationOnSyncAsyncAndTheGeneratedLayer() throws Exception {
        byte[] bomb = gzipOfZeros(64 * MIB); // about 64 KB on the wire
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            RawHttpServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + bomb.length + "\r\n\r\n");
            out.write(bomb);
        }); OpenAppClient client = OpenAppClient.builder().apiKey(API_KEY).baseUrl(server.url("/api/v1"))
                .maxResponseBytes(MIB).build()) {
            ResponseTooLargeException sync = assertThrows(ResponseTooLargeException.class, () -> client.orgs().get("01HORG"));
            assertEquals(MIB, sync.limit());
            assertTrue(sync.bytesRead() > MIB && sync.bytesRead() < 2 * MIB, "bytes read " + sync.bytesRead());
            assertEquals(1, sync.attempts());

            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> client.orgs().async().get("01HORG").get(10, TimeUnit.SECONDS));
            assertInstanceOf(ResponseTooLargeException.class, async.getCause());

            IOException generated = assertThrows(IOException.class, () -> client.generated().orgsApi().getOrg("01HORG", null).execute());
            assertTrue(generated.getMessage().contains("1048576"), generated.getMessage());
            assertEquals(3, server.requests.size(), "one request per call, none retried");
        }
    }

    @Test
    void aHugeErrorPageIsKeptTo64KiBAndTheRestIsNeverRead() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            RawHttpServer.raw(out, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: " + HUGE + "\r\n\r\n");
            RawHttpServer.stream(out, HUGE);
        }); OpenAppClient client = client(server)) {
            long before = allocatedByThisThread();
            ServerException e = assertThrows(ServerException.class, () -> client.orgs().get("01HORG"));
            long allocated = allocatedByThisThread() - before;
            assertEquals(502, e.statusCode());
            assertEquals(RetryPolicy.DEFAULT.maxRetries() + 1, e.attempts());
            assertEquals(4, server.requests.size());
            assertEquals(64 * 1024, e.rawBody().orElseThrow().length());
            assertTrue(e.getMessage().length() < 400, e.getMessage());
            assertTrue(allocated < 32 * MIB, "allocated " + allocated + " bytes for four 64 KiB error bodies");
            Thread.sleep(200);
            assertTrue(server.bytesWritten.get() < 4 * 16 * MIB, "the error pages were read on: " + server.bytesWritten.get());
        }
    }

    @Test
    void decodeAndErrorMessagesQuoteAtMostAFewHundredCharacters() throws Exception {
        String huge = "A".repeat(2 * 1024 * 1024);
        try (RawHttpServer server = new RawHttpServer((request, out) -> {
            if (request.target().contains("date")) {
                RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n",
                        "{\"id\":\"date\",\"created_at\":\"" + huge + "\"}");
            } else if (request.target().contains("bad")) {
                RawHttpServer.respond(out, 400, "Content-Type: application/json\r\n",
                        "{\"message\":\"" + huge.substring(0, 60_000) + "\",\"error_code\":\"invalid\"}");
            } else {
                RawHttpServer.respond(out, 200, "Content-Type: application/json\r\n",
                        "{\"id\":\"01HORG\",\"name\":[\"" + huge + "\"],\"user_roles\":{}}");
            }
        }); OpenAppClient client = client(server)) {
            OpenAppDecodingException decoding = assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("01HORG"));
            assertShort(decoding);
            assertShort(assertThrows(OpenAppDecodingException.class, () -> client.orgs().get("date")));
            BadRequestException bad = assertThrows(BadRequestException.class, () -> client.orgs().get("bad"));
            assertShort(bad);
            assertEquals(3, server.requests.size());
        }
    }

    private static void assertShort(OpenAppException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertTrue(message.length() < 600, t.getClass().getSimpleName() + " message of " + message.length() + " characters");
        }
    }

    private static byte[] gzipOfZeros(long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[64 * 1024];
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (long left = size; left > 0; left -= zeros.length) {
                gzip.write(zeros);
            }
        }
        return bytes.toByteArray();
    }
}
