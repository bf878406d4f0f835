package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.MultipartReader;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/** Every operation of {@link MediaApi}: the organisation image, including its multipart upload. */
class MediaApiWireTest extends MockServerTest {
  private static final String ORG_ID = "01J9ZK3M7Q8RSTVWXYZ0ABCDEF";
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 1, 2, 3};
  private static final Pattern DISPOSITION_PARAM = Pattern.compile(";\\s*(\\w+)=\"([^\"]*)\"");

  private MediaApi media() {
    return apiKeyClient().createService(MediaApi.class);
  }

  @Test
  void getOrgImageReadsTheTimeLimitedUrl() throws Exception {
    enqueueJson(200, "{\"url\": \"https://cdn.example/orgs/x.png?sig=abc&exp=1\", \"expires_in_seconds\": 900}");

    Response<ResourceImageUrlResponse> response = media().getOrgImage("org 1?x").execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/org%201%3Fx/image", request.getPath());
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 200);
    assertEquals("https://cdn.example/orgs/x.png?sig=abc&exp=1", response.body().getUrl());
    assertEquals(900L, response.body().getExpiresInSeconds());
  }

  @Test
  void getOrgImageWithoutAnImageIsASuccessfulNoContentWithNullBody() throws Exception {
    enqueueEmpty(204);

    Response<ResourceImageUrlResponse> response = media().getOrgImage(ORG_ID).execute();

    RecordedRequest request = takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/api/v1/orgs/" + ORG_ID + "/image", request.getPath());
    assertApiKeyAuthentication(request);

    assertSuccessful(response, 204);
    assertNull(response.body());
  }

  @Test
  void postOrgImageSendsExactlyOnePartNamedFile() throws Exception {
    enqueueJson(200, "{\"url\": \"https://cdn.example/orgs/new.png\", \"expires_in_seconds\": 300}");
    MultipartBody.Part file = MultipartBody.Part.createFormData(
        "file", "logo.png", RequestBody.create(PNG, MediaType.get("image/png")));

    Response<ResourceImageUrlResponse> response = media().postOrgImage(ORG_ID, file).execute();

    RecordedRequest request = takeRequest();
    assertEquals("POST", request.getMethod());
    assertEquals("/api/v1/orgs/" + ORG_ID + "/image", request.getPath());
    assertApiKeyAuthentication(request);
    MediaType contentType = MediaType.get(request.getHeader("Content-Type"));
    assertEquals("multipart/form-data", contentType.type() + "/" + contentType.subtype());
    String boundary = contentType.parameter("boundary");
    assertNotNull(boundary, "multipart Content-Type without a boundary");

    List<String> names = new ArrayList<>();
    try (MultipartReader reader = new MultipartReader(request.getBody(), boundary)) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        String disposition = part.headers().get("Content-Disposition");
        names.add(dispositionParam(disposition, "name"));
        assertEquals("logo.png", dispositionParam(disposition, "filename"), disposition);
        assertEquals("image/png", part.headers().get("Content-Type"));
        assertArrayEquals(PNG, part.body().readByteArray());
      }
    }
    assertEquals(List.of("file"), names, "the upload must have exactly one part, named file");

    assertSuccessful(response, 200);
    assertEquals("https://cdn.example/orgs/new.png", response.body().getUrl());
    assertEquals(300L, response.body().getExpiresInSeconds());
  }

  @Test
  void deleteOrgImageAcceptsNoContent() throws Exception {
    enqueueEmpty(204);

    Response<Void> response = media().deleteOrgImage(ORG_ID).execute();

    RecordedRequest request = takeRequest();
    assertEquals("DELETE", request.getMethod());
    assertEquals("/api/v1/orgs/" + ORG_ID + "/image", request.getPath());
    assertApiKeyAuthentication(request);
    assertEquals(0, request.getBodySize());

    assertSuccessful(response, 204);
    assertNull(response.body());
  }

  /** A quoted parameter of a {@code Content-Disposition} header, or null. */
  private static String dispositionParam(String disposition, String name) {
    assertNotNull(disposition, "part without Content-Disposition");
    Matcher matcher = DISPOSITION_PARAM.matcher(disposition);
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        return matcher.group(2);
      }
    }
    return null;
  }
}
