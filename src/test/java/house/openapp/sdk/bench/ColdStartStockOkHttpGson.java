package house.openapp.sdk.bench;

import house.openapp.sdk.bench.stock.okhttpgson.ApiClient;
import house.openapp.sdk.bench.stock.okhttpgson.ApiException;
import house.openapp.sdk.bench.stock.okhttpgson.api.OrgsApi;
import house.openapp.sdk.bench.stock.okhttpgson.model.OrganizationResponse;

/**
 * Benchmark 5, the peer: a whole process that builds the stock openapi-generator
 * {@code okhttp-gson} client, fetches one org and prints it. Usage:
 * {@code ColdStartStockOkHttpGson API_ROOT}.
 */
public final class ColdStartStockOkHttpGson {
    private ColdStartStockOkHttpGson() {
    }

    /**
     * Fetches one org and prints its id.
     *
     * @param args the API root
     * @throws ApiException on failure
     */
    public static void main(String[] args) throws ApiException {
        ApiClient client = new ApiClient();
        client.setBasePath(args[0].substring(0, args[0].length() - 1));
        client.setApiKey(Clients.API_KEY);
        OrganizationResponse org = new OrgsApi(client).getOrg(BenchServer.ORG_ID, null);
        System.out.println(org.getId() + " " + org.getName().getValue().get("en"));
        client.getHttpClient().dispatcher().executorService().shutdown();
        client.getHttpClient().connectionPool().evictAll();
    }
}
