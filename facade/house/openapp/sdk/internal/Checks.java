package house.openapp.sdk.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks that fail fast with a message naming the argument and the rule. Internal:
 * not part of the SDK's API, may change without notice.
 */
public final class Checks {
    private static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private Checks() {
    }

    /**
     * Requires an int within a closed range.
     *
     * @param name the argument's name
     * @param value its value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     */
    public static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /**
     * Requires a timeout OkHttp and the deadline arithmetic can hold: at least 1 ms and at most
     * {@link Integer#MAX_VALUE} ms (about 24.8 days), so that no later conversion overflows or
     * rounds it to "no timeout".
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static Duration timeout(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        if (value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_TIMEOUT.toMillis() + " ms (about 24.8 days) but was "
                    + value);
        }
        if (value.toNanos() < 1_000_000L) {
            throw new IllegalArgumentException(name + " must be at least 1 ms but was " + value);
        }
        return value;
    }

    /**
     * Requires a string that is neither null nor blank.
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String notBlank(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * Requires a resource id usable as one path segment: not blank, no {@code /} or
     * {@code \}, not {@code .} or {@code ..} (also not once a path parameter such as
     * {@code ;x} is stripped), no control characters and no unpaired UTF-16
     * surrogates (which cannot be encoded and would reach the server as {@code ?}).
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String id(String name, String value) {
        notBlank(name, value);
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(name + " must not contain '/' or '\\' but was \"" + printable(value) + "\"");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(name + " must not be '.' or '..'");
        }
        if (value.startsWith(".;") || value.startsWith("..;")) {
            // "..;x" is ".." to a server that strips path parameters (Tomcat, Spring)
            throw new IllegalArgumentException(name + " must not start with '.;' or '..;' (read as '.' or '..' by servers that strip path parameters)");
        }
        noControlCharacters(name, value);
        return value;
    }

    /**
     * Requires a text that is not blank, has no control characters (CR, LF, NUL, ...) and no
     * unpaired UTF-16 surrogates.
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String text(String name, String value) {
        notBlank(name, value);
        noControlCharacters(name, value);
        return value;
    }

    /**
     * Requires an HTTP header value without CR, LF or other control characters but tab.
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String headerValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(name + " must not contain CR, LF or other control characters");
            }
        }
        return value;
    }

    /**
     * Requires an HTTP header name: a non-empty RFC 9110 token.
     *
     * @param name the header name
     * @return the name
     */
    public static String headerName(String name) {
        notBlank("header name", name);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                throw new IllegalArgumentException("header name must be a token but \"" + printable(name) + "\" has '" + printable(String.valueOf(c)) + "'");
            }
        }
        return name;
    }

    /**
     * Requires a value that can go into an HTTP header as it is: printable ASCII, space and tab
     * only (no CR, LF or other control characters, no non-ASCII text, which OkHttp refuses
     * later with the value in its message), and no leading or trailing space or tab (which
     * HTTP trims, so the server would see another value). The message never repeats the
     * value, so this is safe for secrets.
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String asciiHeaderValue(String name, String value) {
        headerValue(name, value);
        if (!value.isEmpty() && (isSpaceOrTab(value.charAt(0)) || isSpaceOrTab(value.charAt(value.length() - 1)))) {
            throw new IllegalArgumentException(name + " must not start or end with a space or tab (HTTP would drop it)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e) {
                throw new IllegalArgumentException(name + " must be ASCII to be sent in an HTTP header (character " + (i + 1)
                        + " is not)");
            }
        }
        return value;
    }

    /**
     * Requires a path relative to the API root that cannot step out of it or inject anything:
     * not blank, no leading {@code /}, no {@code .} or {@code ..} segment (with {@code /} or
     * {@code \} as separators), no control characters, no unpaired surrogates.
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String relativePath(String name, String value) {
        notBlank(name, value);
        noControlCharacters(name, value);
        if (value.startsWith("/") || value.startsWith("\\")) {
            throw new IllegalArgumentException(name + " must be relative to the API root, without a leading '/'");
        }
        for (String segment : value.split("[/\\\\]", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(name + " must not contain '.' or '..' segments but was \"" + printable(value) + "\"");
            }
        }
        return value;
    }

    /**
     * Whether {@link #id(String, String)} accepts {@code value}: lets a per-call check build the
     * argument's name (for the message) only when it refuses.
     *
     * @param value the value
     * @return true if it is a valid id
     */
    public static boolean isId(String value) {
        try {
            id("id", value);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    /**
     * Whether {@link #wireText(String, String)} accepts {@code value}: lets a per-call check build
     * the argument's name (for the message) only when it refuses.
     *
     * @param value the value
     * @return true if it goes on the wire as given
     */
    public static boolean isWireText(String value) {
        try {
            wireText("text", value);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    /**
     * Requires a text that goes on the wire exactly as given: no control characters and no
     * unpaired UTF-16 surrogates (may be blank).
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String wireText(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        noControlCharacters(name, value);
        return value;
    }

    /**
     * Requires well-formed UTF-16: no unpaired surrogate, which UTF-8 encoding would silently
     * replace with {@code ?}.
     *
     * @param name the argument's name
     * @param value its value
     * @return the value
     */
    public static String wellFormed(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(name + " must be well-formed Unicode but has an unpaired surrogate");
            }
        }
        return value;
    }

    private static void noControlCharacters(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(name + " must not contain control characters such as CR or LF");
            }
        }
        wellFormed(name, value);
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 80; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
