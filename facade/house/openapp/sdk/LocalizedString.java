package house.openapp.sdk;

import house.openapp.sdk.generated.model.LocalizedStringModel;
import house.openapp.sdk.internal.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Text in one or more locales, such as an organisation's or a user's name; an immutable value,
 * and the one localized-text type the façade's users work with. Responses carry names as the
 * wire model {@link LocalizedStringModel} ({@code org.getName()}); {@link #display(LocalizedStringModel,
 * Locale)} reads one for display in one call, and {@link #from(LocalizedStringModel)} turns it
 * into this type.
 *
 * <pre>{@code
 * String shown = LocalizedString.display(org.getName(), Locale.CANADA_FRENCH); // fr-CA, fr, en, und, any
 * LocalizedString name = LocalizedString.of("en", "Field Office (renamed)");
 * LocalizedString both = LocalizedString.builder().put("en", "Gate").put("he", "שער").build();
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
    public static LocalizedString from(LocalizedStringModel model) {
        if (model == null || model.getValue() == null || model.getValue().isEmpty()) {
            return null;
        }
        return new LocalizedString(new LinkedHashMap<>(model.getValue()));
    }

    /**
     * The text to show a reader who prefers {@code preferred}, in one call: the first present of
     * the exact tag ({@code fr-CA}), its shorter forms ({@code fr}), any tag of the same language
     * ({@code fr-FR}), {@value Orgs#DEFAULT_LOCALE} or an {@code en-*} tag, {@code und}, and
     * finally the first locale of the value. Tags are compared ignoring case.
     *
     * @param model a name as the API returned it, such as {@code org.getName()}; may be {@code null}
     * @param preferred the reader's locale, such as {@code Locale.FRENCH}
     * @return the text, or the empty string when {@code model} is {@code null} or holds no text
     */
    public static String display(LocalizedStringModel model, Locale preferred) {
        Objects.requireNonNull(preferred, "preferred");
        LocalizedString value = from(model);
        return value == null ? "" : value.display(preferred);
    }

    /**
     * The text to show a reader who prefers {@code preferred}, with the fallbacks of
     * {@link #display(LocalizedStringModel, Locale)}.
     *
     * @param preferred the reader's locale
     * @return the text; never {@code null}
     */
    public String display(Locale preferred) {
        String wanted = Objects.requireNonNull(preferred, "preferred").toLanguageTag();
        for (String tag = wanted; !tag.isEmpty(); tag = tag.contains("-") ? tag.substring(0, tag.lastIndexOf('-')) : "") {
            Optional<String> exact = find(tag);
            if (exact.isPresent()) {
                return exact.get();
            }
        }
        String language = preferred.getLanguage();
        for (String candidate : language.isEmpty() ? new String[] {Orgs.DEFAULT_LOCALE, "und"}
                : new String[] {language, Orgs.DEFAULT_LOCALE, "und"}) {
            Optional<String> family = find(candidate).or(() -> findFamily(candidate));
            if (family.isPresent()) {
                return family.get();
            }
        }
        return texts.values().iterator().next();
    }

    private Optional<String> find(String tag) {
        return texts.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(tag)).map(Map.Entry::getValue).findFirst();
    }

    private Optional<String> findFamily(String language) {
        String prefix = language.toLowerCase(Locale.ROOT) + "-";
        return texts.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * The text in one locale, exactly as tagged.
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
    public LocalizedStringModel toModel() {
        return new LocalizedStringModel().value(new LinkedHashMap<>(texts));
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
