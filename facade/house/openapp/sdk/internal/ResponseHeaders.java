package house.openapp.sdk.internal;

import okhttp3.Headers;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, case-insensitive view of response headers as a map of name to values, names in
 * lower case. Built over OkHttp's {@link Headers} without copying until the whole map is asked
 * for, so a call whose headers are never read pays nothing. Internal: not API.
 */
public final class ResponseHeaders extends AbstractMap<String, List<String>> {
    private final Headers headers;
    private volatile Map<String, List<String>> multimap;

    private ResponseHeaders(Headers headers) {
        this.headers = headers;
    }

    /**
     * A view over OkHttp's headers.
     *
     * @param headers the response headers
     * @return the view
     */
    public static ResponseHeaders of(Headers headers) {
        return new ResponseHeaders(headers);
    }

    /**
     * An immutable copy of any map of header name to values; {@code map} itself is not kept.
     *
     * @param map header name to values; names are matched ignoring case
     * @return the copy, or {@code map} itself when it already is one
     */
    public static ResponseHeaders copyOf(Map<String, List<String>> map) {
        if (map instanceof ResponseHeaders already) {
            return already;
        }
        Headers.Builder builder = new Headers.Builder();
        map.forEach((name, values) -> {
            if (name == null || values == null) {
                throw new NullPointerException("headers must not contain a null name or value list");
            }
            values.forEach(value -> builder.addUnsafeNonAscii(name, value));
        });
        return of(builder.build());
    }

    /**
     * The last value of one header.
     *
     * @param name the name, in any case
     * @return the value, or {@code null} when absent
     */
    public String last(String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    @Override
    public List<String> get(Object name) {
        if (!(name instanceof String text)) {
            return null;
        }
        List<String> values = headers.values(text);
        return values.isEmpty() ? null : values;
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        Map<String, List<String>> map = multimap;
        if (map == null) {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.toMultimap().forEach((name, values) -> copy.put(name, List.copyOf(values)));
            map = Collections.unmodifiableMap(copy);
            multimap = map;
        }
        return map.entrySet();
    }
}
