package house.openapp.sdk.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fourteen operations of the Orgs bundle as the fake routes them: method, path template
 * below {@code /api/v1} and whether its errors are answered without a body. The query keys a
 * route accepts (any other key is refused) come from the bundle ({@link Bundle}).
 */
enum Route {
  LIST_ORGS("GET", "orgs", false),
  CREATE_ORG("POST", "orgs", false),
  LIST_ORG_CHILDREN("GET", "orgs/children", false),
  SEARCH_ORGS("GET", "orgs/search", false),
  GET_ORG("GET", "orgs/{id}", false),
  UPDATE_ORG("PUT", "orgs/{id}", false),
  DELETE_ORG("DELETE", "orgs/{id}", false),
  HARD_DELETE_ORG("DELETE", "orgs/{id}/purge", false),
  LIST_ORG_ANCESTORS("GET", "orgs/{id}/ancestors", false),
  GET_ORG_PERMISSIONS("GET", "orgs/{id}/permissions", true),
  LIST_ORG_USERS("GET", "orgs/{id}/users", false),
  GET_ORG_IMAGE("GET", "orgs/{id}/image", true),
  POST_ORG_IMAGE("POST", "orgs/{id}/image", true),
  DELETE_ORG_IMAGE("DELETE", "orgs/{id}/image", true);

  private final String method;
  private final List<String> template;
  private final boolean bodiless;

  Route(String method, String template, boolean bodiless) {
    this.method = method;
    this.template = List.of(template.split("/"));
    this.bodiless = bodiless;
  }

  /** The bundle's operationId, such as {@code list_orgs}. */
  String operationId() {
    return name().toLowerCase(Locale.ROOT);
  }

  String method() {
    return method;
  }

  /** Whether errors on this route have no body (the bundle's {@code Bodiless*} responses). */
  boolean bodiless() {
    return bodiless;
  }

  /** The query keys of this operation in the bundle, with their types and bounds. */
  Map<String, Bundle.QueryKey> queryKeys() {
    return Bundle.get().query(operationId());
  }

  /** Whether the request body of this route is JSON. */
  boolean jsonBody() {
    return this == CREATE_ORG || this == UPDATE_ORG;
  }

  /** Whether this route takes a request body at all. */
  boolean hasBody() {
    return jsonBody() || this == POST_ORG_IMAGE;
  }

  /**
   * Finds the route of a request. Static segments win over {@code {id}} (so
   * {@code /orgs/search} is never read as an organisation id).
   *
   * @param method the HTTP method
   * @param segments the decoded path segments below {@code /api/v1}
   * @return the route and its {@code {id}} value, if any
   * @throws ApiException 404 when no template matches, 405 when the template has no such method
   */
  static Match match(String method, List<String> segments) {
    List<Route> best = new ArrayList<>();
    int bestStatic = -1;
    for (Route route : values()) {
      int statics = route.staticMatch(segments);
      if (statics > bestStatic) {
        bestStatic = statics;
        best.clear();
      }
      if (statics >= 0 && statics == bestStatic) {
        best.add(route);
      }
    }
    if (best.isEmpty()) {
      throw ApiException.of(404, "route_not_found",
          "no route for " + method + " /api/v1/" + String.join("/", segments));
    }
    String id = null;
    for (int i = 0; i < best.get(0).template.size(); i++) {
      if (best.get(0).template.get(i).equals("{id}")) {
        id = segments.get(i);
      }
    }
    Set<String> allowed = new TreeSet<>();
    for (Route route : best) {
      if (route.method.equals(method)) {
        return new Match(route, id);
      }
      allowed.add(route.method);
    }
    ApiException error = ApiException.methodNotAllowed(
        method + " is not allowed here; allowed: " + String.join(", ", allowed), String.join(", ", allowed));
    throw new RouteException(best.get(0).bodiless, error);
  }

  /** Number of static segments matched, or -1 when the template does not fit the path. */
  private int staticMatch(List<String> segments) {
    if (segments.size() != template.size()) {
      return -1;
    }
    int statics = 0;
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (part.equals("{id}")) {
        if (segments.get(i).isBlank()) {
          return -1;
        }
      } else if (part.equals(segments.get(i))) {
        statics++;
      } else {
        return -1;
      }
    }
    return statics;
  }

  /** A matched route and the value of its {@code {id}} path parameter ({@code null} if none). */
  record Match(Route route, String id) {
  }

  /** A 405 on a route template, carrying whether that template answers errors without a body. */
  static final class RouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean bodiless;
    private final transient ApiException error;

    RouteException(boolean bodiless, ApiException error) {
      super(error.getMessage(), null, false, false);
      this.bodiless = bodiless;
      this.error = error;
    }

    boolean bodiless() {
      return bodiless;
    }

    ApiException error() {
      return error;
    }
  }
}
