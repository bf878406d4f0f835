package house.openapp.sdk.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile HTTP/1.1 server on loopback for the tests of issue 12: it writes exactly the bytes
 * a handler gives it (wrong framing, several 1xx, endless bodies written from one reused
 * buffer, so nothing is allocated per byte), closes idle keep-alive connections after a set
 * time as Node.js or nginx do, and counts requests, connections and bytes written.
 */
final class RawHttpServer implements AutoCloseable {
    /** One parsed request. */
    record Request(String method, String target, Map<String, String> headers, byte[] body, int connection) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes the reply to one request; may throw to drop the connection. */
    interface Handler {
        void reply(Request request, OutputStream out) throws IOException;
    }

    private static final byte[] CHUNK = new byte[64 * 1024];

    static {
        java.util.Arrays.fill(CHUNK, (byte) 'x');
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-server");
        t.setDaemon(true);
        return t;
    });
    private final Handler handler;
    private volatile long keepAliveMillis = 60_000;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger openConnections = new AtomicInteger();
    final AtomicInteger peakOpenConnections = new AtomicInteger();
    final AtomicLong bytesWritten = new AtomicLong();

    RawHttpServer(Handler handler) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Closes a connection that stays idle this long after a response (Node.js: 5 s). */
    RawHttpServer keepAlive(long millis) {
        this.keepAliveMillis = millis;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    int port() {
        return socket.getLocalPort();
    }

    long count(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).count();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket accepted = socket.accept();
                int id = connections.incrementAndGet();
                int open = openConnections.incrementAndGet();
                peakOpenConnections.accumulateAndGet(open, Math::max);
                threads.execute(() -> serve(accepted, id));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection, int id) {
        try (connection) {
            connection.setTcpNoDelay(true);
            InputStream in = connection.getInputStream();
            OutputStream out = new CountingOutputStream(connection.getOutputStream(), bytesWritten);
            boolean first = true;
            while (true) {
                connection.setSoTimeout(first ? 30_000 : (int) keepAliveMillis);
                Request request;
                try {
                    request = read(in, id);
                } catch (SocketTimeoutException idle) {
                    return; // keep-alive expired: close, as a server does
                }
                if (request == null) {
                    return;
                }
                first = false;
                requests.add(request);
                handler.reply(request, out);
                out.flush();
            }
        } catch (IOException | RuntimeException dropped) {
            // the client went away or the handler dropped the connection
        } finally {
            openConnections.decrementAndGet();
        }
    }

    private static Request read(InputStream in, int connection) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String[] parts = requestLine.split(" ");
        return new Request(parts[0], parts[1], headers, body, connection);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes a status line, headers and a body. */
    static void respond(OutputStream out, int status, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\n" + headers + "Content-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
    }

    /** Writes raw text as it is. */
    static void raw(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code count} bytes of 'x' from one shared buffer (allocates nothing). */
    static void stream(OutputStream out, long count) throws IOException {
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(left, CHUNK.length);
            out.write(CHUNK, 0, n);
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private final AtomicLong count;

        CountingOutputStream(OutputStream out, AtomicLong count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
