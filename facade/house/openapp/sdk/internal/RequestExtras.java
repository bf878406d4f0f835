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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a params object adds to a request after the generated layer has serialised it: query
 * parameters, and body properties (a {@code null} value is sent as JSON {@code null}); each
 * replaces a generated key of the same name. Also the one way the façade copies a generated
 * model. Immutable. Internal: not part of the SDK's API.
 *
 * @param query the extra query parameters, wire key to value, in order
 * @param body the extra body properties, wire name to value ({@code null} for JSON null), in order
 */
public record RequestExtras(Map<String, String> query, Map<String, Object> body) {
    /** Nothing added. */
    public static final RequestExtras NONE = new RequestExtras(Map.of(), Map.of());

    private static final JSON MODELS = new JSON();
    private static final Gson WRITER = JSON.createGson().serializeNulls().create();

    /**
     * A deep copy of a generated model, with every property, declared today or later.
     *
     * @param model the model, or {@code null}
     * @param type its class
     * @param <T> its type
     * @return a new equal model, or a new empty one for {@code null}
     */
    public static <T> T copy(T model, Class<T> type) {
        return MODELS.deserialize(model == null ? "{}" : MODELS.serialize(model), type);
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
