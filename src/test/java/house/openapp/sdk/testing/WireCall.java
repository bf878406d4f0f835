package house.openapp.sdk.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.mockwebserver.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One request as the fake's handlers see it: the matched route, its path id, its query checked
 * against the route like a strict gateway would, its headers and body, and the authenticated
 * principal.
 */
final class WireCall {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");

  private final RecordedRequest request;
  private final Route route;
  private final String id;
  private final Map<String, String> query = new HashMap<>();
  private Principal principal;

  WireCall(RecordedRequest request, Route route, String id) {
    this.request = request;
    this.route = route;
    this.id = id;
  }

  Route route() {
    return route;
  }

  /** The {@code {id}} path parameter. */
  String id() {
    return id;
  }

  Principal principal() {
    return principal;
  }

  void authenticate(Principal principal) {
    this.principal = principal;
  }

  String header(String name) {
    return request.getHeader(name);
  }

  /**
   * Checks the query string against the route: only the route's keys, each at most once, with
   * a value of the right type.
   *
   * @throws ApiException 400 naming the offending key
   */
  void validateQuery() {
    HttpUrl url = request.getRequestUrl();
    if (url == null) {
      throw ApiException.badRequest("invalid_request", "the request line has no URL");
    }
    for (String key : url.queryParameterNames()) {
      Bundle.QueryKey declared = route.queryKeys().get(key);
      if (declared == null) {
        String allowed = route.queryKeys().isEmpty() ? "none" : String.join(", ", new TreeSet<>(route.queryKeys().keySet()));
        throw ApiException.badRequest("unknown_query_parameter", "unknown query parameter '" + key + "' for "
            + route.operationId() + " (allowed: " + allowed + ")");
      }
      List<String> values = url.queryParameterValues(key);
      if (values.size() != 1) {
        throw ApiException.badRequest("invalid_query_parameter", "query parameter '" + key + "' is repeated");
      }
      String value = values.get(0);
      if (value == null) {
        throw ApiException.badRequest("invalid_query_parameter", "query parameter '" + key + "' has no value");
      }
      if (declared.type().equals("boolean") && !value.equals("true") && !value.equals("false")) {
        throw ApiException.badRequest("invalid_query_parameter",
            "query parameter '" + key + "' must be true or false, not '" + value + "'");
      }
      if (declared.type().equals("integer")) {
        int number = parseInt(key, value);
        Long min = declared.minimum();
        Long max = declared.maximum();
        if ((min != null && number < min) || (max != null && number > max)) {
          throw ApiException.badRequest("invalid_query_parameter", "query parameter '" + key + "' must "
              + (max != null ? "be between " + (min == null ? Integer.MIN_VALUE : min) + " and " + max
                  : min == 0 ? "not be negative" : "be at least " + min) + ", not " + value);
        }
      }
      if (key.equals("parent_id") && value.isBlank()) {
        throw ApiException.badRequest("invalid_query_parameter", "query parameter 'parent_id' must not be blank");
      }
      query.put(key, value);
    }
  }

  private static int parseInt(String key, String value) {
    if (INTEGER.matcher(value).matches()) {
      long parsed = Long.parseLong(value);
      if (parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE) {
        return (int) parsed;
      }
    }
    throw ApiException.badRequest("invalid_query_parameter",
        "query parameter '" + key + "' must be a 32-bit integer, not '" + value + "'");
  }

  /** A validated query value, or {@code null} when the key was not sent. */
  String query(String key) {
    return query.get(key);
  }

  boolean flag(String key) {
    return "true".equals(query.get(key));
  }

  int integer(String key, int fallback) {
    String value = query.get(key);
    return value == null ? fallback : Integer.parseInt(value);
  }

  /** The lifecycle filter of a list route ({@code include_deleted}, {@code only_deleted}). */
  Lifecycle lifecycle() {
    return new Lifecycle(flag("include_deleted"), flag("only_deleted"));
  }

  /**
   * Checks the body against the route: JSON with an {@code application/json} content type on
   * create and update, nothing at all on routes without a request body.
   */
  void validateBodyPresence() {
    if (!route.hasBody() && request.getBodySize() > 0) {
      throw ApiException.badRequest("unexpected_body", route.operationId() + " takes no request body");
    }
    if (route.jsonBody()) {
      MediaType type = contentType();
      if (type == null || !type.type().equals("application") || !type.subtype().equals("json")) {
        throw ApiException.of(415, "unsupported_media_type",
            route.operationId() + " needs an application/json body, not " + header("Content-Type"));
      }
    }
  }

  MediaType contentType() {
    String value = header("Content-Type");
    return value == null ? null : MediaType.parse(value);
  }

  /** The raw body bytes; the recorded body stays readable for the request log. */
  byte[] bodyBytes() {
    return request.getBody().clone().readByteArray();
  }

  /**
   * The JSON body, which must be an object.
   *
   * @param schema the bundle's schema name, for messages
   */
  JsonObject jsonObjectBody(String schema) {
    byte[] bytes = bodyBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("missing_body", route.operationId() + " needs a " + schema + " body");
    }
    JsonElement element = StrictJson.parse(new String(bytes, StandardCharsets.UTF_8));
    if (!element.isJsonObject()) {
      throw ApiException.badRequest("invalid_body", schema + " must be a JSON object");
    }
    return element.getAsJsonObject();
  }

  /** The lifecycle filter of a list: live only by default. */
  record Lifecycle(boolean includeDeleted, boolean onlyDeleted) {
    boolean matches(Object deletedAt) {
      if (onlyDeleted) {
        return deletedAt != null;
      }
      return includeDeleted || deletedAt == null;
    }
  }
}
