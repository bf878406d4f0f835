package house.openapp.sdk.bench;

import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.generated.model.OrganizationResponse;

/**
 * Benchmark 5, the SDK: a whole process that builds an {@link OpenAppClient}, fetches one org
 * and prints it. Usage: {@code ColdStartFacade API_ROOT}.
 */
public final class ColdStartFacade {
    private ColdStartFacade() {
    }

    /**
     * Fetches one org and prints its id.
     *
     * @param args the API root
     */
    public static void main(String[] args) {
        try (OpenAppClient client = OpenAppClient.builder().apiKey(Clients.API_KEY).baseUrl(args[0]).build()) {
            OrganizationResponse org = client.orgs().get(BenchServer.ORG_ID);
            System.out.println(org.getId() + " " + org.getName().getValue().get("en"));
        }
    }
}
