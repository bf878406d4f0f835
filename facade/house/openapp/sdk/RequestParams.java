package house.openapp.sdk;

import house.openapp.sdk.internal.RequestExtras;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What {@link OrgCreateParams} and {@link OrgUpdateParams} share: a (copy of a) generated request
 * body, the {@code include_deleted} flag, and the additional body properties and query
 * parameters merged in after serialisation. Package-private; its public methods are part of
 * those two classes.
 *
 * @param <M> the generated request model
 */
abstract class RequestParams<M> {
    private final Class<M> type;
    private final M request;
    private final boolean includeDeleted;
    private final RequestExtras extras;

    RequestParams(Class<M> type, Builder<M, ?> builder, UnaryOperator<M> check) {
        this.type = type;
        this.request = check.apply(RequestExtras.copy(builder.request, type));
        this.includeDeleted = builder.includeDeleted;
        this.extras = builder.extras;
    }

    /**
     * The request body, every declared property included (the additional ones are not in it).
     *
     * @return a copy of the generated model
     */
    public M toRequest() {
        return RequestExtras.copy(request, type);
    }

    /** @return whether {@code include_deleted=true} is sent */
    public boolean includeDeleted() {
        return includeDeleted;
    }

    /** @return the additional body properties, wire name to value ({@code null}: JSON null) */
    public Map<String, Object> additionalBodyProperties() {
        return extras.body();
    }

    /** @return the additional query parameters, wire key to value */
    public Map<String, String> additionalQueryParams() {
        return extras.query();
    }

    RequestExtras extras() {
        return extras;
    }

    M request() {
        return request;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && request.equals(((RequestParams<?>) other).request)
                && includeDeleted == ((RequestParams<?>) other).includeDeleted && extras.equals(((RequestParams<?>) other).extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, includeDeleted, extras);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + request.toString().replaceAll("\\s+", " ") + ", includeDeleted=" + includeDeleted
                + extras + "}";
    }

    /**
     * What the two builders share; not thread-safe.
     *
     * @param <M> the generated request model
     * @param <B> the builder's own type
     */
    abstract static class Builder<M, B extends Builder<M, B>> {
        final M request;
        boolean includeDeleted;
        RequestExtras extras;

        Builder(Class<M> type, M request, RequestParams<M> from) {
            this.request = RequestExtras.copy(from == null ? request : from.request, type);
            this.includeDeleted = from != null && from.includeDeleted;
            this.extras = from == null ? RequestExtras.NONE : from.extras;
        }

        @SuppressWarnings("unchecked")
        B self() {
            return (B) this;
        }

        /**
         * Sends {@code include_deleted=true}, to act on a soft-deleted organisation too.
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public B includeDeleted(boolean includeDeleted) {
            this.includeDeleted = includeDeleted;
            return self();
        }

        /**
         * Sends one more body property, merged into the serialised body (it replaces a declared
         * property of the same name): the way to use a property the server knows before this SDK
         * is regenerated from a bundle that declares it.
         *
         * @param name the property's wire name
         * @param value any value Gson can write (maps, lists, numbers, generated models), or {@code null} for JSON null
         * @return this builder
         */
        public B putAdditionalBodyProperty(String name, Object value) {
            extras = extras.withBody(name, value, true);
            return self();
        }

        /**
         * Sends one more query parameter (it replaces a key of the same name), for a parameter
         * the server knows before this SDK is regenerated.
         *
         * @param name the wire key
         * @param value its value as sent
         * @return this builder
         */
        public B putAdditionalQueryParam(String name, String value) {
            extras = extras.withQuery(name, value);
            return self();
        }
    }
}
