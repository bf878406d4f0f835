package house.openapp.sdk.testing;

import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static house.openapp.sdk.testing.FakeClients.errorText;
import static house.openapp.sdk.testing.FakeClients.execute;
import static house.openapp.sdk.testing.FakeClients.media;
import static house.openapp.sdk.testing.FakeClients.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image routes of {@link FakeOpenApp}, driven through the generated {@link MediaApi}. */
@WithFakeOpenApp
class FakeOpenAppMediaTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
  private static final byte[] WEBP = {'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};

  @Test
  void uploadsFetchesAndRemovesAnImage(FakeOpenApp fake) throws IOException {
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    MediaApi media = media(fake, fake.apiKey());

    retrofit2.Response<ResourceImageUrlResponse> none = execute(media.getOrgImage(team));
    assertEquals(204, none.code());
    assertNull(none.body());

    ResourceImageUrlResponse uploaded = ok(media.postOrgImage(team, file("logo.png", PNG, "image/png")));
    assertEquals(900L, uploaded.getExpiresInSeconds());
    assertTrue(uploaded.getUrl().startsWith(fake.origin() + "/media/orgs/" + team + "/"), uploaded.getUrl());
    assertArrayEquals(PNG, fake.image(team).orElseThrow());

    ResourceImageUrlResponse fetched = ok(media.getOrgImage(team));
    assertEquals(uploaded.getUrl(), fetched.getUrl());
    try (Response image = FakeClients.HTTP.newCall(new Request.Builder().url(fetched.getUrl()).build()).execute()) {
      assertEquals(200, image.code());
      assertEquals("image/png", image.header("Content-Type"));
      assertArrayEquals(PNG, image.body().bytes());
    }

    assertEquals(204, execute(media.deleteOrgImage(team)).code());
    assertEquals(204, execute(media.getOrgImage(team)).code());
    assertEquals(204, execute(media.deleteOrgImage(team)).code(), "deleting no image is fine too");
    assertEquals(204, execute(media.deleteOrgImage("01NOSUCHORG0000000000000000")).code());
    assertTrue(fake.image(team).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpeg", "webp"})
  void recognisesJpegAndWebpByTheirBytes(String kind, FakeOpenApp fake) {
    byte[] bytes = kind.equals("jpeg") ? JPEG : WEBP;
    String team = fake.addOrg(fake.rootOrgId(), "Team");

    ok(media(fake, fake.apiKey()).postOrgImage(team, file("image.bin", bytes, "application/octet-stream")));
    assertArrayEquals(bytes, fake.image(team).orElseThrow());
  }

  @Test
  void refusesWhatIsNotAnImageWithABodiless415(FakeOpenApp fake) {
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    retrofit2.Response<ResourceImageUrlResponse> response = execute(media(fake, fake.apiKey()).postOrgImage(team,
        file("logo.png", "not an image".getBytes(StandardCharsets.UTF_8), "image/png")));

    assertEquals(415, response.code());
    assertEquals("", errorText(response));
    assertTrue(fake.image(team).isEmpty());
  }

  @Test
  void refusesMalformedUploadsAndStrangersWithoutBodies(FakeOpenApp fake) {
    String team = fake.addOrg(fake.rootOrgId(), "Team");
    retrofit2.Response<ResourceImageUrlResponse> wrongPart = execute(media(fake, fake.apiKey()).postOrgImage(team,
        MultipartBody.Part.createFormData("image", "logo.png", RequestBody.create(PNG, MediaType.get("image/png")))));
    assertEquals(400, wrongPart.code());
    assertEquals("", errorText(wrongPart));

    FakeClients.RawResponse notMultipart = FakeClients.send(new Request.Builder()
        .url(fake.baseUrl() + "orgs/" + team + "/image").header("X-API-Key", fake.apiKey())
        .post(RequestBody.create(PNG, MediaType.get("image/png"))).build());
    assertEquals(400, notMultipart.code());
    assertEquals("", notMultipart.body());

    MediaApi reader = media(fake, fake.addApiKey(team, "member"));
    retrofit2.Response<ResourceImageUrlResponse> forbidden = execute(reader.postOrgImage(team, file("logo.png", PNG, "image/png")));
    assertEquals(403, forbidden.code());
    assertEquals("", errorText(forbidden));
    assertEquals(403, execute(reader.deleteOrgImage(team)).code());
    assertEquals(204, execute(reader.getOrgImage(team)).code(), "any role may read");

    retrofit2.Response<ResourceImageUrlResponse> unknown = execute(media(fake, fake.apiKey()).getOrgImage("01NOSUCHORG0000000000000000"));
    assertEquals(404, unknown.code());
    assertEquals("", errorText(unknown));
  }

  private static MultipartBody.Part file(String filename, byte[] bytes, String type) {
    return MultipartBody.Part.createFormData("file", filename, RequestBody.create(bytes, MediaType.get(type)));
  }
}
