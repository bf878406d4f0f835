package house.openapp.sdk.bench;

import house.openapp.sdk.bench.stock.nativeclient.model.MultiResourceOutputOptionsQuery;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the stock openapi-generator clients of the benchmarks put on the wire, as
 * docs/benchmarks.md reports it ("The peers' wire mistakes"): the requests are recorded by
 * MockWebServer and compared with the wire contract (query objects spread as plain keys,
 * {@code X-API-Key} on every call). If a generator upgrade fixes one of these, the test fails and
 * the page must say so.
 */
class StockClientsWireTest {
    private static final String PAGE = "{\"items\":[],\"total\":0}";

    private MockWebServer server;
    private String apiRoot;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        apiRoot = server.url("/api/v1").toString();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    @Test
    void stockOkHttpGsonTypedListSendsThePaginationObjectsToStringInsteadOfLimitAndOffset() throws Exception {
        server.enqueue(json(PAGE));

        Clients.stockOkHttpGson(apiRoot).listOrgs(null,
                new house.openapp.sdk.bench.stock.okhttpgson.model.PaginationQuery().limit(200).offset(400));

        HttpUrl url = taken().getRequestUrl();
        assertEquals(List.of("pagination"), List.copyOf(url.queryParameterNames()));
        assertEquals("class PaginationQuery {\n    limit: 200\n    offset: 400\n}", url.queryParameter("pagination"));
        assertNull(url.queryParameter("limit"));
        assertNull(url.queryParameter("offset"));
    }

    @Test
    void stockOkHttpGsonTypedListSendsTheOutputOptionsObjectsToStringInsteadOfItsKeys() throws Exception {
        server.enqueue(json(PAGE));

        var options = new house.openapp.sdk.bench.stock.okhttpgson.model.MultiResourceOutputOptionsQuery().includeDeleted(true);
        Clients.stockOkHttpGson(apiRoot).listOrgs(options, null);

        HttpUrl url = taken().getRequestUrl();
        assertEquals(List.of("output_options"), List.copyOf(url.queryParameterNames()));
        // every property the bundle declares is in the toString, so the text is the model's own
        assertEquals(options.toString(), url.queryParameter("output_options"));
        assertTrue(options.toString().startsWith("class MultiResourceOutputOptionsQuery {\n"), options.toString());
        assertTrue(options.toString().contains("\n    includeDeleted: true\n"), options.toString());
    }

    @Test
    void stockOkHttpGsonSendsTheApiKeyOfItsSecurityScheme() throws Exception {
        server.enqueue(json(BenchServer.orgJson(BenchServer.ORG_ID, 0)));

        Clients.stockOkHttpGsonGet(Clients.stockOkHttpGson(apiRoot), BenchServer.ORG_ID);

        RecordedRequest request = taken();
        assertEquals("/api/v1/orgs/" + BenchServer.ORG_ID, request.getPath());
        assertEquals(Clients.API_KEY, request.getHeader("X-API-Key"));
    }

    @Test
    void stockNativeTypedListSpreadsTheQueryObjectsAsPlainKeys() throws Exception {
        server.enqueue(json(PAGE));

        Clients.stockNative(apiRoot).listOrgs(new MultiResourceOutputOptionsQuery().includeDeleted(true),
                new house.openapp.sdk.bench.stock.nativeclient.model.PaginationQuery().limit(200).offset(400));

        assertEquals("/api/v1/orgs?include_deleted=true&limit=200&offset=400", taken().getPath());
    }

    @Test
    void stockNativeListThrowsNullPointerExceptionWithoutTheOptionalOutputOptions() {
        house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi orgs = Clients.stockNative(apiRoot);

        NullPointerException thrown = assertThrows(NullPointerException.class, () -> orgs.listOrgs(null,
                new house.openapp.sdk.bench.stock.nativeclient.model.PaginationQuery().limit(200)));

        assertNotNull(thrown.getMessage());
        assertEquals(0, server.getRequestCount(), "nothing reached the wire");
    }

    @Test
    void stockNativeSendsNoApiKeyOfItsOwnAndAsksForAnH2cUpgradeOnCleartext() throws Exception {
        server.enqueue(json(BenchServer.orgJson(BenchServer.ORG_ID, 0)));
        house.openapp.sdk.bench.stock.nativeclient.ApiClient client = new house.openapp.sdk.bench.stock.nativeclient.ApiClient();
        client.updateBaseUri(apiRoot);

        new house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi(client).getOrg(BenchServer.ORG_ID, null);

        RecordedRequest request = taken();
        assertNull(request.getHeader("X-API-Key"), "the api_key security scheme is ignored");
        assertEquals("h2c", request.getHeader("Upgrade"));
        assertEquals("Upgrade, HTTP2-Settings", request.getHeader("Connection"));
    }

    private RecordedRequest taken() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the server");
        return request;
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
