package house.openapp.sdk.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Annotation that registers {@link FakeOpenAppExtension} on a test class or method: each test
 * gets a fresh, running {@link FakeOpenApp} and an {@code OpenAppClient} pointed at it (with the
 * fake's admin key) as parameters, both shut down when the test ends.
 *
 * <pre>{@code
 * @WithFakeOpenApp
 * class OrgsTest {
 *   @Test
 *   void createsAChild(OpenAppClient client, FakeOpenApp fake) {
 *     OrganizationResponse child = client.orgs().create(
 *         OrgCreateParams.builder(LocalizedString.of("en", "Gate")).parentId(fake.rootOrgId()).build());
 *     assertTrue(fake.hasOrg(child.getId()));
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(FakeOpenAppExtension.class)
public @interface WithFakeOpenApp {
}
