package house.openapp.sdk.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Strict JSON reading and exact JSON writing for the fake server: request bodies must be
 * RFC 8259 JSON with no duplicate names and nothing after the value; responses are written with
 * explicit {@code null}s where the fake puts them.
 */
final class StrictJson {
  private static final Gson WRITER = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
  private static final int MAX_NESTING = 64;

  private StrictJson() {
  }

  /**
   * Writes a JSON tree as text, keeping explicit nulls.
   */
  static String write(JsonElement element) {
    return WRITER.toJson(element);
  }

  /**
   * Parses request body text.
   *
   * @throws ApiException 400 {@code invalid_json} when the text is not one strict JSON value
   */
  static JsonElement parse(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = read(reader, 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw invalid("unexpected content after the JSON value");
      }
      return element;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw invalid(e.getMessage());
    }
  }

  private static JsonElement read(JsonReader reader, int depth) throws IOException {
    if (depth > MAX_NESTING) {
      throw invalid("nested too deeply");
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.has(name)) {
            throw invalid("duplicate property '" + name + "'");
          }
          object.add(name, read(reader, depth + 1));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY: {
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader, depth + 1));
        }
        reader.endArray();
        return array;
      }
      case STRING:
        return new JsonPrimitive(reader.nextString());
      case NUMBER:
        return new JsonPrimitive(new BigDecimal(reader.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(reader.nextBoolean());
      case NULL:
        reader.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw invalid("unexpected " + reader.peek());
    }
  }

  private static ApiException invalid(String detail) {
    return ApiException.badRequest("invalid_json", "the request body is not valid JSON: " + detail);
  }
}
