package house.openapp.sdk.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import house.openapp.sdk.generated.JSON;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a params object adds to a request after the generated layer has serialised it: query
 * parameters, and body properties (a {@code null} value is sent as JSON {@code null}); each
 * replaces a generated key of the same name. Also the one way the façade copies and reads a
 * generated model. Immutable. Internal: not part of the SDK's API.
 *
 * @param query the extra query parameters, wire key to value, in order
 * @param body the extra body properties, wire name to value ({@code null} for JSON null), in order
 */
public record RequestExtras(Map<String, String> query, Map<String, Object> body) {
    /** Nothing added. */
    public static final RequestExtras NONE = new RequestExtras(Map.of(), Map.of());

    private static final JSON MODELS = new JSON();
    private static final Gson WRITER = JSON.createGson().serializeNulls().create();
    /** A generated model's {@code getAdditionalProperties()}, which serialisation leaves out, so that a copy keeps them. */
    private static final ClassValue<Method> UNKNOWN_FIELDS = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                return type.getMethod("getAdditionalProperties");
            } catch (NoSuchMethodException none) {
                return null;
            }
        }
    };

    /**
     * A deep copy of a generated model, with every property, declared today or later.
     *
     * @param model the model, or {@code null}
     * @param type its class
     * @param <T> its type
     * @return a new equal model with its own unknown fields (those of nested models are not kept), or a new empty one for {@code null}
     */
    public static <T> T copy(T model, Class<T> type) {
        if (model == null) {
            return MODELS.deserialize("{}", type);
        }
        JsonElement tree = JsonParser.parseString(MODELS.serialize(model));
        Method unknown = UNKNOWN_FIELDS.get(model.getClass());
        if (unknown != null && tree.isJsonObject()) {
            try {
                ((Map<?, ?>) unknown.invoke(model)).forEach((name, value) -> tree.getAsJsonObject().add((String) name, WRITER.toJsonTree(value)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the unknown fields of " + type.getName(), e);
            }
        }
        return MODELS.deserialize(tree.toString(), type);
    }

    /**
     * Reads a JSON text as a generated model, every property kept (unknown ones in its additional
     * properties), or nothing when the text is not such a document.
     *
     * @param json the text, or {@code null}
     * @param type the model's class
     * @param <T> its type
     * @return the model, or {@code null} when the text is blank, not a JSON object, or does not fit the model
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null || !json.strip().startsWith("{") ? null : MODELS.deserialize(json, type);
        } catch (RuntimeException notTheModel) {
            return null;
        }
    }

    /**
     * These extras and one more query parameter.
     *
     * @param name the wire key
     * @param value its value
     * @return new extras
     */
    public RequestExtras withQuery(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(query);
        copy.put(Checks.text("name", name), Checks.wireText("value", value));
        return new RequestExtras(Collections.unmodifiableMap(copy), body);
    }

    /**
     * These extras and one more body property, or without it.
     *
     * @param name the property's wire name
     * @param value any value Gson can write, {@code null} for JSON {@code null}
     * @param present false to drop the property from the extras
     * @return new extras
     */
    public RequestExtras withBody(String name, Object value, boolean present) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (present) {
            copy.put(Checks.text("name", name), value);
        } else {
            copy.remove(name);
        }
        return new RequestExtras(query, Collections.unmodifiableMap(copy));
    }

    /**
     * These extras and more, which replace keys of the same name.
     *
     * @param more the extras to add
     * @return the merged extras
     */
    public RequestExtras and(RequestExtras more) {
        if (more.equals(NONE) || equals(more)) {
            return this;
        }
        Map<String, String> q = new LinkedHashMap<>(query);
        q.putAll(more.query);
        Map<String, Object> b = new LinkedHashMap<>(body);
        b.putAll(more.body);
        return new RequestExtras(Collections.unmodifiableMap(q), Collections.unmodifiableMap(b));
    }

    /**
     * Merges these extras into a request the generated layer built.
     *
     * @param request the request
     * @return the request with the extras, or the same request when there are none
     * @throws IllegalArgumentException if body properties are given for a request without a JSON object body
     */
    public Request applyTo(Request request) {
        if (query.isEmpty() && body.isEmpty()) {
            return request;
        }
        HttpUrl.Builder url = request.url().newBuilder();
        query.forEach(url::setQueryParameter);
        Request.Builder builder = request.newBuilder().url(url.build());
        if (!body.isEmpty()) {
            RequestBody original = request.body();
            JsonElement json = original == null ? null : parse(original);
            if (json == null || !json.isJsonObject()) {
                throw new IllegalArgumentException(request.method() + " " + request.url().encodedPath()
                        + " has no JSON object body for the additional body properties " + body.keySet());
            }
            body.forEach((name, value) -> json.getAsJsonObject().add(name, WRITER.toJsonTree(value)));
            builder.method(request.method(), RequestBody.create(WRITER.toJson(json), original.contentType()));
        }
        return builder.build();
    }

    private static JsonElement parse(RequestBody original) {
        try (Buffer buffer = new Buffer()) {
            original.writeTo(buffer);
            return JsonParser.parseString(buffer.readUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return (query.isEmpty() ? "" : ", additionalQuery=" + query) + (body.isEmpty() ? "" : ", additionalBody=" + body.keySet());
    }
}
