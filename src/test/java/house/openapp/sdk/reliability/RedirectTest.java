package house.openapp.sdk.reliability;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.errors.RedirectException;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static house.openapp.sdk.reliability.Fixtures.API_KEY;
import static house.openapp.sdk.reliability.Fixtures.ORG_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, findings 5 and 6: a redirect to another origin carries nothing the SDK or the
 * caller added, a body is never sent there, and a redirect loop costs a bounded number of
 * requests and is not retried.
 */
class RedirectTest {
    /** Everything the SDK or a caller adds to a request; none may reach another origin. */
    private static final List<String> ADDED = List.of("X-API-Key", "Authorization", "X-Org", "X-Correlation-Id", "X-OpenApp-Confirm",
            "X-Caller", "Proxy-Authorization", "Cookie");

    private static OpenAppClient client(MockWebServer api) {
        Fixtures.TestClock clock = new Fixtures.TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        return OpenAppClient.builder().apiKey(API_KEY).baseUrl(api.url("/api/v1").toString()).defaultOrg("01HDEFAULT")
                .clock(clock).sleeper(new Fixtures.RecordingSleeper(clock)).build();
    }

    private static RequestOptions everything() {
        return RequestOptions.builder().org("01HCTX").correlationId("corr-7").confirmationToken("preview-token")
                .header("X-Caller", "mine").header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0").header("Cookie", "session=abc").build();
    }

    @Test
    void aHopToAnotherOriginCarriesNothingTheSdkOrTheCallerAdded() throws Exception {
        for (int code : new int[] {301, 302, 303, 307, 308}) {
            try (MockWebServer api = Fixtures.newServer(); MockWebServer other = Fixtures.newServer()) {
                other.enqueue(Fixtures.ok(ORG_JSON));
                api.enqueue(new MockResponse().setResponseCode(code).setHeader("Location", other.url("/elsewhere/01HORG")));
                try (OpenAppClient client = client(api)) {
                    client.orgs().with(everything()).get("01HORG");
                }
                RecordedRequest sent = api.takeRequest(1, TimeUnit.SECONDS);
                assertEquals("01HCTX", sent.getHeader("X-Org"), "the API itself gets the context");
                RecordedRequest hop = other.takeRequest(1, TimeUnit.SECONDS);
                for (String header : ADDED) {
                    assertNull(hop.getHeader(header), code + " forwarded " + header + " to another origin");
                }
                assertEquals(1, api.getRequestCount());
                assertEquals(1, other.getRequestCount());
            }
        }
    }

    @Test
    void aHopBackToTheApiAfterLeavingItGetsNoCredentialEither() throws Exception {
        try (MockWebServer api = Fixtures.newServer(); MockWebServer other = Fixtures.newServer()) {
            api.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", other.url("/bounce")));
            other.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", api.url("/api/v1/orgs/01HORG")));
            api.enqueue(Fixtures.ok(ORG_JSON));
            try (OpenAppClient client = client(api)) {
                client.orgs().with(everything()).get("01HORG");
            }
            api.takeRequest(1, TimeUnit.SECONDS);
            RecordedRequest back = api.takeRequest(1, TimeUnit.SECONDS);
            for (String header : ADDED) {
                assertNull(back.getHeader(header), "the hop back to the API got " + header);
            }
        }
    }

    @Test
    void a307Or308WithABodyIsNeverFollowedToAnotherOrigin() throws Exception {
        for (int code : new int[] {307, 308}) {
            try (MockWebServer api = Fixtures.newServer(); MockWebServer other = Fixtures.newServer()) {
                api.enqueue(new MockResponse().setResponseCode(code).setHeader("Location", other.url("/steal")));
                try (OpenAppClient client = client(api)) {
                    RedirectException e = assertThrows(RedirectException.class, () -> client.orgs().create("Acme"));
                    assertEquals(code, e.statusCode());
                    assertEquals(1, e.attempts());
                    assertTrue(e.getMessage().contains("another origin"), e.getMessage());
                }
                assertEquals(1, api.getRequestCount());
                assertEquals(0, other.getRequestCount(), code + " sent the create body to another origin");
            }
        }
    }

    @Test
    void aRedirectLoopCostsAtMostTenRequestsAndIsNotRetried() throws Exception {
        for (String method : new String[] {"GET", "POST", "ASYNC"}) {
            try (MockWebServer api = Fixtures.newServer()) {
                api.setDispatcher(new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        return new MockResponse().setResponseCode(method.equals("POST") ? 307 : 302)
                                .setHeader("Location", request.getPath());
                    }
                });
                try (OpenAppClient client = client(api)) {
                    RedirectException e;
                    if (method.equals("ASYNC")) {
                        ExecutionException failed = assertThrows(ExecutionException.class,
                                () -> client.orgs().async().get("01HORG").get(10, TimeUnit.SECONDS));
                        e = assertInstanceOf(RedirectException.class, failed.getCause());
                    } else if (method.equals("POST")) {
                        e = assertThrows(RedirectException.class, () -> client.orgs().create("Acme"));
                    } else {
                        e = assertThrows(RedirectException.class, () -> client.orgs().get("01HORG"));
                    }
                    assertEquals(1, e.attempts(), method);
                    assertTrue(e.getMessage().contains("too many redirects"), e.getMessage());
                }
                assertEquals(10, api.getRequestCount(), method + ": requests for one call");
            }
        }
    }

    @Test
    void theGeneratedLayerStopsAtTheSameLimit() throws Exception {
        try (MockWebServer api = Fixtures.newServer()) {
            api.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setResponseCode(302).setHeader("Location", request.getPath());
                }
            });
            try (OpenAppClient client = client(api)) {
                retrofit2.Response<?> response = client.generated().orgsApi().getOrg("01HORG", null).execute();
                assertEquals(302, response.code());
            }
            assertEquals(10, api.getRequestCount());
        }
    }
}
