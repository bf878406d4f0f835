package house.openapp.sdk.examples;

import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgCreateParams;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.testing.FakeOpenApp;
import house.openapp.sdk.testing.WithFakeOpenApp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

// README's testkit example, verbatim between the markers (ReadmeSnippetsTest checks it; .ci/consumer-check
// runs the README's copy in a user's build). The fake's key is an admin of its root org, not a platform
// admin, so the example creates under fake.rootOrgId(): a new root would be refused with 403.
// snippet:testkit-example
@WithFakeOpenApp
class MyServiceTest {
    @Test
    void createsTheSiteOrgUnderTheRoot(OpenAppClient client, FakeOpenApp fake) {
        OrganizationResponse site = client.orgs().create(
                OrgCreateParams.builder(LocalizedString.of("en", "Acme")).parentId(fake.rootOrgId()).build());
        assertEquals(fake.rootOrgId(), site.getParentId());
        assertEquals(2, fake.orgCount());
    }
}
// end-snippet
