package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Header;
import retrofit2.http.Part;
import retrofit2.http.Query;
import retrofit2.http.QueryMap;

/**
 * The bundle's query parameters and the generated layer's wire, kept in step.
 *
 * <p>Driven by {@code openapi/orgs.yaml}: for every operation, every query parameter (and, for a
 * parameter whose schema is an object, every property of that schema) is set through the
 * generated API with a distinctive value, sent to a {@link MockWebServer}, and must arrive under
 * its exact name with its exact value, with no other query key beside it. Nothing here names a
 * particular operation or property, so a property added to the bundle is tested as soon as the
 * layer is regenerated, and fails if it does not reach the wire.
 */
class QueryParityTest {
  private static final Path BUNDLE = Paths.get("openapi/orgs.yaml");
  private static final String API_PACKAGE = "house.openapp.sdk.generated.api";
  private static final String EXPLODED = "x-exploded-query-objects";
  private static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static Map<String, Object> bundle;
  private static OkHttpClient http;

  /** One query parameter of an operation, with its properties when its schema is an object. */
  record QueryParam(String name, String schemaName, Map<String, Object> schema,
      Map<String, Map<String, Object>> properties) {
    boolean isObject() {
      return properties != null;
    }
  }

  /** One operation of the bundle and its query parameters, path-level ones included. */
  record Operation(String method, String path, String operationId, String tag, Map<String, Object> raw,
      List<QueryParam> queryParams) {
    @Override
    public String toString() {
      return operationId + " (" + method.toUpperCase() + " " + path + ")";
    }
  }

  /** What one argument of a generated method is on the wire. */
  private enum Kind { QUERY, QUERY_OBJECT, PATH, HEADER, BODY, PART }

  private record JavaParam(int index, Class<?> type, Kind kind, String name) {
  }

  @BeforeAll
  static void loadBundle() throws IOException {
    try (Reader reader = Files.newBufferedReader(BUNDLE, StandardCharsets.UTF_8)) {
      bundle = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    }
    http = new OkHttpClient();
  }

  @AfterAll
  static void releaseHttp() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  // ---------------------------------------------------------------- tests

  @Test
  void everyOperationWithAQueryObjectIsMarkedForExplosion() {
    List<Operation> withObjects = operations().stream()
        .filter(op -> op.queryParams().stream().anyMatch(QueryParam::isObject))
        .toList();
    assertFalse(withObjects.isEmpty(), "the bundle declares no object-valued query parameter; is it read?");

    List<String> unmarked = withObjects.stream()
        .filter(op -> !Boolean.TRUE.equals(op.raw().get(EXPLODED)))
        .map(Operation::toString)
        .toList();
    assertTrue(unmarked.isEmpty(), "operations with object-valued query parameters but without "
        + EXPLODED + ": true (their query objects would not be spread): " + unmarked);
  }

  @TestFactory
  Stream<DynamicTest> everyQueryParameterReachesTheWireUnderItsOwnName() {
    List<Operation> operations = operations();
    assertFalse(operations.isEmpty(), "no operations found in " + BUNDLE);
    assertTrue(operations.stream().flatMap(op -> op.queryParams().stream())
            .anyMatch(param -> param.isObject() && !param.properties().isEmpty()),
        "no query object with properties found in " + BUNDLE + "; the enumeration is broken");

    List<DynamicTest> tests = new ArrayList<>();
    for (Operation op : operations) {
      for (QueryParam param : op.queryParams()) {
        if (param.isObject()) {
          for (String property : param.properties().keySet()) {
            tests.add(DynamicTest.dynamicTest(op.operationId() + ": " + param.name() + "." + property + " alone",
                () -> assertQueryOnWire(op, (p, prop) -> p == param && property.equals(prop))));
          }
        } else {
          tests.add(DynamicTest.dynamicTest(op.operationId() + ": " + param.name() + " alone",
              () -> assertQueryOnWire(op, (p, prop) -> p == param)));
        }
      }
      tests.add(DynamicTest.dynamicTest(op.operationId() + ": every query parameter at once",
          () -> assertQueryOnWire(op, (p, prop) -> true)));
    }
    return tests.stream();
  }

  // ---------------------------------------------------------------- the check

