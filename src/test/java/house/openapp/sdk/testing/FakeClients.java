package house.openapp.sdk.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.JSON;
import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.ApiErrorResponse;
import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.generated.model.LocalizedStringModel;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import retrofit2.Call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients for the fake's own tests: the generated Retrofit services pointed at a
 * {@link FakeOpenApp}, and raw OkHttp calls for what the generated layer cannot send.
 */
final class FakeClients {
  /** One connection pool and dispatcher for every client of the tests. */
  static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
  static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final JSON JSON_MAPPING = new JSON();

  private FakeClients() {
  }

  static OrgsApi orgs(FakeOpenApp fake) {
    return orgs(fake, fake.apiKey());
  }

  static OrgsApi orgs(FakeOpenApp fake, String apiKey) {
    return client(fake, apiKey, HTTP).createService(OrgsApi.class);
  }

  /** An Orgs service that adds one more header to every request. */
  static OrgsApi orgs(FakeOpenApp fake, String apiKey, String header, String value) {
    OkHttpClient http = HTTP.newBuilder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(header, value).build()))
        .build();
    return client(fake, apiKey, http).createService(OrgsApi.class);
  }

  static MediaApi media(FakeOpenApp fake, String apiKey) {
    return client(fake, apiKey, HTTP).createService(MediaApi.class);
  }

  static ApiClient client(FakeOpenApp fake, String apiKey, OkHttpClient http) {
    return ApiClient.builder().baseUrl(fake.baseUrl()).apiKey(apiKey).okHttpClient(http).build();
  }

  static LocalizedStringModel name(String english) {
    return new LocalizedStringModel().putValueItem("en", english);
  }

  static CreateOrganizationRequest child(String parentId, String english) {
    return new CreateOrganizationRequest().name(name(english)).parentId(parentId);
  }

  /** Executes a call, translating an I/O failure into an unchecked one. */
  static <T> retrofit2.Response<T> execute(Call<T> call) {
    try {
      return call.execute();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Executes a call that must succeed and returns its body. */
  static <T> T ok(Call<T> call) {
    retrofit2.Response<T> response = execute(call);
    assertTrue(response.isSuccessful(), () -> "expected success but got " + response.code() + ": " + errorText(response));
    return response.body();
  }

  /** The {@code ApiErrorResponse} of a failed call, read with the generated JSON mapping. */
  static ApiErrorResponse error(retrofit2.Response<?> response) {
    String text = errorText(response);
    assertNotNull(text, "no error body");
    return JSON_MAPPING.deserialize(text, ApiErrorResponse.class);
  }

  static String errorText(retrofit2.Response<?> response) {
    try (ResponseBody body = response.errorBody()) {
      return body == null ? null : body.string();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a raw request below the API root with the given key (or none) and JSON body (or none). */
  static RawResponse raw(FakeOpenApp fake, String method, String pathAndQuery, String apiKey, String jsonBody) {
    Request.Builder request = new Request.Builder().url(fake.baseUrl() + pathAndQuery)
        .method(method, jsonBody == null ? null : RequestBody.create(jsonBody, JSON_TYPE));
    if (apiKey != null) {
      request.header("X-API-Key", apiKey);
    }
    return send(request.build());
  }

  static RawResponse send(Request request) {
    return send(HTTP, request);
  }

  static RawResponse send(OkHttpClient http, Request request) {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      return new RawResponse(response.code(), response.headers(), body == null ? "" : body.string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  /** A finished raw response. */
  record RawResponse(int code, Headers headers, String body) {
    String header(String name) {
      return headers.get(name);
    }

    JsonObject json() {
      return parse(body);
    }
  }
}
