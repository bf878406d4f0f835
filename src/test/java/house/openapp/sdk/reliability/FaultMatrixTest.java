package house.openapp.sdk.reliability;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.ImageUpload;
import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgCreateParams;
import house.openapp.sdk.OrgUpdateParams;
import house.openapp.sdk.Page;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.errors.AuthenticationException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.OpenAppApiException;
import house.openapp.sdk.errors.OpenAppConnectionException;
import house.openapp.sdk.errors.OpenAppDecodingException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.errors.QuotaExceededException;
import house.openapp.sdk.errors.RateLimitException;
import house.openapp.sdk.errors.ServerException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.reliability.Fixtures.RecordingSleeper;
import house.openapp.sdk.reliability.Fixtures.TestClock;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static house.openapp.sdk.reliability.Fixtures.ORG_JSON;
import static house.openapp.sdk.reliability.Fixtures.SECRET;
import static house.openapp.sdk.reliability.Fixtures.error;
import static house.openapp.sdk.reliability.Fixtures.json;
import static house.openapp.sdk.reliability.Fixtures.ok;
import static house.openapp.sdk.reliability.Fixtures.org;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile server conditions, one named scenario each, through the real stack (façade,
 * Retrofit, OkHttp, the retry and credential interceptors) against MockWebServer. Every
 * scenario asserts the typed outcome, the attempts the SDK reports and the exact number of
 * requests the server received; the table goes to stdout and to
 * {@code target/reliability/fault-matrix.md}.
 */
class FaultMatrixTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String ID = "01HORG";
    private static final List<Row> ROWS = new ArrayList<>();
    private static final String BIG_PAGE = bigPage(26_000);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};

    /** What a scenario does: scripts the server, makes one SDK call, returns its result. */
    @FunctionalInterface
    interface Body {
        Object run(Ctx ctx) throws Exception;
    }

    /** Extra checks on the outcome beyond type, attempts and request count. */
    @FunctionalInterface
    interface Check {
        void verify(Ctx ctx, Object result, Throwable failure) throws Exception;
    }

    record Scenario(String name, String call, Class<? extends Throwable> expected, int requests, int attempts, Body body, Check check) {
    }

    record Row(String name, String call, String outcome, String attempts, int requests, boolean passed) {
    }

    @TestFactory
    Stream<DynamicTest> faultMatrix() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> run(s)));
    }

    private static void run(Scenario scenario) throws Exception {
        try (Ctx ctx = new Ctx()) {
            Object result = null;
            Throwable failure = null;
            try {
                result = scenario.body().run(ctx);
            } catch (Throwable t) {
                failure = t;
            }
            int seen = ctx.requestsSeen();
            Integer attempts = attemptsOf(result, failure);
            String outcome = describe(result, failure);
            boolean passed = false;
            try {
                if (scenario.expected() == null) {
                    if (failure != null) {
                        throw new AssertionError("expected success but got " + failure, failure);
                    }
                } else {
                    assertNotNull(failure, "expected " + scenario.expected().getSimpleName() + " but the call succeeded with " + result);
                    if (!scenario.expected().equals(failure.getClass())) {
                        throw new AssertionError("expected " + scenario.expected().getSimpleName() + " but got " + failure, failure);
                    }
                }
                assertEquals(scenario.requests(), seen, "requests the server received");
                if (scenario.attempts() > 0) {
                    assertEquals(scenario.attempts(), attempts, "attempts the SDK reports");
                }
                if (failure != null) {
                    assertFalse(String.valueOf(failure.getMessage()).contains(SECRET), "the message leaks the key: " + failure.getMessage());
                }
                scenario.check().verify(ctx, result, failure);
                passed = true;
            } finally {
                synchronized (ROWS) {
                    ROWS.add(new Row(scenario.name(), scenario.call(), outcome, attempts == null ? "n/a" : attempts.toString(), seen, passed));
                }
            }
        }
    }

    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("| # | scenario | call | outcome | attempts | requests seen |\n");
        table.append("|---|---|---|---|---|---|\n");
        int n = 0;
        int passed = 0;
        synchronized (ROWS) {
            for (Row row : ROWS) {
                n++;
                passed += row.passed() ? 1 : 0;
                table.append("| ").append(n).append(" | ").append(row.name()).append(" | ").append(row.call()).append(" | ")
                        .append(row.passed() ? "" : "**FAILED** ").append(row.outcome().replace("|", "\\|")).append(" | ")
                        .append(row.attempts()).append(" | ").append(row.requests()).append(" |\n");
            }
        }
        String text = "# Fault matrix\n\n" + n + " scenarios, " + passed + " passed.\n\n" + table;
        System.out.println(text);
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fault-matrix.md"), text, StandardCharsets.UTF_8);
    }

    // ---- the scenarios -------------------------------------------------------------------------

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        Check none = (ctx, result, failure) -> { };

        // -- the connection ------------------------------------------------------------------
        all.add(new Scenario("disconnect at start, every attempt", "GET /orgs/{id}", OpenAppConnectionException.class, 4, 4,
                ctx -> {
                    for (int i = 0; i < 4; i++) {
                        ctx.server().enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
                    }
                    return get(ctx.client());
                },
                (ctx, result, failure) -> {
                    assertTrue(failure.getMessage().contains("after 4 attempts"), failure.getMessage());
                    assertEquals(3, ctx.sleeper.waits.size());
                }));
        all.add(new Scenario("disconnect at start once, then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("disconnect at start on create (connection was open: not replayed)", "POST /orgs",
                OpenAppConnectionException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
                    ctx.server().enqueue(org());
                    return create(ctx.client());
                },
                (ctx, result, failure) -> assertTrue(failure.getMessage().contains("not retried"), failure.getMessage())));
        all.add(new Scenario("disconnect during the response body once, then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(org().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("disconnect during the response body on create", "POST /orgs", OpenAppConnectionException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(org().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
                    ctx.server().enqueue(org());
                    return create(ctx.client());
                }, none));
        all.add(new Scenario("reset after the request was sent, create (DISCONNECT_AFTER_REQUEST)", "POST /orgs",
                OpenAppConnectionException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
                    ctx.server().enqueue(org());
                    return create(ctx.client());
                },
                (ctx, result, failure) -> {
                    RecordedRequest only = ctx.server().takeRequest(1, TimeUnit.SECONDS);
                    assertEquals("POST", only.getMethod());
                    assertTrue(failure.getMessage().contains("not retried: the server may have received this POST"), failure.getMessage());
                    assertTrue(ctx.sleeper.waits.isEmpty());
                }));
        all.add(new Scenario("reset after the request was sent, GET, then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("connection refused before sending, create is retried", "POST /orgs", null, 1, 2,
                ctx -> {
                    int port = Fixtures.freePort();
                    ctx.sleeper.onFirstSleep(() -> ctx.startServerOn(port));
                    ctx.server.enqueue(org());
                    return ctx.clientOn("http://127.0.0.1:" + port + "/api/v1", b -> b).orgs().withResponse().create(createParams());
                },
                (ctx, result, failure) -> {
                    assertEquals(1, ctx.sleeper.waits.size());
                    assertEquals("POST", ctx.server.takeRequest(1, TimeUnit.SECONDS).getMethod());
                }));
        all.add(new Scenario("connection refused on every attempt", "GET /orgs/{id}", OpenAppConnectionException.class, 0, 4,
                ctx -> get(ctx.clientOn("http://127.0.0.1:" + Fixtures.freePort() + "/api/v1", b -> b)),
                (ctx, result, failure) -> assertEquals(3, ctx.sleeper.waits.size())));

        // -- the body ------------------------------------------------------------------------
        all.add(new Scenario("truncated JSON on 200", "GET /orgs/{id}", OpenAppDecodingException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(ok(ORG_JSON.substring(0, 30)));
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertEquals(200, ((OpenAppDecodingException) failure).statusCode())));
        all.add(new Scenario("invalid JSON on 200", "GET /orgs/{id}", OpenAppDecodingException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(ok("{\"id\":\"01HORG\",\"name\":}"));
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("non-JSON content type on 200 (text/html)", "GET /orgs/{id}", OpenAppDecodingException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>hello</html>"));
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertTrue(failure.getMessage().contains("text/html"), failure.getMessage())));
        all.add(new Scenario("unknown fields and unknown enum-like values", "GET /orgs/{id}", null, 1, 1,
                ctx -> {
                    ctx.server().enqueue(ok("{\"id\":\"01HORG\",\"name\":{\"value\":{\"en\":\"Acme\"},\"script\":\"Latn\"},"
                            + "\"user_roles\":{\"u1\":[\"admin\",\"galaxy:brain\"]},\"tier\":\"platinum-plus\","
                            + "\"future\":{\"nested\":[1,2,{\"x\":null}]},\"is_personal\":false}"));
                    return get(ctx.client());
                },
                (ctx, result, failure) -> {
                    OrganizationResponse org = value(result);
                    assertEquals("01HORG", org.getId());
                    assertEquals(List.of("admin", "galaxy:brain"), org.getUserRoles().get("u1"));
                }));
        all.add(new Scenario("JSON null as the whole body on 200", "GET /orgs/{id}", OpenAppDecodingException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(ok("null"));
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("null where required (id, name, user_roles) is tolerated", "GET /orgs/{id}", null, 1, 1,
                ctx -> {
                    ctx.server().enqueue(ok("{\"id\":null,\"name\":null,\"user_roles\":null}"));
                    return get(ctx.client());
                },
                (ctx, result, failure) -> {
                    OrganizationResponse org = value(result);
                    assertNull(org.getId());
                    assertNull(org.getName());
                }));
        all.add(new Scenario("null where required (permissions: null) reads as no keys", "GET /orgs/{id}/permissions", null, 1, 1,
                ctx -> {
                    ctx.server().enqueue(ok("{\"permissions\":null}"));
                    return ctx.client().orgs().withResponse().permissions(ID);
                },
                (ctx, result, failure) -> assertEquals(List.of(), value(result))));
        all.add(new Scenario("a 5 MB page parses", "GET /orgs", null, 1, 1,
                ctx -> {
                    ctx.server().enqueue(ok(BIG_PAGE));
                    return ctx.client().orgs().withResponse().list(house.openapp.sdk.ListParams.DEFAULT);
                },
                (ctx, result, failure) -> {
                    assertTrue(BIG_PAGE.length() > 5_000_000, "page is " + BIG_PAGE.length() + " chars");
                    Page<OrganizationResponse> page = value(result);
                    assertEquals(26_000, page.items().size());
                    assertEquals(26_000, page.total());
                }));

        // -- error statuses --------------------------------------------------------------------
        all.add(new Scenario("HTML 502 page from a proxy, every attempt", "GET /orgs/{id}", ServerException.class, 4, 4,
                ctx -> {
                    for (int i = 0; i < 4; i++) {
                        ctx.server().enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
                                .setBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
                    }
                    return get(ctx.client());
                },
                (ctx, result, failure) -> {
                    ServerException e = (ServerException) failure;
                    assertEquals(502, e.statusCode());
                    assertTrue(e.rawBody().orElseThrow().contains("<h1>502 Bad Gateway</h1>"));
                    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
                }));
        all.add(new Scenario("empty-body 500 on create (a status is never replayed for POST)", "POST /orgs", ServerException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(500));
                    ctx.server().enqueue(org());
                    return create(ctx.client());
                },
                (ctx, result, failure) -> {
                    ServerException e = (ServerException) failure;
                    assertEquals(500, e.statusCode());
                    assertEquals("", e.rawBody().orElseThrow());
                }));
        all.add(new Scenario("empty-body 500 once, then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(500));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("503 twice, then 200", "GET /orgs/{id}", null, 3, 3,
                ctx -> {
                    ctx.server().enqueue(error(503, null, "busy"));
                    ctx.server().enqueue(error(503, null, "busy"));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertEquals(2, ctx.sleeper.waits.size())));
        all.add(new Scenario("503 beyond the retry budget", "GET /orgs/{id}", ServerException.class, 4, 4,
                ctx -> {
                    for (int i = 0; i < 5; i++) {
                        ctx.server().enqueue(error(503, "unavailable", "busy"));
                    }
                    return get(ctx.client());
                },
                (ctx, result, failure) -> {
                    assertTrue(failure.getMessage().contains("after 4 attempts"), failure.getMessage());
                    assertEquals(3, ctx.sleeper.waits.size());
                    for (int n = 1; n <= 3; n++) {
                        long ceiling = Math.min(8_000, 250L << (n - 1));
                        long wait = ctx.sleeper.waits.get(n - 1).toMillis();
                        assertTrue(wait >= 0 && wait <= ceiling, "wait " + n + " was " + wait + " ms, ceiling " + ceiling);
                    }
                }));
        all.add(new Scenario("501 is not retried", "GET /orgs/{id}", ServerException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(error(501, null, "not implemented"));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("408, then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(408));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                }, none));
        all.add(new Scenario("504 on update, then 200", "PUT /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(504));
                    ctx.server().enqueue(org());
                    return ctx.client().orgs().withResponse().update(ID, OrgUpdateParams.builder().description("d").build());
                },
                (ctx, result, failure) -> {
                    RecordedRequest first = ctx.server().takeRequest(1, TimeUnit.SECONDS);
                    RecordedRequest second = ctx.server().takeRequest(1, TimeUnit.SECONDS);
                    assertEquals("PUT", second.getMethod());
                    assertArrayEquals(first.getBody().readByteArray(), second.getBody().readByteArray());
                }));
        all.add(new Scenario("503 on delete, then 200", "DELETE /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(503));
                    ctx.server().enqueue(org());
                    return ctx.client().orgs().withResponse().delete(ID);
                }, none));
        all.add(new Scenario("503 on create is not replayed", "POST /orgs", ServerException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(error(503, null, "busy"));
                    ctx.server().enqueue(org());
                    return create(ctx.client());
                }, none));
        all.add(new Scenario("503 with Retry-After: 0 on create (OkHttp alone would re-send it)", "POST /orgs", ServerException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(error(503, null, "busy").setHeader("Retry-After", "0"));
                    ctx.server().enqueue(org());
                    return create(ctx.client());
                },
                (ctx, result, failure) -> assertEquals(List.of("0"), ((ServerException) failure).headers().get("retry-after"))));
        all.add(new Scenario("503 with Retry-After: 0 on GET, then 200 (the SDK retries, at once)", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(error(503, null, "busy").setHeader("Retry-After", "0"));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertEquals(List.of(Duration.ZERO), ctx.sleeper.waits)));
        all.add(new Scenario("503 with a 21-digit Retry-After (OkHttp alone would throw), waits the cap", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(error(503, null, "busy").setHeader("Retry-After", "999999999999999999999"));
                    ctx.server().enqueue(org());
                    return get(ctx.client(b -> b.callTimeout(Duration.ofMinutes(5))));
                },
                (ctx, result, failure) -> assertEquals(List.of(Duration.ofSeconds(60)), ctx.sleeper.waits)));
        all.add(new Scenario("503 on create with retryNonIdempotent(true), then 200", "POST /orgs", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(error(503, null, "busy"));
                    ctx.server().enqueue(org());
                    return ctx.client().orgs().with(RequestOptions.builder().retryNonIdempotent(true).build())
                            .withResponse().create(createParams());
                }, none));

        // -- rate limits and Retry-After --------------------------------------------------------
        all.add(new Scenario("429 with Retry-After: 2, then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(error(429, "rate_limited", "slow down").setHeader("Retry-After", "2"));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertEquals(List.of(Duration.ofSeconds(2)), ctx.sleeper.waits)));
        all.add(new Scenario("429 with an HTTP-date Retry-After (+3 s on the injected clock), then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3).atZone(ZoneOffset.UTC));
                    ctx.server().enqueue(error(429, "rate_limited", "slow down").setHeader("Retry-After", date));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertEquals(List.of(Duration.ofSeconds(3)), ctx.sleeper.waits)));
        all.add(new Scenario("429 with Retry-After: 3600 waits the 60 s cap", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(error(429, "rate_limited", "slow down").setHeader("Retry-After", "3600"));
                    ctx.server().enqueue(org());
                    return get(ctx.client(b -> b.callTimeout(Duration.ofMinutes(5))));
                },
                (ctx, result, failure) -> assertEquals(List.of(Duration.ofSeconds(60)), ctx.sleeper.waits)));
        all.add(new Scenario("429 beyond the budget (Retry-After: 1 each time)", "GET /orgs/{id}", RateLimitException.class, 4, 4,
                ctx -> {
                    for (int i = 0; i < 4; i++) {
                        ctx.server().enqueue(error(429, "rate_limited", "slow down").setHeader("Retry-After", "1"));
                    }
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                        ctx.sleeper.waits)));
        all.add(new Scenario("429 quota_exceeded on create", "POST /orgs", QuotaExceededException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(error(429, "quota_exceeded", "org quota used up").setHeader("Retry-After", "1"));
                    ctx.server().enqueue(org());
                    return create(ctx.client());
                },
                (ctx, result, failure) -> assertEquals("quota_exceeded", ((OpenAppApiException) failure).errorCode().orElseThrow())));
        all.add(new Scenario("429 quota_exceeded on a GET is not retried either", "GET /orgs/{id}", QuotaExceededException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(error(429, "quota_exceeded", "quota used up").setHeader("Retry-After", "1"));
                    ctx.server().enqueue(org());
                    return get(ctx.client());
                },
                (ctx, result, failure) -> assertTrue(ctx.sleeper.waits.isEmpty())));

        // -- time ----------------------------------------------------------------------------
        all.add(new Scenario("slow headers: read timeout on every attempt", "GET /orgs/{id}", OpenAppTimeoutException.class, 4, 4,
                ctx -> {
                    for (int i = 0; i < 4; i++) {
                        ctx.server().enqueue(org().setHeadersDelay(1, TimeUnit.SECONDS));
                    }
                    return get(ctx.client(b -> b.readTimeout(Duration.ofMillis(200))));
                },
                (ctx, result, failure) -> assertTrue(failure.getMessage().contains("timed out after 4 attempts"), failure.getMessage())));
        all.add(new Scenario("slow headers on create: read timeout, not replayed", "POST /orgs", OpenAppTimeoutException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(org().setHeadersDelay(1, TimeUnit.SECONDS));
                    ctx.server().enqueue(org());
                    return ctx.client(b -> b.readTimeout(Duration.ofMillis(200))).orgs().withResponse().create(createParams());
                }, none));
        // The one read timeout must cut the first attempt and let the second through. The second
        // answer is immediate, but its new connection, the server's new thread and the client's
        // reads all wait for the CPU: under a loaded build 200 ms was not always enough for them,
        // and the retry then timed out too (and so did attempts 3 and 4, on an empty queue). So the
        // timeout is 1 s, and the stall 3 s, which keeps 2 s between the timeout and the body
        // (MockWebServer's shutdown waits up to 5 s for the stalled thread).
        all.add(new Scenario("body stalls past the read timeout once, then 200", "GET /orgs/{id}", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(org().setBodyDelay(3, TimeUnit.SECONDS));
                    ctx.server().enqueue(org());
                    return get(ctx.client(b -> b.readTimeout(Duration.ofSeconds(1))));
                }, none));
        all.add(new Scenario("slow body (1 byte / 100 ms) past a 600 ms call deadline", "GET /orgs/{id}", OpenAppTimeoutException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(org().throttleBody(1, 100, TimeUnit.MILLISECONDS));
                    ctx.server().enqueue(org());
                    long start = System.nanoTime();
                    try {
                        return ctx.client().orgs().with(RequestOptions.builder().timeout(Duration.ofMillis(600)).build())
                                .withResponse().get(ID);
                    } finally {
                        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        assertTrue(millis < 3_000, "the call took " + millis + " ms");
                    }
                }, none));
        all.add(new Scenario("deadline shorter than the Retry-After: no sleep, gives up at once", "GET /orgs/{id}", ServerException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(error(503, null, "busy").setHeader("Retry-After", "5"));
                    ctx.server().enqueue(org());
                    return ctx.client().orgs().with(RequestOptions.builder().timeout(Duration.ofSeconds(2)).build()).withResponse().get(ID);
                },
                (ctx, result, failure) -> assertTrue(ctx.sleeper.waits.isEmpty(), "slept " + ctx.sleeper.waits)));
        all.add(new Scenario("deadline cuts the budget (Retry-After: 1, deadline 2.5 s)", "GET /orgs/{id}", ServerException.class, 3, 3,
                ctx -> {
                    for (int i = 0; i < 4; i++) {
                        ctx.server().enqueue(error(503, null, "busy").setHeader("Retry-After", "1"));
                    }
                    return ctx.client().orgs().with(RequestOptions.builder().timeout(Duration.ofMillis(2500)).build())
                            .withResponse().get(ID);
                },
                (ctx, result, failure) -> {
                    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), ctx.sleeper.waits);
                    assertTrue(ctx.sleeper.total().compareTo(Duration.ofMillis(2500)) <= 0);
                }));

        // -- uploads -----------------------------------------------------------------------------
        all.add(new Scenario("multipart upload replayed after a 503 (retryNonIdempotent)", "POST /orgs/{id}/image", null, 2, 2,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(503));
                    ctx.server().enqueue(ok(Fixtures.IMAGE_JSON));
                    return ctx.client().orgs().with(RequestOptions.builder().retryNonIdempotent(true).build())
                            .withResponse().uploadImage(ID, ImageUpload.of(PNG, "image/png"));
                },
                (ctx, result, failure) -> {
                    RecordedRequest first = ctx.server().takeRequest(1, TimeUnit.SECONDS);
                    RecordedRequest second = ctx.server().takeRequest(1, TimeUnit.SECONDS);
                    byte[] a = first.getBody().readByteArray();
                    byte[] b = second.getBody().readByteArray();
                    assertTrue(a.length > PNG.length, "multipart body of " + a.length + " bytes");
                    assertArrayEquals(a, b, "the replayed multipart body differs");
                    assertEquals(first.getHeader("Content-Type"), second.getHeader("Content-Type"));
                    assertTrue(first.getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
                    assertTrue(new String(a, StandardCharsets.ISO_8859_1).contains("name=\"file\""));
                }));
        all.add(new Scenario("multipart upload 503 without the opt-in is not replayed", "POST /orgs/{id}/image", ServerException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(503));
                    ctx.server().enqueue(ok(Fixtures.IMAGE_JSON));
                    return ctx.client().orgs().withResponse().uploadImage(ID, ImageUpload.of(PNG, "image/png"));
                }, none));

        // -- redirects and auth --------------------------------------------------------------
        all.add(new Scenario("redirect to another origin: API key, cookie, confirm token not forwarded", "GET /orgs/{id}", null, 2, 1,
                ctx -> {
                    MockWebServer other = ctx.another();
                    other.enqueue(org());
                    ctx.server().enqueue(new MockResponse().setResponseCode(302)
                            .setHeader("Location", other.url("/api/v1/orgs/" + ID)));
                    return ctx.client().orgs().with(RequestOptions.builder().confirmationToken("pt_confirm_SECRET")
                            .header("Cookie", "session=COOKIESECRET").build()).withResponse().get(ID);
                },
                (ctx, result, failure) -> {
                    RecordedRequest atA = ctx.server().takeRequest(1, TimeUnit.SECONDS);
                    RecordedRequest atB = ctx.others.get(0).takeRequest(1, TimeUnit.SECONDS);
                    assertEquals(Fixtures.API_KEY, atA.getHeader("X-API-Key"));
                    assertNull(atB.getHeader("X-API-Key"));
                    assertNull(atB.getHeader("Authorization"));
                    assertNull(atB.getHeader("X-OpenApp-Confirm"));
                    assertNull(atB.getHeader("Cookie"));
                }));
        all.add(new Scenario("redirect to another origin with a bearer token: Authorization not forwarded", "GET /orgs/{id}", null, 2, 1,
                ctx -> {
                    MockWebServer other = ctx.another();
                    other.enqueue(org());
                    ctx.server().enqueue(new MockResponse().setResponseCode(307)
                            .setHeader("Location", other.url("/api/v1/orgs/" + ID)));
                    return get(ctx.clientOn(ctx.server().url("/api/v1").toString(),
                            b -> OpenAppClient.builder().bearerToken(Fixtures.BEARER).baseUrl(ctx.server.url("/api/v1").toString())
                                    .clock(ctx.clock).sleeper(ctx.sleeper)));
                },
                (ctx, result, failure) -> {
                    assertEquals("Bearer " + Fixtures.BEARER, ctx.server().takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
                    RecordedRequest atB = ctx.others.get(0).takeRequest(1, TimeUnit.SECONDS);
                    assertNull(atB.getHeader("Authorization"));
                    assertNull(atB.getHeader("X-API-Key"));
                }));
        all.add(new Scenario("401 with an error body", "GET /orgs/{id}", AuthenticationException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(error(401, "invalid_api_key", "the API key is not valid").setHeader("X-Request-Id", "req-401"));
                    return get(ctx.client());
                },
                (ctx, result, failure) -> {
                    AuthenticationException e = (AuthenticationException) failure;
                    assertEquals(401, e.statusCode());
                    assertEquals("invalid_api_key", e.errorCode().orElseThrow());
                    assertEquals("req-401", e.requestId().orElseThrow());
                }));
        all.add(new Scenario("401 without a body", "GET /orgs/{id}", AuthenticationException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(401));
                    return get(ctx.client());
                },
                (ctx, result, failure) -> {
                    AuthenticationException e = (AuthenticationException) failure;
                    assertEquals(401, e.statusCode());
                    assertTrue(e.errorCode().isEmpty());
                    assertEquals("", e.rawBody().orElseThrow());
                }));
        all.add(new Scenario("404 on permissions (bodiless)", "GET /orgs/{id}/permissions", NotFoundException.class, 1, 1,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(404));
                    return ctx.client().orgs().withResponse().permissions(ID);
                },
                (ctx, result, failure) -> assertEquals(404, ((NotFoundException) failure).statusCode())));

        // -- async -----------------------------------------------------------------------------
        all.add(new Scenario("async: 503, then 200", "GET /orgs/{id} (async)", null, 2, 0,
                ctx -> {
                    ctx.server().enqueue(new MockResponse().setResponseCode(503));
                    ctx.server().enqueue(org());
                    return ctx.client().orgs().async().get(ID).get(10, TimeUnit.SECONDS);
                },
                (ctx, result, failure) -> assertEquals("01HORG", ((OrganizationResponse) result).getId())));
        return all;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static ApiResponse<OrganizationResponse> get(OpenAppClient client) {
        return client.orgs().withResponse().get(ID);
    }

    private static ApiResponse<OrganizationResponse> create(OpenAppClient client) {
        return client.orgs().withResponse().create(createParams());
    }

    private static OrgCreateParams createParams() {
        return OrgCreateParams.builder(LocalizedString.of("en", "Field Office")).build();
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Object result) {
        return ((ApiResponse<T>) result).value();
    }

    private static Integer attemptsOf(Object result, Throwable failure) {
        if (failure instanceof OpenAppException e) {
            return e.attempts();
        }
        if (result instanceof ApiResponse<?> response) {
            return response.attempts();
        }
        return null;
    }

    private static String describe(Object result, Throwable failure) {
        if (failure instanceof OpenAppApiException e) {
            return e.getClass().getSimpleName() + " (HTTP " + e.statusCode() + e.errorCode().map(code -> " " + code).orElse("") + ")";
        }
        if (failure instanceof OpenAppDecodingException e) {
            return "OpenAppDecodingException (HTTP " + e.statusCode() + ")";
        }
        if (failure != null) {
            return failure.getClass().getSimpleName();
        }
        if (result instanceof ApiResponse<?> response) {
            Object value = response.value();
            String what = value instanceof Page<?> page ? "page of " + page.items().size()
                    : value instanceof List<?> list ? "list of " + list.size()
                    : value == null ? "no body" : value.getClass().getSimpleName();
            return "OK " + response.statusCode() + ", " + what;
        }
        return "OK, " + (result == null ? "no body" : result.getClass().getSimpleName());
    }

    private static String bigPage(int items) {
        StringBuilder out = new StringBuilder(6_000_000).append("{\"items\":[");
        String padding = "x".repeat(120);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"id\":\"01HORG").append(i).append("\",\"name\":{\"value\":{\"en\":\"Org ").append(i)
                    .append("\"}},\"user_roles\":{},\"description\":\"").append(padding).append("\"}");
        }
        return out.append("],\"total\":").append(items).append('}').toString();
    }

    /** One scenario's servers, clients, clock and sleeper. */
    static final class Ctx implements AutoCloseable {
        final TestClock clock = new TestClock(NOW);
        final RecordingSleeper sleeper = new RecordingSleeper(clock);
        final MockWebServer server = Fixtures.newServer();
        final List<MockWebServer> others = new ArrayList<>();
        private final List<OpenAppClient> clients = new ArrayList<>();
        private volatile boolean started;

        MockWebServer server() throws IOException {
            if (!started) {
                server.start();
                started = true;
            }
            return server;
        }

        void startServerOn(int port) {
            try {
                server.start(InetAddress.getByName("127.0.0.1"), port);
                started = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        MockWebServer another() throws IOException {
            MockWebServer other = Fixtures.newServer();
            other.start();
            others.add(other);
            return other;
        }

        OpenAppClient client() throws IOException {
            return client(b -> b);
        }

        OpenAppClient client(UnaryOperator<OpenAppClient.Builder> custom) throws IOException {
            OpenAppClient client = custom.apply(Fixtures.builder(server(), clock, sleeper)).build();
            clients.add(client);
            return client;
        }

        OpenAppClient clientOn(String baseUrl, UnaryOperator<OpenAppClient.Builder> custom) {
            OpenAppClient.Builder builder = OpenAppClient.builder().apiKey(Fixtures.API_KEY).baseUrl(baseUrl).clock(clock).sleeper(sleeper)
                    .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5));
            OpenAppClient client = custom.apply(builder).build();
            clients.add(client);
            return client;
        }

        int requestsSeen() {
            int seen = started ? server.getRequestCount() : 0;
            for (MockWebServer other : others) {
                seen += other.getRequestCount();
            }
            return seen;
        }

        @Override
        public void close() throws IOException {
            clients.forEach(OpenAppClient::close);
            if (started) {
                server.shutdown();
            }
            for (MockWebServer other : others) {
                other.shutdown();
            }
        }
    }
}