  /**
   * Calls the operation with the selected query parameters (or query object properties) set to
   * distinctive values and everything else unset, and checks the query string that arrives.
   */
  private static void assertQueryOnWire(Operation op, BiPredicate<QueryParam, String> selected) throws Exception {
    Class<?> api = apiClass(op);
    Method method = javaMethod(api, op);
    List<JavaParam> javaParams = bind(method);
    assertEveryQueryParamIsBound(op, javaParams);

    Object[] args = new Object[javaParams.size()];
    Map<String, String> expected = new LinkedHashMap<>();
    int[] seed = {0};
    for (JavaParam jp : javaParams) {
      args[jp.index()] = switch (jp.kind()) {
        case QUERY -> {
          QueryParam param = scalarParam(op, jp.name());
          if (!selected.test(param, null)) {
            yield null;
          }
          Object value = sample(jp.type(), param.schema(), param.name(), ++seed[0], op);
          expected.put(param.name(), String.valueOf(value));
          yield value;
        }
        case QUERY_OBJECT -> {
          QueryParam param = objectParam(op, jp.type());
          Object model = null;
          for (Map.Entry<String, Map<String, Object>> property : param.properties().entrySet()) {
            if (!selected.test(param, property.getKey())) {
              continue;
            }
            if (model == null) {
              model = jp.type().getDeclaredConstructor().newInstance();
            }
            Method setter = setter(jp.type(), param, property.getKey(), op);
            Object value = sample(setter.getParameterTypes()[0], property.getValue(), property.getKey(), ++seed[0], op);
            setter.invoke(model, value);
            String previous = expected.put(property.getKey(), String.valueOf(value));
            assertNull(previous, () -> op + ": query key " + property.getKey() + " is declared twice");
          }
          yield model;
        }
        case PATH -> "path-" + jp.name();
        case HEADER -> "header-" + jp.name();
        case BODY -> jp.type().getDeclaredConstructor().newInstance();
        case PART -> MultipartBody.Part.createFormData("file", "f.bin",
            RequestBody.create(new byte[] {1}, MediaType.get("application/octet-stream")));
      };
    }

    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(204));
      server.start();
      Object service = ApiClient.builder()
          .baseUrl(server.url("/api/v1").toString())
          .okHttpClient(http)
          .apiKey("parity-key")
          .build()
          .createService(api);
      Call<?> call;
      try {
        call = (Call<?>) method.invoke(service, args);
      } catch (InvocationTargetException e) {
        throw new AssertionError(op + ": the generated method threw " + e.getCause(), e.getCause());
      }
      call.execute();
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(request, () -> op + ": no request reached the server");
      assertQueryEquals(op, expected, request.getRequestUrl());
    }
  }

  private static void assertQueryEquals(Operation op, Map<String, String> expected, HttpUrl url) {
    Map<String, String> actual = new LinkedHashMap<>();
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      String previous = actual.put(name, value);
      assertNull(previous, () -> op + ": query key " + name + " sent twice: " + sent(url));
    }
    for (Map.Entry<String, String> want : expected.entrySet()) {
      assertTrue(actual.containsKey(want.getKey()), () -> op + ": query key " + want.getKey()
          + " was set but did not reach the wire; query sent: " + sent(url));
      assertEquals(want.getValue(), actual.get(want.getKey()), () -> op + ": wrong value for query key "
          + want.getKey() + "; query sent: " + sent(url));
    }
    Map<String, String> unexpected = new LinkedHashMap<>(actual);
    unexpected.keySet().removeAll(expected.keySet());
    assertTrue(unexpected.isEmpty(), () -> op + ": unexpected query keys " + unexpected
        + " (expected only " + expected + "); query sent: " + sent(url));
  }

  private static String sent(HttpUrl url) {
    return url.encodedQuery() == null ? "(no query string)" : url.encodedQuery();
  }

  // ---------------------------------------------------------------- the bundle side

  private static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, Object> pathItem : map(bundle.get("paths"), "paths").entrySet()) {
      Map<String, Object> item = map(pathItem.getValue(), pathItem.getKey());
      List<Map<String, Object>> shared = parameters(item.get("parameters"));
      for (String method : HTTP_METHODS) {
        if (!item.containsKey(method)) {
          continue;
        }
        Map<String, Object> raw = map(item.get(method), method + " " + pathItem.getKey());
        String operationId = (String) raw.get("operationId");
        assertNotNull(operationId, () -> method + " " + pathItem.getKey() + " has no operationId");
        Object tags = raw.get("tags");
        String tag = tags instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : "Default";

        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        for (Map<String, Object> parameter : shared) {
          merged.put(parameter.get("in") + ":" + parameter.get("name"), parameter);
        }
        for (Map<String, Object> parameter : parameters(raw.get("parameters"))) {
          merged.put(parameter.get("in") + ":" + parameter.get("name"), parameter);
        }
        List<QueryParam> query = merged.values().stream()
            .filter(parameter -> "query".equals(parameter.get("in")))
            .map(parameter -> queryParam(operationId, parameter))
            .toList();
        operations.add(new Operation(method, pathItem.getKey(), operationId, tag, raw, query));
      }
    }
    return operations;
  }

  private static List<Map<String, Object>> parameters(Object list) {
    if (list == null) {
      return List.of();
    }
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (Object parameter : (List<?>) list) {
      parameters.add(resolve(map(parameter, "parameter")));
    }
    return parameters;
  }

  private static QueryParam queryParam(String operationId, Map<String, Object> parameter) {
    String name = (String) parameter.get("name");
    Map<String, Object> schema = map(parameter.get("schema"), operationId + " parameter " + name + " schema");
    String ref = (String) schema.get("$ref");
    Map<String, Object> resolved = resolve(schema);
    if (resolved.containsKey("properties")) {
      if (ref == null) {
        fail(operationId + ": query parameter " + name + " has an inline object schema; "
            + "the generator cannot make a model of it, so give it a components/schemas entry");
      }
      Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
      map(resolved.get("properties"), ref).forEach((property, propertySchema) ->
          properties.put(property, resolve(map(propertySchema, ref + "/" + property))));
      return new QueryParam(name, ref.substring(ref.lastIndexOf('/') + 1), resolved, properties);
    }
    if ("object".equals(resolved.get("type")) || resolved.containsKey("allOf") || resolved.containsKey("oneOf")
        || resolved.containsKey("anyOf")) {
      fail(operationId + ": query parameter " + name + " has a schema this test cannot enumerate: " + resolved);
    }
    return new QueryParam(name, null, resolved, null);
  }

  /** Follows local {@code $ref}s (components/parameters, components/schemas, ...) by hand. */
  private static Map<String, Object> resolve(Map<String, Object> node) {
    Map<String, Object> current = node;
    for (int hops = 0; current.containsKey("$ref"); hops++) {
      assertTrue(hops < 20, () -> "$ref cycle at " + node);
      String ref = (String) current.get("$ref");
      assertTrue(ref.startsWith("#/"), () -> "only local $refs are supported: " + ref);
      Object target = bundle;
      for (String segment : ref.substring(2).split("/")) {
        String key = segment.replace("~1", "/").replace("~0", "~");
        target = map(target, ref).get(key);
        assertNotNull(target, () -> "dangling $ref " + ref);
      }
      current = map(target, ref);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node, String where) {
    assertTrue(node instanceof Map, () -> "expected a mapping at " + where + " but found " + node);
    return (Map<String, Object>) node;
  }

  private static QueryParam scalarParam(Operation op, String name) {
    return op.queryParams().stream()
        .filter(param -> !param.isObject() && param.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(op + ": the generated method sends query key " + name
            + ", which the bundle does not declare"));
  }

  private static QueryParam objectParam(Operation op, Class<?> model) {
    List<QueryParam> matches = op.queryParams().stream()
        .filter(param -> param.isObject() && param.schemaName().equals(model.getSimpleName()))
        .toList();
    assertEquals(1, matches.size(), () -> op + ": expected exactly one query object of schema "
        + model.getSimpleName() + " in the bundle but found " + matches.size());
    return matches.get(0);
  }

  // ---------------------------------------------------------------- the Java side

  private static Class<?> apiClass(Operation op) {
    String name = API_PACKAGE + "." + pascal(op.tag()) + "Api";
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(op + ": no generated service " + name, e);
    }
  }

  /** The public method named after the operationId in camelCase (the typed one, for exploded operations). */
  private static Method javaMethod(Class<?> api, Operation op) {
    String name = camel(op.operationId());
    List<Method> methods = Arrays.stream(api.getMethods()).filter(m -> m.getName().equals(name)).toList();
    assertEquals(1, methods.size(), () -> op + ": expected one method " + api.getSimpleName() + "." + name
        + " but found " + methods.size());
    return methods.get(0);
  }

  /**
   * Reads what each argument is from its Retrofit annotation. A default method (an operation with
   * query objects) has none; its {@code ...WithQueryMaps} counterpart, which it calls with the same
   * arguments in the same order, carries them.
   */
  private static List<JavaParam> bind(Method method) {
    Method annotated = method;
    if (method.isDefault()) {
      String name = method.getName() + "WithQueryMaps";
      List<Method> candidates = Arrays.stream(method.getDeclaringClass().getMethods())
          .filter(m -> m.getName().equals(name) && m.getParameterCount() == method.getParameterCount())
          .toList();
      assertEquals(1, candidates.size(), () -> "no single " + name + " beside default method " + method);
      annotated = candidates.get(0);
    }
    Class<?>[] types = method.getParameterTypes();
    Annotation[][] annotations = annotated.getParameterAnnotations();
    List<JavaParam> params = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      JavaParam param = null;
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Query query) {
          param = new JavaParam(i, types[i], Kind.QUERY, query.value());
        } else if (annotation instanceof QueryMap) {
          assertFalse(Map.class.isAssignableFrom(types[i]), () -> method + ": a query map without a typed "
              + "query object; is the operation missing " + EXPLODED + "?");
          param = new JavaParam(i, types[i], Kind.QUERY_OBJECT, types[i].getSimpleName());
        } else if (annotation instanceof retrofit2.http.Path path) {
          param = new JavaParam(i, types[i], Kind.PATH, path.value());
        } else if (annotation instanceof Header header) {
          param = new JavaParam(i, types[i], Kind.HEADER, header.value());
        } else if (annotation instanceof Body) {
          param = new JavaParam(i, types[i], Kind.BODY, "body");
        } else if (annotation instanceof Part) {
          param = new JavaParam(i, types[i], Kind.PART, "part");
        }
      }
      int index = i;
      assertNotNull(param, () -> method + ": argument " + index + " has no Retrofit annotation this test knows");
      params.add(param);
    }
    return params;
  }

  /** Every query parameter of the bundle has exactly one argument of the generated method. */
  private static void assertEveryQueryParamIsBound(Operation op, List<JavaParam> javaParams) {
    List<String> bundleSide = op.queryParams().stream()
        .map(param -> param.isObject() ? "object " + param.schemaName() : "scalar " + param.name())
        .sorted()
        .toList();
    List<String> javaSide = javaParams.stream()
        .filter(jp -> jp.kind() == Kind.QUERY || jp.kind() == Kind.QUERY_OBJECT)
        .map(jp -> (jp.kind() == Kind.QUERY_OBJECT ? "object " : "scalar ") + jp.name())
        .sorted()
        .toList();
    assertEquals(bundleSide, javaSide, () -> op + ": query parameters of the bundle and of the generated method differ");
  }

  private static Method setter(Class<?> model, QueryParam param, String property, Operation op) {
    String name = "set" + pascal(property);
    List<Method> setters = Arrays.stream(model.getMethods())
        .filter(m -> m.getName().equals(name) && m.getParameterCount() == 1)
        .toList();
    assertEquals(1, setters.size(), () -> op + ": bundle property " + param.name() + "." + property
        + " of schema " + param.schemaName() + " has no setter " + model.getSimpleName() + "." + name
        + "; is the generated layer stale?");
    return setters.get(0);
  }

  /** A distinctive value of a Java type, within the schema's bounds. */
  private static Object sample(Class<?> type, Map<String, Object> schema, String name, int seed, Operation op) {
    if (type == Boolean.class || type == boolean.class) {
      return Boolean.TRUE;
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      long low = schema.get("minimum") instanceof Number min ? min.longValue() : 0;
      long high = schema.get("maximum") instanceof Number max ? max.longValue() : low + 100_000;
      long value = low + 1 + (37L * seed + 60) % Math.max(1, high - low);
      return type == Integer.class || type == int.class ? (Object) (int) value : (Object) value;
    }
    if (type == String.class) {
      return "v" + seed + "-" + name.replaceAll("[^A-Za-z0-9]", "-");
    }
    throw new AssertionError(op + ": query value " + name + " has Java type " + type.getName()
        + ", which this test cannot fill yet; teach sample() about it");
  }

  private static String camel(String snake) {
    String pascal = pascal(snake);
    return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
  }

  private static String pascal(String words) {
    return Arrays.stream(words.split("[^A-Za-z0-9]+"))
        .filter(word -> !word.isEmpty())
        .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
        .collect(Collectors.joining());
  }
}
