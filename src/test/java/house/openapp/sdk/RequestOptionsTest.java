package house.openapp.sdk;

import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-call options through {@code orgs().with(RequestOptions)}. */
class RequestOptionsTest extends MockOpenApp {

    @Test
    void orgOptionOverridesTheClientContextForThatViewOnly() throws Exception {
        OpenAppClient withDefault = newClient(builder -> builder.defaultOrg("01HDEFAULT"));
        enqueue(json(orgMin("01HX")), json(orgMin("01HX")));

        withDefault.orgs().with(RequestOptions.builder().org("01HCALL").build()).get("01HX");
        withDefault.orgs().get("01HX");

        assertEquals("01HCALL", take().getHeader("X-Org"));
        assertEquals("01HDEFAULT", take().getHeader("X-Org"), "the view did not change the client's orgs()");
    }

    @Test
    void correlationIdIsSentAndEchoedAsRequestId() throws Exception {
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public okhttp3.mockwebserver.MockResponse dispatch(RecordedRequest request) {
                return json(orgMin("01HX")).setHeader("X-Request-Id", String.valueOf(request.getHeader("X-Correlation-Id")));
            }
        });

        ApiResponse<OrganizationResponse> response = client.orgs().with(RequestOptions.builder().correlationId("checkout-42").build())
                .withResponse().get("01HX");

        assertEquals("checkout-42", take().getHeader("X-Correlation-Id"));
        assertEquals(Optional.of("checkout-42"), response.requestId());
    }

    @Test
    void extraHeadersAreSentInAdditionToTheClientOnes() throws Exception {
        enqueueJson(orgMin("01HX"));
        RequestOptions options = RequestOptions.builder().header("X-Feature", "beta").header("Accept-Language", "he")
                .header("x-feature", "gamma").build();

        client.orgs().with(options).get("01HX");

        RecordedRequest request = take("GET", "/orgs/01HX");
        assertEquals("gamma", request.getHeader("X-Feature"), "a later header of the same name replaces the earlier one");
        assertEquals(1, request.getHeaders().values("X-Feature").size());
        assertEquals("he", request.getHeader("Accept-Language"));
        assertAuthenticated(request);
    }

    @Test
    void aPerCallTimeoutShorterThanTheServerDelayTimesOut() {
        enqueue(noResponse());
        Orgs hurried = client.orgs().with(RequestOptions.builder().timeout(Duration.ofMillis(150)).build());

        long start = System.nanoTime();
        OpenAppTimeoutException e = assertThrows(OpenAppTimeoutException.class, () -> hurried.get("01HX"));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(elapsedMillis < 5_000, "gave up after " + elapsedMillis + " ms, not the 30 s read timeout");
        assertEquals(1, server.getRequestCount(), "no retry after the call's deadline");
        assertTrue(e.getMessage().contains("GET"), e.getMessage());
    }

    @Test
    void aPerCallTimeoutAppliesToAsyncCallsToo() {
        enqueue(noResponse());

        ExecutionException e = assertThrows(ExecutionException.class, () -> client.orgs()
                .with(RequestOptions.builder().timeout(Duration.ofMillis(150)).build())
                .async().list(ListParams.DEFAULT).get(5, TimeUnit.SECONDS));

        assertInstanceOf(OpenAppTimeoutException.class, e.getCause());
    }

    @Test
    void aPerCallTimeoutLongerThanTheServerDelaySucceeds() throws Exception {
        enqueue(json(orgMin("01HX")).setHeadersDelay(100, TimeUnit.MILLISECONDS));

        OrganizationResponse org = client.orgs().with(RequestOptions.builder().timeout(Duration.ofSeconds(3)).build()).get("01HX");

        assertEquals("01HX", org.getId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-API-Key", "x-api-key", "Authorization", "AUTHORIZATION", "Host", "Content-Length"})
    void credentialAndFramingHeadersCannotBeSetPerCall(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.builder().header(name, "Bearer stolen"));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Evil: 1", "a\nb", "a\rb", "a\u0000b"})
    void headerValuesWithLineBreaksAreRefused(String value) {
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.builder().header("X-Feature", value));
        assertTrue(header.getMessage().contains("X-Feature"), header.getMessage());
        IllegalArgumentException correlation = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.builder().correlationId(value));
        assertTrue(correlation.getMessage().startsWith("correlationId "), correlation.getMessage());
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class,
                () -> RequestOptions.builder().confirmationToken(value));
        assertTrue(token.getMessage().startsWith("confirmationToken "), token.getMessage());
        IllegalArgumentException org = assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().org(value));
        assertTrue(org.getMessage().startsWith("org "), org.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void headerNamesMustBeTokens() {
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("X Feature", "v"));
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("X-Feature:", "v"));
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("", "v"));
    }

    @Test
    void optionsAreImmutableValues() {
        RequestOptions.Builder builder = RequestOptions.builder().org("01HA").header("X-A", "1");
        RequestOptions first = builder.build();
        builder.header("X-B", "2");

        assertEquals(Map.of("X-A", "1"), first.headers());
        assertThrows(UnsupportedOperationException.class, () -> first.headers().put("X-C", "3"));
        assertEquals(first, first.toBuilder().build());
        assertFalse(first.equals(first.toBuilder().org("01HB").build()));
        assertEquals(Optional.empty(), RequestOptions.NONE.org());
        assertNull(RequestOptions.NONE.timeout().orElse(null));
    }

    @Test
    void toStringShowsHeaderNamesButNotValuesOrTokens() {
        RequestOptions options = RequestOptions.builder().header("X-Feature", "value-" + SECRET).confirmationToken(SECRET).build();

        assertFalse(options.toString().contains(SECRET), options.toString());
        assertTrue(options.toString().contains("X-Feature"), options.toString());
        assertFalse(client.orgs().with(options).toString().contains(SECRET));
    }
}
