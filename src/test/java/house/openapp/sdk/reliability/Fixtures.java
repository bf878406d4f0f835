package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.Sleeper;
import okhttp3.mockwebserver.MockResponse;
import house.openapp.sdk.testing.NoDelayServerSockets;
import okhttp3.mockwebserver.MockWebServer;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Shared pieces of the reliability tests: bodies, a settable clock, a recording sleeper. */
final class Fixtures {
    /** The secret part of the test key; must never show up in messages, toString or logs. */
    static final String SECRET = "sk_live_Zq9SECRETxY7";
    static final String API_KEY = "https://openapp.example_openapp_" + SECRET;
    static final String BEARER = "eyJhbGciOiJIUzI1NiJ9.BEARERSECRET.sig";

    static final String ORG_JSON = "{\"id\":\"01HORG\",\"name\":{\"value\":{\"en\":\"Acme\"}},\"user_roles\":{}}";
    static final String EMPTY_PAGE = "{\"items\":[],\"total\":0}";
    static final String PERMISSIONS_JSON = "{\"permissions\":[\"admin\"]}";
    static final String IMAGE_JSON = "{\"url\":\"https://cdn.example/i.png\",\"expires_in_seconds\":300}";

    private Fixtures() {
    }

    /**
     * A MockWebServer whose accepted sockets have TCP_NODELAY: it writes a response's headers
     * and body in two flushes, and without it Nagle's algorithm meets the client's delayed ACK
     * and every exchange waits about 40 ms (measured: 46 ms per call instead of well under 1).
     */
    static MockWebServer newServer() {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(NoDelayServerSockets.FACTORY);
        return server;
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse ok(String body) {
        return json(200, body);
    }

    static MockResponse org() {
        return ok(ORG_JSON);
    }

    /** An organisation with the given id (JSON-escaped), as a server answers a call about that id. */
    static String orgWithId(String id) {
        com.google.gson.JsonObject org = com.google.gson.JsonParser.parseString(ORG_JSON).getAsJsonObject();
        org.addProperty("id", id);
        return org.toString();
    }

    static MockResponse error(int status, String errorCode, String message) {
        return json(status, "{\"message\":\"" + message + "\",\"error_code\":" + (errorCode == null ? "null" : "\"" + errorCode + "\"")
                + ",\"correlationId\":\"corr-1\"}");
    }

    /** A builder on the given server's /api/v1 with an API key, a fake clock and a recording sleeper. */
    static OpenAppClient.Builder builder(MockWebServer server, TestClock clock, RecordingSleeper sleeper) {
        return OpenAppClient.builder()
                .apiKey(API_KEY)
                .baseUrl(server.url("/api/v1").toString())
                .clock(clock)
                .sleeper(sleeper)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(20));
    }

    /** A loopback port with nothing listening on it (just released). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** A clock that only moves when told to (the recording sleeper moves it). */
    static final class TestClock extends Clock {
        private final AtomicLong millis;

        TestClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    /** Records every wait, advances the test clock by it, and never blocks. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        private final TestClock clock;
        private final List<Runnable> onFirstSleep = new ArrayList<>();

        RecordingSleeper(TestClock clock) {
            this.clock = clock;
        }

        /** Runs an action when the client first waits (e.g. to start a server that refused). */
        RecordingSleeper onFirstSleep(Runnable action) {
            onFirstSleep.add(action);
            return this;
        }

        @Override
        public void sleep(Duration duration) {
            if (waits.isEmpty()) {
                onFirstSleep.forEach(Runnable::run);
            }
            waits.add(duration);
            clock.advance(duration);
        }

        Duration total() {
            return waits.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    /** A System.Logger that keeps every line it is given, at every level. */
    static final class CapturingLogger implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Supplier<Boolean> enabled;

        CapturingLogger() {
            this(() -> true);
        }

        CapturingLogger(Supplier<Boolean> enabled) {
            this.enabled = enabled;
        }

        @Override
        public String getName() {
            return "capture";
        }

        @Override
        public boolean isLoggable(Level level) {
            return enabled.get();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg + (thrown == null ? "" : " " + thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params));
        }

        String all() {
            return String.join("\n", lines);
        }
    }
}
