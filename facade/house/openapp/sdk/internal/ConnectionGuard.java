package house.openapp.sdk.internal;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.internal.connection.RealConnection;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The network interceptor that keeps a pooled HTTP/1.1 connection from being used once it may
 * be dead or out of step with its server, and keeps every oddity of a response inside
 * {@link java.io.IOException}. Internal: not part of the SDK's API.
 *
 * <p>Before a request is written on a connection that served an earlier one, it checks:
 * <ul>
 *   <li>the connection was idle for less than the client's idle timeout (servers close idle
 *       connections, Node.js after 5 s, and a request written to such a connection is lost);</li>
 *   <li>no byte is waiting on it: bytes the previous response did not account for (a
 *       {@code Content-Length} shorter than the body, a second response) would be read as the
 *       answer to this request, which would then be another caller's answer;</li>
 *   <li>after more than {@value #PROBE_AFTER_MILLIS} ms of idleness, that the server has not
 *       closed it: a 1 ms read, as OkHttp does for its own extensive check (which it makes only
 *       for non-GET requests on connections idle for 10 s).</li>
 * </ul>
 * A connection failing a check is closed and the request goes to another connection without
 * having been written, by {@link StaleConnectionException}, which {@link RetryInterceptor}
 * answers by proceeding again without counting an attempt.
 *
 * <p>After the response: an exception OkHttp's parser throws that is not an
 * {@link IOException} (two 1xx responses in a row end in {@code IllegalStateException}), and a
 * final status below 200, become a {@link MalformedResponseException} and close the
 * connection; a body closed before its end closes the connection rather than reading the rest;
 * a body followed by stray bytes closes it too. A {@code 407} from a server reached without a
 * proxy (which OkHttp turns into a {@code ProtocolException}) travels up under
 * {@link #HIDDEN_STATUS} and {@link #restore(Response)} puts it back.
 *
 * <p>HTTP/2 connections are left to OkHttp: their framing cannot fall out of step and OkHttp
 * pings them.
 */
public final class ConnectionGuard implements Interceptor {
    /** Idle time after which a connection is probed for a close before it is written to. */
    static final long PROBE_AFTER_MILLIS = 100;
    private static final long PROBE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(PROBE_AFTER_MILLIS);
    /** Where a hidden status travels between this interceptor and the retry one. */
    static final String HIDDEN_STATUS = "X-OpenApp-Sdk-Status";
    private static final Field SOURCE = sourceField();

    private final long idleTimeoutNanos;

    /**
     * Creates the guard.
     *
     * @param idleTimeoutMillis connections idle this long or longer are not reused
     */
    public ConnectionGuard(long idleTimeoutMillis) {
        this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        RealConnection real = chain.connection() instanceof RealConnection r && !r.isMultiplexed$okhttp() ? r : null;
        if (real != null) {
            String stale = staleness(real);
            if (stale != null) {
                discard(real, true);
                throw new StaleConnectionException(stale);
            }
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (RuntimeException e) {
            discard(real, true);
            throw new MalformedResponseException("malformed response: " + e, e);
        }
        if (response.code() < 200) {
            response.close();
            discard(real, true);
            throw new MalformedResponseException("malformed response: an informational " + response.code()
                    + " where a final response was due (several 1xx in a row?)", null);
        }
        if (response.code() == 407 && (real == null || real.route().proxy().type() != Proxy.Type.HTTP)) {
            response = response.newBuilder().code(400).header(HIDDEN_STATUS, "407").build();
        }
        ResponseBody body = response.body();
        if (real == null || body == null) {
            return response;
        }
        return response.newBuilder().body(new GuardedBody(body, real)).build();
    }

    /**
     * Undoes the hiding of a status.
     *
     * @param response a response that came through this interceptor
     * @return the response with its status as the server sent it
     */
    static Response restore(Response response) {
        String hidden = response.header(HIDDEN_STATUS);
        if (hidden == null) {
            return response;
        }
        return response.newBuilder().removeHeader(HIDDEN_STATUS).code(Integer.parseInt(hidden)).build();
    }

    /** Why {@code connection} must not carry another request, or {@code null} when it may. */
    private String staleness(RealConnection connection) throws IOException {
        long idleAt = connection.getIdleAtNs$okhttp();
        if (idleAt == Long.MAX_VALUE) {
            return null; // a new connection
        }
        long idle = System.nanoTime() - idleAt;
        if (idle >= idleTimeoutNanos) {
            return "the pooled connection was idle for " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms, the idle timeout is "
                    + TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos) + " ms";
        }
        BufferedSource source = source(connection);
        if (source != null && source.getBuffer().size() > 0) {
            return "the pooled connection holds " + source.getBuffer().size() + " bytes no response accounted for";
        }
        Socket socket = connection.socket();
        if (!(socket instanceof SSLSocket) && socket.getInputStream().available() > 0) {
            return "the pooled connection has bytes no response accounted for";
        }
        if (idle >= PROBE_AFTER_NANOS && source != null) {
            int readTimeout = socket.getSoTimeout();
            try {
                socket.setSoTimeout(1);
                return source.exhausted() ? "the server closed the pooled connection" : "the pooled connection has bytes no response accounted for";
            } catch (SocketTimeoutException alive) {
                return null;
            } catch (IOException closed) {
                return "the pooled connection failed: " + closed;
            } finally {
                socket.setSoTimeout(readTimeout);
            }
        }
        return null;
    }

    /** Takes the connection, if there is one, out of use; {@code close} also closes its socket at once. */
    private static void discard(RealConnection connection, boolean close) {
        if (connection == null) {
            return;
        }
        synchronized (connection) {
            connection.setNoNewExchanges(true);
        }
        if (close) {
            connection.cancel();
        }
    }

    private static BufferedSource source(RealConnection connection) {
        if (SOURCE == null) {
            return null;
        }
        try {
            return (BufferedSource) SOURCE.get(connection);
        } catch (IllegalAccessException | RuntimeException unavailable) {
            return null;
        }
    }

    private static Field sourceField() {
        try {
            Field field = RealConnection.class.getDeclaredField("source");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null; // another OkHttp: the stray-byte check falls back to the socket's
        }
    }

    /**
     * A body that closes its connection when left unfinished or followed by stray bytes. Once
     * {@link RetryInterceptor} has read it (and closed it), it serves the bytes read instead
     * ({@link #serve}), so that the response need not be rebuilt around a new body on every call.
     */
    static final class GuardedBody extends ResponseBody {
        private final ResponseBody delegate;
        private volatile BufferedSource source;
        private volatile long servedLength = -1;
        private volatile MediaType servedType;

        GuardedBody(ResponseBody delegate, RealConnection connection) {
            this.delegate = delegate;
            this.source = Okio.buffer(new GuardedSource(delegate.source(), connection));
        }

        /**
         * From now on, serves {@code bytes} (what was read of this body, which is closed).
         *
         * @param bytes the body's bytes, read in full or cut
         * @param type its content type, as read once (OkHttp parses the header on every call)
         */
        void serve(Buffer bytes, MediaType type) {
            servedType = type;
            servedLength = bytes.size();
            source = bytes;
        }

        @Override
        public MediaType contentType() {
            return servedLength >= 0 ? servedType : delegate.contentType();
        }

        @Override
        public long contentLength() {
            long served = servedLength;
            return served >= 0 ? served : delegate.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }
    }

    private static final class GuardedSource extends ForwardingSource {
        private final RealConnection connection;
        private boolean exhausted;

        GuardedSource(Source delegate, RealConnection connection) {
            super(delegate);
            this.connection = connection;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long read;
            try {
                read = super.read(sink, byteCount);
            } catch (RuntimeException e) {
                discard(connection, true);
                throw new MalformedResponseException("malformed response body: " + e, e);
            }
            if (read == -1 && !exhausted) {
                exhausted = true;
                BufferedSource rest = source(connection);
                if (rest != null && rest.getBuffer().size() > 0) {
                    discard(connection, false); // bytes after the body: the framing lied
                }
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            if (!exhausted) {
                discard(connection, true); // never read on to reuse it: the rest may be huge
            }
            super.close();
        }
    }
}
