package house.openapp.sdk.bench;

import com.google.gson.Gson;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.JSON;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The clients the benchmarks compare, each built the way a user would build it with defaults,
 * and each call returning the same parsed {@link OrganizationResponse} for an id given at call
 * time: raw OkHttp and the JDK {@code HttpClient} build their request per call and parse with
 * the generated layer's Gson, so only the HTTP path differs. The stock openapi-generator clients
 * ({@code okhttp-gson} and {@code native}, generated into {@code target/} by the build from the
 * same bundle without our templates) are built as their READMEs show, with their own models.
 */
final class Clients {
    /** A well-formed key; its origin is never used because every client gets the base URL. */
    static final String API_KEY = "http://127.0.0.1_openapp_bench-secret";

    private static final Gson GSON = new JSON().getGson();

    private Clients() {
    }

    static OkHttpClient rawOkHttp() {
        return new OkHttpClient();
    }

    /**
     * Fetches the org with raw OkHttp as careful application code would: the request built for
     * the id at hand (the id encoded as a path segment), sent, and the body parsed with Gson.
     * Reusing one prebuilt {@code Request} would measure a call no application makes.
     */
    static OrganizationResponse rawOkHttpGet(OkHttpClient http, HttpUrl apiRoot, String id) throws IOException {
        try (Response response = http.newCall(rawRequest(apiRoot, id)).execute()) {
            return rawBody(response);
        }
    }

    /**
     * The same call through OkHttp's {@code enqueue}, the baseline of every async client: the
     * body is parsed on OkHttp's dispatcher thread and handed over in a future.
     */
    static CompletableFuture<OrganizationResponse> rawOkHttpGetAsync(OkHttpClient http, HttpUrl apiRoot, String id) {
        CompletableFuture<OrganizationResponse> result = new CompletableFuture<>();
        http.newCall(rawRequest(apiRoot, id)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    result.complete(rawBody(response));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    private static Request rawRequest(HttpUrl apiRoot, String id) {
        return new Request.Builder().url(apiRoot.newBuilder().addPathSegment("orgs").addPathSegment(id).build())
                .header("X-API-Key", API_KEY).header("Accept", "application/json").build();
    }

    private static OrganizationResponse rawBody(Response response) throws IOException {
        if (!response.isSuccessful()) {
            throw new IOException("HTTP " + response.code());
        }
        return GSON.fromJson(response.body().charStream(), OrganizationResponse.class);
    }

    static HttpClient jdk() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The same with the JDK's client: the request built for the id, the body parsed with Gson. */
    static OrganizationResponse jdkGet(HttpClient http, HttpUrl apiRoot, String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(apiRoot.newBuilder().addPathSegment("orgs").addPathSegment(id).build().uri())
                .header("X-API-Key", API_KEY).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (Reader reader = new InputStreamReader(response.body(), StandardCharsets.UTF_8)) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return GSON.fromJson(reader, OrganizationResponse.class);
        }
    }

    static ApiClient generated(String apiRoot) {
        return ApiClient.builder().baseUrl(apiRoot).apiKey(API_KEY).build();
    }

    static OrganizationResponse generatedGet(OrgsApi orgs) throws IOException {
        retrofit2.Response<OrganizationResponse> response = orgs.getOrg(BenchServer.ORG_ID, null).execute();
        if (!response.isSuccessful()) {
            throw new IOException("HTTP " + response.code());
        }
        return response.body();
    }

    static OpenAppClient facade(String apiRoot) {
        return OpenAppClient.builder().apiKey(API_KEY).baseUrl(apiRoot).build();
    }

    /**
     * The stock {@code okhttp-gson} client as its README sets it up: an {@code ApiClient} with
     * the base path and the API key of the bundle's {@code api_key} scheme.
     */
    static house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi stockOkHttpGson(String apiRoot) {
        house.openapp.sdk.bench.stock.okhttpgson.ApiClient client = new house.openapp.sdk.bench.stock.okhttpgson.ApiClient();
        client.setBasePath(withoutTrailingSlash(apiRoot));
        client.setApiKey(API_KEY);
        return new house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi(client);
    }

    static house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationResponse stockOkHttpGsonGet(
            house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi orgs, String id) throws house.openapp.sdk.bench.stock.okhttpgson.ApiException {
        return orgs.getOrg(id, null);
    }

    /**
     * The stock {@code native} client (the JDK {@code HttpClient} and Jackson). It implements no
     * security scheme, so the key goes in through its request interceptor, as its README advises.
     */
    static house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi stockNative(String apiRoot) {
        house.openapp.sdk.bench.stock.nativeclient.ApiClient client = new house.openapp.sdk.bench.stock.nativeclient.ApiClient();
        client.updateBaseUri(withoutTrailingSlash(apiRoot));
        client.setRequestInterceptor(request -> request.header("X-API-Key", API_KEY));
        return new house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi(client);
    }

    static house.openapp.sdk.bench.stock.nativeclient.model.OrganizationResponse stockNativeGet(
            house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi orgs, String id) throws house.openapp.sdk.bench.stock.nativeclient.ApiException {
        return orgs.getOrg(id, null);
    }

    private static String withoutTrailingSlash(String apiRoot) {
        return apiRoot.endsWith("/") ? apiRoot.substring(0, apiRoot.length() - 1) : apiRoot;
    }

    static void shutdown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Fails unless a call returned the benchmark's org: a benchmark of a broken call measures nothing. */
    static void check(OrganizationResponse org, String client) {
        if (org == null || !BenchServer.ORG_ID.equals(org.getId())) {
            throw new IllegalStateException(client + " did not return the benchmark org: " + org);
        }
    }

    /** The same for a stock client, whose model is its own: the id it parsed. */
    static void check(String id, String client) {
        if (!BenchServer.ORG_ID.equals(id)) {
            throw new IllegalStateException(client + " did not return the benchmark org but " + id);
        }
    }
}
