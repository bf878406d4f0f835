package example;

import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgCreateParams;
import house.openapp.sdk.generated.model.OrganizationResponse;

/** A user's service: onboarding a customer creates a site org under the caller's root. */
public final class MyService {
    private final OpenAppClient client;

    public MyService(OpenAppClient client) {
        this.client = client;
    }

    public OrganizationResponse onboard(String customer) {
        String root = client.orgs().children(null).items().get(0).getId();
        return client.orgs().create(OrgCreateParams.builder(LocalizedString.of("en", customer)).parentId(root).build());
    }
}
