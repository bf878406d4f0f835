package house.openapp.sdk;

import house.openapp.sdk.internal.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Text in one or more locales, such as an organisation's name; an immutable value.
 *
 * <pre>{@code
 * LocalizedString name = LocalizedString.of("en", "Field Office (renamed)");
 * LocalizedString both = LocalizedString.builder().put("en", "Gate").put("he", "שער").build();
 * String english = LocalizedString.from(org.getName()).get("en").orElse("?");
 * }</pre>
 */
public final class LocalizedString {
    private final Map<String, String> texts;

    private LocalizedString(Map<String, String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a localized string needs at least one locale");
        }
        this.texts = Collections.unmodifiableMap(texts);
    }

    /**
     * Text in one locale.
     *
     * @param locale a locale tag such as {@code en}
     * @param text the text
     * @return the value
     */
    public static LocalizedString of(String locale, String text) {
        return builder().put(locale, text).build();
    }

    /**
     * Text in every locale of a map.
     *
     * @param texts locale tag to text; not empty
     * @return the value
     */
    public static LocalizedString of(Map<String, String> texts) {
        Builder builder = builder();
        Objects.requireNonNull(texts, "texts").forEach(builder::put);
        return builder.build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the generated model.
     *
     * @param model the model as it came from the API; may be {@code null}
     * @return the value, or {@code null} for {@code null} or an empty model
     */
    public static LocalizedString from(house.openapp.sdk.generated.model.LocalizedString model) {
        if (model == null || model.getValue() == null || model.getValue().isEmpty()) {
            return null;
        }
        return new LocalizedString(new LinkedHashMap<>(model.getValue()));
    }

    /**
     * The text in one locale.
     *
     * @param locale a locale tag
     * @return the text, if present
     */
    public Optional<String> get(String locale) {
        return Optional.ofNullable(texts.get(locale));
    }

    /**
     * Every locale and its text, in insertion order.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> texts() {
        return texts;
    }

    /**
     * The generated model of this value, for the wire.
     *
     * @return a new model
     */
    public house.openapp.sdk.generated.model.LocalizedString toModel() {
        return new house.openapp.sdk.generated.model.LocalizedString().value(new LinkedHashMap<>(texts));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LocalizedString that && texts.equals(that.texts);
    }

    @Override
    public int hashCode() {
        return texts.hashCode();
    }

    @Override
    public String toString() {
        return texts.toString();
    }

    /** Builder of {@link LocalizedString}; not thread-safe. */
    public static final class Builder {
        private final Map<String, String> texts = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the text of one locale.
         *
         * @param locale a non-blank locale tag
         * @param text the text, not null
         * @return this builder
         */
        public Builder put(String locale, String text) {
            Checks.text("locale", locale);
            texts.put(locale, Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws IllegalArgumentException if no locale was set
         */
        public LocalizedString build() {
            return new LocalizedString(new LinkedHashMap<>(texts));
        }
    }
}
