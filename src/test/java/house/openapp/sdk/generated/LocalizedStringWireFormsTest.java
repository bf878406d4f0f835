package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.generated.model.LocalizedStringModel;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.UpdateOrganizationRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A localized string is read in any of its three wire forms (wrapped, plain locale map, bare
 * string) and always written wrapped, through the real HTTP stack.
 */
class LocalizedStringWireFormsTest extends MockServerTest {
  private static final String ORG_ID = "01J9ZK3M7Q8RSTVWXYZ0ABCDEF";

  static Stream<Arguments> wireForms() {
    return Stream.of(
        Arguments.of("wrapped", "{\"value\": {\"en\": \"Acme\", \"pt-BR\": \"Acme Ltda\"}}",
            Map.of("en", "Acme", "pt-BR", "Acme Ltda")),
        Arguments.of("plain map", "{\"en\": \"Acme\", \"pt-BR\": \"Acme Ltda\"}",
            Map.of("en", "Acme", "pt-BR", "Acme Ltda")),
        Arguments.of("bare string", "\"Acme\"",
            Map.of(JSON.UNDETERMINED_LOCALE, "Acme")));
  }

  private OrganizationResponse getOrgAnswering(String nameJson, String parentNameJson) throws Exception {
    enqueueJson(200, "{\"id\": \"" + ORG_ID + "\", \"user_roles\": {}, \"parent_id\": \"p\","
        + " \"name\": " + nameJson + ", \"parent_name\": " + parentNameJson + "}");
    OrganizationResponse org = apiKeyClient().createService(OrgsApi.class).getOrg(ORG_ID, null).execute().body();
    takeRequest();
    return org;
  }

  @ParameterizedTest(name = "name as {0}")
  @MethodSource("wireForms")
  void nameIsReadInEveryWireForm(String form, String json, Map<String, String> expected) throws Exception {
    OrganizationResponse org = getOrgAnswering(json, "{\"value\": {\"he\": \"הורה\"}}");

    assertEquals(expected, org.getName().getValue());
    assertEquals(Map.of("he", "הורה"), org.getParentName().getValue());
  }

  @ParameterizedTest(name = "parent_name as {0}")
  @MethodSource("wireForms")
  void parentNameIsReadInEveryWireForm(String form, String json, Map<String, String> expected) throws Exception {
    OrganizationResponse org = getOrgAnswering("\"Child\"", json);

    assertEquals(expected, org.getParentName().getValue());
    assertEquals(Map.of(JSON.UNDETERMINED_LOCALE, "Child"), org.getName().getValue());
  }

  @Test
  void nullParentNameIsReadAsNull() throws Exception {
    OrganizationResponse org = getOrgAnswering("{\"value\": {\"en\": \"Root\"}}", "null");

    assertNull(org.getParentName());
    assertEquals(Map.of("en", "Root"), org.getName().getValue());
  }

  @Test
  void createRequestWritesTheWrappedForm() throws Exception {
    enqueueJson(200, "{\"id\": \"" + ORG_ID + "\", \"name\": \"Acme\", \"user_roles\": {}}");
    CreateOrganizationRequest body = new CreateOrganizationRequest()
        .name(new LocalizedStringModel().putValueItem("en", "Acme").putValueItem("he", "אקמה"));

    apiKeyClient().createService(OrgsApi.class).createOrg(body, null).execute();

    assertJsonEquals("{\"name\": {\"value\": {\"en\": \"Acme\", \"he\": \"אקמה\"}}}",
        takeRequest().getBody().readUtf8());
  }

  @Test
  void aNameReadAsBareStringIsWrittenBackWrapped() throws Exception {
    LocalizedStringModel name = getOrgAnswering("\"Acme\"", "null").getName();
    enqueueJson(200, "{\"id\": \"" + ORG_ID + "\", \"name\": \"Acme\", \"user_roles\": {}}");

    apiKeyClient().createService(OrgsApi.class)
        .updateOrg(ORG_ID, new UpdateOrganizationRequest().name(name), null).execute();

    assertJsonEquals("{\"name\": {\"value\": {\"und\": \"Acme\"}}}", takeRequest().getBody().readUtf8());
  }

  @Test
  void aWrappedNameKeepsWhatTheBundleDoesNotDeclareAndNeverSendsItBack() throws Exception {
    LocalizedStringModel name = getOrgAnswering("{\"value\": {\"en\": \"Acme\"}, \"default_locale\": \"en\"}", "null").getName();

    assertEquals(Map.of("en", "Acme"), name.getValue());
    assertEquals(Map.of("default_locale", "en"), name.getAdditionalProperties());
    enqueueJson(200, "{\"id\": \"" + ORG_ID + "\", \"name\": \"Acme\", \"user_roles\": {}}");
    apiKeyClient().createService(OrgsApi.class)
        .updateOrg(ORG_ID, new UpdateOrganizationRequest().name(name), null).execute();
    assertJsonEquals("{\"name\": {\"value\": {\"en\": \"Acme\"}}}", takeRequest().getBody().readUtf8());
  }
}
