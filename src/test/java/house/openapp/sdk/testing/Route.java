package house.openapp.sdk.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fourteen operations of the Orgs bundle as the fake routes them: method, path template
 * below {@code /api/v1}, the query keys the route accepts (any other key is refused) and
 * whether its errors are answered without a body.
 */
enum Route {
  LIST_ORGS("GET", "orgs", false, Keys.LIST),
  CREATE_ORG("POST", "orgs", false, Keys.INCLUDE_DELETED),
  LIST_ORG_CHILDREN("GET", "orgs/children", false, Keys.with(Keys.LIST, "parent_id")),
  SEARCH_ORGS("GET", "orgs/search", false, Keys.with(Keys.LIST, "q")),
  GET_ORG("GET", "orgs/{id}", false, Keys.INCLUDE_DELETED),
  UPDATE_ORG("PUT", "orgs/{id}", false, Keys.INCLUDE_DELETED),
  DELETE_ORG("DELETE", "orgs/{id}", false, Keys.INCLUDE_DELETED),
  HARD_DELETE_ORG("DELETE", "orgs/{id}/purge", false, Keys.INCLUDE_DELETED),
  LIST_ORG_ANCESTORS("GET", "orgs/{id}/ancestors", false, Keys.NONE),
  GET_ORG_PERMISSIONS("GET", "orgs/{id}/permissions", true, Keys.NONE),
  LIST_ORG_USERS("GET", "orgs/{id}/users", false, Keys.with(Keys.LIST, "recursive")),
  GET_ORG_IMAGE("GET", "orgs/{id}/image", true, Keys.NONE),
  POST_ORG_IMAGE("POST", "orgs/{id}/image", true, Keys.NONE),
  DELETE_ORG_IMAGE("DELETE", "orgs/{id}/image", true, Keys.NONE);

  private final String method;
  private final List<String> template;
  private final boolean bodiless;
  private final Set<String> queryKeys;

  Route(String method, String template, boolean bodiless, Set<String> queryKeys) {
    this.method = method;
    this.template = List.of(template.split("/"));
    this.bodiless = bodiless;
    this.queryKeys = queryKeys;
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

  Set<String> queryKeys() {
    return queryKeys;
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

  /** Query key sets shared by several routes. */
  private static final class Keys {
    static final Set<String> NONE = Collections.emptySet();
    static final Set<String> INCLUDE_DELETED = Set.of("include_deleted");
    static final Set<String> LIST = Set.of("include_deleted", "only_deleted", "limit", "offset");

    private Keys() {
    }

    static Set<String> with(Set<String> base, String... more) {
      Set<String> keys = new LinkedHashSet<>(base);
      keys.addAll(Arrays.asList(more));
      return Collections.unmodifiableSet(keys);
    }
  }
}
