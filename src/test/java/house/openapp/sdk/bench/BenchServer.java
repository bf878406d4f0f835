package house.openapp.sdk.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The local server every benchmark talks to: HTTP/1.1 with keep-alive on loopback, one thread
 * per connection, answering {@code GET .../orgs/{id}} with one fixed, pre-encoded ~1 KB
 * {@code OrganizationResponse} and {@code GET .../orgs?limit=&offset=} with pages of synthetic
 * orgs out of a configurable total, after a configurable latency per page.
 *
 * <p>It does as little as it can per request (no allocation for the fixed answer, nothing
 * logged), so that what a benchmark measures is the client. Not MockWebServer: its per-request
 * bookkeeping (recorded requests, a queue, a dispatcher lock) is client-independent but noisy.
 *
 * <pre>{@code
 * try (BenchServer server = BenchServer.start(20_000, Duration.ofMillis(2))) {
 *     String apiRoot = server.apiRoot(); // http://127.0.0.1:PORT/api/v1/
 * }
 * }</pre>
 */
public final class BenchServer implements AutoCloseable {
    /** The id every single-org answer carries. */
    public static final String ORG_ID = "01JBENCH0000000000000000AB";

    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int total;
    private final long pageLatencyNanos;
    private final byte[] orgResponse;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private BenchServer(int total, Duration pageLatency) throws IOException {
        this.total = total;
        this.pageLatencyNanos = pageLatency.toNanos();
        byte[] body = orgJson(ORG_ID, 0).getBytes(StandardCharsets.UTF_8);
        this.orgResponse = response(body);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        Thread acceptor = new Thread(this::acceptLoop, "bench-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a server on an ephemeral loopback port.
     *
     * @param total how many orgs the list endpoint pages through
     * @param pageLatency how long the list endpoint waits before each page
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static BenchServer start(int total, Duration pageLatency) throws IOException {
        return new BenchServer(total, pageLatency);
    }

    /**
     * The API root to give a client, ending in {@code /api/v1/}.
     *
     * @return the URL
     */
    public String apiRoot() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/api/v1/";
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread worker = new Thread(() -> serve(socket), "bench-server-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("bench server accept failed", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
             OutputStream out = socket.getOutputStream()) {
            byte[] head = new byte[16 * 1024];
            while (true) {
                int length = readHead(in, head);
                if (length < 0) {
                    return;
                }
                skipBody(in, head, length);
                out.write(answer(head, length));
                out.flush();
            }
        } catch (SocketException closing) {
            // the client or close() dropped the connection
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException("bench server connection failed", e);
            }
        } finally {
            open.remove(socket);
        }
    }

    /** Reads a request head into {@code head}; returns its length, or -1 at end of stream. */
    private static int readHead(InputStream in, byte[] head) throws IOException {
        int length = 0;
        int matched = 0;
        while (matched < HEADERS_END.length) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (length == head.length) {
                throw new IOException("request head longer than " + head.length + " bytes");
            }
            head[length++] = (byte) b;
            matched = b == HEADERS_END[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return length;
    }

    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    private static void skipBody(InputStream in, byte[] head, int length) throws IOException {
        int at = indexOfIgnoreCase(head, length, CONTENT_LENGTH);
        if (at < 0) {
            return;
        }
        long remaining = 0;
        for (int i = at + CONTENT_LENGTH.length; i < length && head[i] != '\r'; i++) {
            if (head[i] >= '0' && head[i] <= '9') {
                remaining = remaining * 10 + (head[i] - '0');
            }
        }
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("body ended early");
                }
                skipped = 1;
            }
            remaining -= skipped;
        }
    }

    private byte[] answer(byte[] head, int length) {
        // "GET /api/v1/orgs/ID HTTP/1.1" or "GET /api/v1/orgs?limit=200&offset=0 HTTP/1.1"
        int pathStart = indexOf(head, length, (byte) ' ') + 1;
        int pathEnd = indexOf(head, length, (byte) ' ', pathStart);
        int query = indexOf(head, pathEnd, (byte) '?', pathStart);
        if (query < 0) {
            return orgResponse;
        }
        String params = new String(head, query + 1, pathEnd - query - 1, StandardCharsets.US_ASCII);
        int limit = intParam(params, "limit", 50);
        int offset = intParam(params, "offset", 0);
        if (pageLatencyNanos > 0) {
            sleepNanos(pageLatencyNanos);
        }
        return response(pageJson(offset, limit).getBytes(StandardCharsets.UTF_8));
    }

    private String pageJson(int offset, int limit) {
        int end = Math.min(total, offset + limit);
        StringBuilder json = new StringBuilder(Math.max(0, end - offset) * 1100 + 32).append("{\"items\":[");
        for (int i = offset; i < end; i++) {
            if (i > offset) {
                json.append(',');
            }
            json.append(orgJson(listedId(i), i));
        }
        return json.append("],\"total\":").append(total).append('}').toString();
    }

    /**
     * The id of the org at a position of the listing, so that a client can check it got the page
     * it asked for.
     *
     * @param position the position, from 0
     * @return the id
     */
    static String listedId(int position) {
        return String.format("01JBENCH%018d", position);
    }

    /**
     * A realistic org body of about 1 KB: three locales in name and parent name, a description,
     * timestamps and a few users' roles.
     */
    static String orgJson(String id, int n) {
        return "{\"id\":\"" + id + "\","
                + "\"name\":{\"value\":{\"en\":\"Field Office " + n + "\",\"de\":\"Au\u00dfenstelle " + n
                + "\",\"fr\":\"Bureau r\u00e9gional " + n + "\"}},"
                + "\"description\":\"Regional field office covering the northern gates, the loading dock and the"
                + " visitor entrance; managed by facilities.\","
                + "\"parent_id\":\"01JBENCHPARENT00000000000A\","
                + "\"parent_name\":{\"value\":{\"en\":\"Headquarters\",\"de\":\"Hauptsitz\",\"fr\":\"Si\u00e8ge\"}},"
                + "\"is_personal\":false,\"has_children\":true,"
                + "\"created_at\":\"2026-03-14T09:26:53.589Z\",\"updated_at\":\"2026-11-02T17:45:12.004Z\","
                + "\"deleted_at\":null,\"hard_delete_at\":null,\"purge_at\":null,"
                + "\"user_roles\":{"
                + "\"01JBENCHUSER0000000000000A\":[\"admin\",\"users:read\"],"
                + "\"01JBENCHUSER0000000000000B\":[\"users:read\"],"
                + "\"01JBENCHUSER0000000000000C\":[\"devices:operate\",\"users:read\"],"
                + "\"01JBENCHUSER0000000000000D\":[\"viewer\"],"
                + "\"01JBENCHUSER0000000000000E\":[\"admin\"]}}";
    }

    private static byte[] response(byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nX-Request-Id: 01JBENCHREQUEST0000000000A\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static void sleepNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static int intParam(String query, String name, int fallback) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Integer.parseInt(pair.substring(name.length() + 1));
            }
        }
        return fallback;
    }

    private static int indexOf(byte[] bytes, int end, byte wanted) {
        return indexOf(bytes, end, wanted, 0);
    }

    private static int indexOf(byte[] bytes, int end, byte wanted, int from) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfIgnoreCase(byte[] bytes, int end, byte[] lowerCase) {
        outer:
        for (int i = 0; i + lowerCase.length <= end; i++) {
            for (int j = 0; j < lowerCase.length; j++) {
                int b = bytes[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != lowerCase[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
