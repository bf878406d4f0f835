package example;

import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgCreateParams;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.testing.FakeOpenApp;
import house.openapp.sdk.testing.WithFakeOpenApp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** README's testkit example, in a user's build with only README's dependency blocks. */
@WithFakeOpenApp
class MyServiceTest {
    @Test
    void createsTheSiteOrg(OpenAppClient client, FakeOpenApp fake) {
        new MyService(client).onboard("Acme");
        assertEquals(2, fake.orgCount());
    }
}
