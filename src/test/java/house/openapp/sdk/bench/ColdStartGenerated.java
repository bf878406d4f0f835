package house.openapp.sdk.bench;

import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrganizationResponse;

import java.io.IOException;

/**
 * Benchmark 5, the middle: a whole process that builds the generated {@code ApiClient}, fetches
 * one org through {@code OrgsApi} and prints it. Usage: {@code ColdStartGenerated API_ROOT}.
 */
public final class ColdStartGenerated {
    private ColdStartGenerated() {
    }

    /**
     * Fetches one org and prints its id.
     *
     * @param args the API root
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        ApiClient client = ApiClient.builder().baseUrl(args[0]).apiKey(Clients.API_KEY).build();
        OrganizationResponse org = client.createService(OrgsApi.class).getOrg(BenchServer.ORG_ID, null).execute().body();
        System.out.println(org.getId() + " " + org.getName().getValue().get("en"));
        client.getOkHttpClient().dispatcher().executorService().shutdown();
        client.getOkHttpClient().connectionPool().evictAll();
    }
}
