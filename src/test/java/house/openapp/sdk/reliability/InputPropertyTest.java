package house.openapp.sdk.reliability;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgUpdateParams;
import house.openapp.sdk.Orgs;
import house.openapp.sdk.RequestOptions;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: every generated id, name, description, search query, parent id and org context
 * either reaches the server exactly (the decoded path segment, query value, JSON string or
 * header equals the input) or is refused with {@link IllegalArgumentException} before anything
 * is sent. Nothing else: no other exception, no altered value, no extra request. An oracle of
 * the documented rules also says which of the two must happen, so over-refusing fails too.
 * Seeded, so a failure names an input that reproduces.
 */
class InputPropertyTest {
    private static final long SEED = 20_260_101L;
    private static final int PER_CATEGORY = 2_000;

    enum Category { ID, NAME, DESCRIPTION, SEARCH_QUERY, PARENT_ID, ORG_CONTEXT }

    private MockWebServer server;
    private OpenAppClient client;

    @BeforeEach
    void start() throws IOException {
        server = Fixtures.newServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                List<String> segments = request.getRequestUrl().pathSegments();
                boolean page = segments.size() == 4 && ("search".equals(segments.get(3)) || "children".equals(segments.get(3)))
                        && "GET".equals(request.getMethod());
                return Fixtures.ok(page ? Fixtures.EMPTY_PAGE
                        : segments.size() == 4 ? Fixtures.orgWithId(segments.get(3)) : Fixtures.ORG_JSON); // a get answers with its id
            }
        });
        server.start();
        client = OpenAppClient.builder().apiKey(Fixtures.API_KEY).baseUrl(server.url("/api/v1").toString()).build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    @Test
    void everyInputReachesTheServerExactlyOrIsRefusedBeforeSending() throws Exception {
        Random random = new Random(SEED);
        Map<Category, int[]> counts = new EnumMap<>(Category.class);
        Map<String, Integer> features = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (Category category : Category.values()) {
            int[] count = counts.computeIfAbsent(category, c -> new int[2]);
            List<String> inputs = new ArrayList<>(FIXED);
            for (int i = 0; i < PER_CATEGORY; i++) {
                inputs.add(generate(random));
            }
            for (String input : inputs) {
                tried++;
                features(input).forEach(f -> features.merge(f, 1, Integer::sum));
                String failure = check(category, input, count);
                if (failure != null && failures.size() < 20) {
                    failures.add(category + " " + quote(input) + ": " + failure);
                }
            }
        }
        int sent = counts.values().stream().mapToInt(c -> c[0]).sum();
        int refused = counts.values().stream().mapToInt(c -> c[1]).sum();
        StringBuilder report = new StringBuilder("seed " + SEED + "; inputs tried " + tried + ", sent exactly " + sent
                + ", refused before sending " + refused + ", anything else " + failures.size() + "\n\n");
        report.append("| input | tried | sent exactly | refused (IllegalArgumentException, nothing sent) |\n|---|---|---|---|\n");
        for (Map.Entry<Category, int[]> entry : counts.entrySet()) {
            int[] c = entry.getValue();
            report.append("| ").append(describe(entry.getKey())).append(" | ").append(c[0] + c[1]).append(" | ").append(c[0])
                    .append(" | ").append(c[1]).append(" |\n");
        }
        report.append("\ninputs containing: ").append(features).append('\n');
        System.out.println("# Input property\n\n" + report);
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("input-property.md"), "# Input property\n\n" + report, StandardCharsets.UTF_8);

        assertEquals(List.of(), failures);
        assertTrue(tried >= 10_000, tried + " inputs");
        assertEquals(tried, sent + refused);
        assertEquals(sent, server.getRequestCount(), "one request per accepted input, none for a refused one");
        for (String feature : List.of("CR or LF", "emoji", "right-to-left", "URL-reserved", "%", "+", "&", "#", "unpaired surrogate")) {
            assertTrue(features.getOrDefault(feature, 0) >= 100, "too few inputs with " + feature + ": " + features);
        }
        for (int[] c : counts.values()) {
            assertTrue(c[0] > 100 && c[1] > 100, "each category sends and refuses: " + c[0] + "/" + c[1]);
        }
    }

    /** Runs one input; returns null when the property holds, else what went wrong. */
    private String check(Category category, String input, int[] count) throws InterruptedException {
        int before = server.getRequestCount();
        boolean mustRefuse = mustRefuse(category, input);
        try {
            call(category, input);
        } catch (IllegalArgumentException refused) {
            if (server.getRequestCount() != before) {
                return "refused but " + (server.getRequestCount() - before) + " request(s) went out";
            }
            if (!mustRefuse) {
                return "refused although the rules allow it: " + refused.getMessage();
            }
            count[1]++;
            return null;
        } catch (RuntimeException other) {
            return "neither sent nor refused: " + other;
        }
        RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS);
        if (request == null || server.getRequestCount() != before + 1) {
            return "accepted but the server saw " + (server.getRequestCount() - before) + " requests";
        }
        String arrived = arrived(category, request);
        if (!input.equals(arrived)) {
            return "arrived as " + quote(arrived) + " (" + request.getRequestLine() + ")";
        }
        if (mustRefuse) {
            return "sent although the rules refuse it";
        }
        count[0]++;
        return null;
    }

    private void call(Category category, String input) {
        Orgs orgs = client.orgs();
        switch (category) {
            case ID -> orgs.get(input);
            case NAME -> orgs.create(input);
            case DESCRIPTION -> orgs.update("01HORG", OrgUpdateParams.builder().description(input).build());
            case SEARCH_QUERY -> orgs.search(input);
            case PARENT_ID -> orgs.children(input);
            case ORG_CONTEXT -> orgs.with(RequestOptions.builder().org(input).build()).get("01HORG");
            default -> throw new AssertionError(category);
        }
    }

    private static String arrived(Category category, RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        switch (category) {
            case ID: {
                List<String> segments = url.pathSegments();
                return segments.size() == 4 && segments.subList(0, 3).equals(List.of("api", "v1", "orgs")) && url.query() == null
                        ? segments.get(3) : "<path " + url.encodedPath() + "?" + url.encodedQuery() + ">";
            }
            case NAME:
                return jsonString(request, json -> json.getAsJsonObject("name").getAsJsonObject("value").get("en"));
            case DESCRIPTION:
                return jsonString(request, json -> json.get("description"));
            case SEARCH_QUERY:
                return url.encodedPath().equals("/api/v1/orgs/search") && url.queryParameterNames().equals(java.util.Set.of("q"))
                        ? url.queryParameter("q") : "<" + url + ">";
            case PARENT_ID:
                return url.encodedPath().equals("/api/v1/orgs/children") && url.queryParameterNames().equals(java.util.Set.of("parent_id"))
                        ? url.queryParameter("parent_id") : "<" + url + ">";
            case ORG_CONTEXT:
                return request.getHeaders().values("X-Org").size() == 1 ? request.getHeader("X-Org") : "<" + request.getHeaders() + ">";
            default:
                throw new AssertionError(category);
        }
    }

    private static String jsonString(RecordedRequest request, Function<JsonObject, JsonElement> field) {
        try {
            JsonElement value = field.apply(JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject());
            return value == null || value.isJsonNull() ? "<missing>" : value.getAsString();
        } catch (RuntimeException e) {
            return "<unreadable body: " + e + ">";
        }
    }

    /** The documented rules, independently of the SDK's code. */
    private static boolean mustRefuse(Category category, String input) {
        boolean control = input.chars().anyMatch(Character::isISOControl);
        boolean unpaired = hasUnpairedSurrogate(input);
        boolean segmentUnsafe = input.isBlank() || input.equals(".") || input.equals("..") || input.indexOf('/') >= 0
                || input.indexOf('\\') >= 0;
        switch (category) {
            case ID:
            case PARENT_ID:
                return control || unpaired || segmentUnsafe;
            case NAME:
                return control || unpaired || input.isBlank();
            case DESCRIPTION:
                return unpaired;
            case SEARCH_QUERY:
                return control || unpaired || input.isBlank(); // the API requires a non-empty q
            case ORG_CONTEXT:
                return control || unpaired || segmentUnsafe || input.chars().anyMatch(c -> c > 0x7e)
                        || input.startsWith(" ") || input.endsWith(" ");
            default:
                throw new AssertionError(category);
        }
    }

    // ---- the generator ---------------------------------------------------------------------------

    private static final List<String> FIXED = List.of("", " ", "\t", ".", "..", "...", "/", "\\", "%", "%2e", "%2e%2e", "%2F", "%00",
            "+", "a+b", "a b", "&", "a&b=c", "#", "?", "?q=1", "a\r\nX-Injected: 1", "\n", "\r", "\u0000", "\u007f", "\u0085",
            "\u2028", "\u00a0", "\ufeff", "\ufffe", "\uffff", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u05e9\u05dc\u05d5\u05dd",
            "\u202eevil", "01HORG", "ÄÖÜ", "中文", "x".repeat(300), "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67");

    private static final String RESERVED = ":/?#[]@!$&'()*+,;=%\"<>\\^`{|}~ .-_";
    private static final int[] CONTROLS = {'\r', '\n', 0, '\t', 0x7f, 0x85, 0x1b, 0x0b, 0x0c};
    private static final int[] BIDI = {0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069};
    private static final int[] ODD = {0xfeff, 0x00a0, 0x2028, 0x2029, 0xfffe, 0xffff, 0xe000, 0x10ffff, 0x1d11e, 0x0300, 0x0301, 0x200d};

    static String generate(Random random) {
        int tokens = random.nextInt(12);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            int pick = random.nextInt(100);
            if (pick < 25) {
                out.appendCodePoint(alnum(random));
            } else if (pick < 45) {
                out.append(RESERVED.charAt(random.nextInt(RESERVED.length())));
            } else if (pick < 50) {
                out.appendCodePoint(CONTROLS[random.nextInt(CONTROLS.length)]);
            } else if (pick < 58) {
                out.appendCodePoint(random.nextBoolean() ? 0x05d0 + random.nextInt(27) : 0x0627 + random.nextInt(36));
            } else if (pick < 62) {
                out.appendCodePoint(BIDI[random.nextInt(BIDI.length)]);
            } else if (pick < 70) {
                out.appendCodePoint(0x1f600 + random.nextInt(80));
                if (random.nextInt(4) == 0) {
                    out.appendCodePoint(0x200d).appendCodePoint(0x1f466 + random.nextInt(4));
                }
            } else if (pick < 76) {
                out.appendCodePoint(0x4e00 + random.nextInt(0x5000));
            } else if (pick < 81) {
                out.appendCodePoint(0x00c0 + random.nextInt(0x140));
            } else if (pick < 86) {
                out.appendCodePoint(ODD[random.nextInt(ODD.length)]);
            } else if (pick < 88) {
                out.append((char) (0xd800 + random.nextInt(0x800)));
            } else if (pick < 93) {
                out.append(List.of("%2e", "%2E%2e", "%2F", "%25", "%0d%0a", "..", "./", "+", "&x=", "#f", "?a=b").get(random.nextInt(11)));
            } else {
                out.appendCodePoint(random.nextInt(0x110000) & ~0x800);
            }
        }
        if (random.nextInt(40) == 0) {
            return random.nextBoolean() ? "." : "..";
        }
        return out.toString();
    }

    private static int alnum(Random random) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyz";
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    private static List<String> features(String input) {
        List<String> found = new ArrayList<>();
        if (input.indexOf('\r') >= 0 || input.indexOf('\n') >= 0) {
            found.add("CR or LF");
        }
        if (input.codePoints().anyMatch(c -> c >= 0x1f000 && c < 0x1fb00)) {
            found.add("emoji");
        }
        if (input.codePoints().anyMatch(c -> (c >= 0x0590 && c < 0x0700) || (c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069))) {
            found.add("right-to-left");
        }
        if (input.chars().anyMatch(c -> ":/?#[]@!$&'()*,;=".indexOf(c) >= 0)) {
            found.add("URL-reserved");
        }
        for (String single : List.of("%", "+", "&", "#")) {
            if (input.contains(single)) {
                found.add(single);
            }
        }
        if (hasUnpairedSurrogate(input)) {
            found.add("unpaired surrogate");
        }
        if (input.equals(".") || input.equals("..")) {
            found.add("dot segment");
        }
        return found;
    }

    private static boolean hasUnpairedSurrogate(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < input.length() && Character.isLowSurrogate(input.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Category category) {
        return switch (category) {
            case ID -> "id (path segment of GET /orgs/{id})";
            case NAME -> "name (create(name): JSON body name.value.en)";
            case DESCRIPTION -> "description (update: JSON body)";
            case SEARCH_QUERY -> "search q (query value)";
            case PARENT_ID -> "parent_id (children: query value)";
            case ORG_CONTEXT -> "org context (X-Org header via RequestOptions.org)";
        };
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate((char) c) && c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return Objects.toString(out.append('"'));
    }
}
