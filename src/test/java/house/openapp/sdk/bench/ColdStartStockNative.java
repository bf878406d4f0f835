package house.openapp.sdk.bench;

import house.openapp.sdk.bench.stock.nativeclient.ApiClient;
import house.openapp.sdk.bench.stock.nativeclient.ApiException;
import house.openapp.sdk.bench.stock.nativeclient.api.OrgsApi;
import house.openapp.sdk.bench.stock.nativeclient.model.OrganizationResponse;

/**
 * Benchmark 5, the other peer: a whole process that builds the stock openapi-generator
 * {@code native} client (the JDK {@code HttpClient} and Jackson), fetches one org and prints it.
 * Usage: {@code ColdStartStockNative API_ROOT}.
 */
public final class ColdStartStockNative {
    private ColdStartStockNative() {
    }

    /**
     * Fetches one org and prints its id.
     *
     * @param args the API root
     * @throws ApiException on failure
     */
    public static void main(String[] args) throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(args[0].substring(0, args[0].length() - 1));
        client.setRequestInterceptor(request -> request.header("X-API-Key", Clients.API_KEY));
        OrganizationResponse org = new OrgsApi(client).getOrg(BenchServer.ORG_ID, null);
        System.out.println(org.getId() + " " + org.getName().getValue().get("en"));
    }
}
