package house.openapp.sdk.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data shapes of the Orgs API as the fake checks them, read once from the bundle the SDK jar
 * ships (resource {@value #RESOURCE}): per operation, the query keys with their types and bounds
 * (a query object contributes each of its properties); per object schema, its properties with
 * their JSON types and nullability, and the required ones. Nothing here is written by hand: a
 * property or query key added to the bundle is accepted by the fake with no edit. The fake's
 * behaviour (tree, permissions, soft delete, purge, quota, confirmation) stays in its own code.
 */
final class Bundle {
  /** Where the SDK jar ships {@code openapi/orgs.yaml}. */
  static final String RESOURCE = "house/openapp/sdk/openapi/orgs.yaml";

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
  private static volatile Bundle loaded;

  /** A query key of an operation: a scalar parameter, or one property of a query object. */
  record QueryKey(String name, String type, Long minimum, Long maximum) {
  }

  /** A property of an object schema. */
  record Property(String name, String type, boolean nullable) {
    /**
     * Whether a JSON value fits this property's declared type (shallowly: an object is an
     * object, whatever its members).
     */
    boolean accepts(JsonElement value) {
      if (value.isJsonNull()) {
        return nullable;
      }
      JsonPrimitive primitive = value.isJsonPrimitive() ? value.getAsJsonPrimitive() : null;
      switch (type) {
        case "string": return primitive != null && primitive.isString();
        case "boolean": return primitive != null && primitive.isBoolean();
        case "number": return primitive != null && primitive.isNumber();
        case "integer": return primitive != null && primitive.isNumber()
            && primitive.getAsBigDecimal().stripTrailingZeros().scale() <= 0;
        case "array": return value.isJsonArray();
        case "object": return value.isJsonObject();
        default: return true;
      }
    }

    /** The declared type for a message: {@code a string or null}. */
    String describe() {
      String kind = type.equals("array") || type.equals("object") || type.equals("integer") ? "an " + type : "a " + type;
      return nullable ? kind + " or null" : kind;
    }
  }

  /** An object schema, its properties flattened over {@code allOf}. */
  record Schema(String name, Map<String, Property> properties, Set<String> required) {
  }

  private final Map<String, Object> spec;
  private final Map<String, Map<String, QueryKey>> queries = new LinkedHashMap<>();
  private final Map<String, String> requestSchemas = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  private Bundle(Map<String, Object> spec) {
    this.spec = spec;
    for (Object item : ((Map<String, Object>) spec.get("paths")).values()) {
      Map<String, Object> pathItem = (Map<String, Object>) item;
      List<Object> shared = (List<Object>) pathItem.getOrDefault("parameters", List.of());
      for (String method : METHODS) {
        Map<String, Object> operation = (Map<String, Object>) pathItem.get(method);
        if (operation == null) {
          continue;
        }
        String operationId = (String) operation.get("operationId");
        List<Object> parameters = new ArrayList<>(shared);
        parameters.addAll((List<Object>) operation.getOrDefault("parameters", List.of()));
        Map<String, QueryKey> keys = new LinkedHashMap<>();
        for (Object reference : parameters) {
          Map<String, Object> parameter = resolve(reference);
          if (!"query".equals(parameter.get("in"))) {
            continue;
          }
          Map<String, Object> schema = resolve(parameter.get("schema"));
          if (schema.containsKey("properties") || schema.containsKey("allOf")) {
            flatten(schema).forEach((name, property) -> keys.put(name, queryKey(name, property)));
          } else {
            String name = (String) parameter.get("name");
            keys.put(name, queryKey(name, schema));
          }
        }
        queries.put(operationId, Collections.unmodifiableMap(keys));
        Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
        Map<String, Object> content = body == null ? null : (Map<String, Object>) body.get("content");
        Map<String, Object> json = content == null ? null : (Map<String, Object>) content.get("application/json");
        if (json != null) {
          String ref = (String) ((Map<String, Object>) json.get("schema")).get("$ref");
          requestSchemas.put(operationId, ref.substring(ref.lastIndexOf('/') + 1));
        }
      }
    }
  }

  /** The bundle on the class path, parsed once. */
  static Bundle get() {
    Bundle bundle = loaded;
    if (bundle == null) {
      try (InputStream in = Bundle.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the SDK's bundle " + RESOURCE + " is not on the class path");
        }
        bundle = new Bundle(new Yaml().load(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loaded = bundle;
    }
    return bundle;
  }

  /** The query keys of an operation, by wire name. */
  Map<String, QueryKey> query(String operationId) {
    Map<String, QueryKey> keys = queries.get(operationId);
    if (keys == null) {
      throw new IllegalStateException("the bundle has no operation " + operationId);
    }
    return keys;
  }

  /** The JSON request body schema of an operation. */
  Schema requestSchema(String operationId) {
    String name = requestSchemas.get(operationId);
    if (name == null) {
      throw new IllegalStateException("operation " + operationId + " has no JSON request body in the bundle");
    }
    return schema(name);
  }

  /** A schema of {@code components/schemas}. */
  @SuppressWarnings("unchecked")
  Schema schema(String name) {
    Map<String, Object> raw = resolve(Map.of("$ref", "#/components/schemas/" + name));
    Map<String, Property> properties = new LinkedHashMap<>();
    flatten(raw).forEach((property, schema) -> properties.put(property, new Property(property, type(schema),
        Boolean.TRUE.equals(schema.get("nullable")))));
    Set<String> required = new LinkedHashSet<>();
    collectRequired(raw, required);
    return new Schema(name, Collections.unmodifiableMap(properties), Collections.unmodifiableSet(required));
  }

  @SuppressWarnings("unchecked")
  private void collectRequired(Map<String, Object> schema, Set<String> required) {
    required.addAll((List<String>) schema.getOrDefault("required", List.of()));
    for (Object part : (List<Object>) schema.getOrDefault("allOf", List.of())) {
      collectRequired(resolve(part), required);
    }
  }

  /** The properties of an object schema and of everything it {@code allOf}-includes, in order. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> flatten(Map<String, Object> schema) {
    Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
    for (Object part : (List<Object>) schema.getOrDefault("allOf", List.of())) {
      properties.putAll(flatten(resolve(part)));
    }
    ((Map<String, Object>) schema.getOrDefault("properties", Map.of()))
        .forEach((name, property) -> properties.put(name, (Map<String, Object>) property));
    return properties;
  }

  /** The JSON type of a property schema, through {@code $ref} and {@code allOf}. */
  @SuppressWarnings("unchecked")
  private String type(Map<String, Object> schema) {
    if (schema.containsKey("$ref")) {
      return type(resolve(schema));
    }
    if (schema.get("type") != null) {
      return (String) schema.get("type");
    }
    List<Object> allOf = (List<Object>) schema.get("allOf");
    if (allOf != null && allOf.size() == 1) {
      return type(resolve(allOf.get(0)));
    }
    return schema.containsKey("properties") || schema.containsKey("additionalProperties") ? "object" : "any";
  }

  private QueryKey queryKey(String name, Map<String, Object> schema) {
    Map<String, Object> resolved = resolve(schema);
    return new QueryKey(name, type(resolved), number(resolved.get("minimum")), number(resolved.get("maximum")));
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  /** Follows a local {@code $ref} ({@code #/components/...}); anything else is returned as it is. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> resolve(Object node) {
    Map<String, Object> map = (Map<String, Object>) node;
    Object ref = map == null ? null : map.get("$ref");
    if (ref == null) {
      return map == null ? Map.of() : map;
    }
    Object target = spec;
    for (String part : ((String) ref).substring(2).split("/")) {
      target = ((Map<String, Object>) target).get(part);
      if (target == null) {
        throw new IllegalStateException("the bundle's " + ref + " does not resolve");
      }
    }
    return resolve(target);
  }
}
