package house.openapp.sdk;

import house.openapp.sdk.generated.QueryObjects;
import house.openapp.sdk.internal.RequestExtras;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the params of every operation share: a copy of the operation's generated query object,
 * which holds its scalar query parameters (every one the bundle declares, including those a
 * regeneration adds), and the additional query parameters merged in after serialisation.
 * Package-private; its public methods are part of the params classes.
 *
 * @param <Q> the operation's generated query object, such as {@code OrgsApi.GetOrgQuery}
 */
abstract class OperationParams<Q> {
    private final Class<Q> queryType;
    final Q query;
    final RequestExtras extras;

    OperationParams(Class<Q> queryType, Builder<Q, ?> builder) {
        this.queryType = queryType;
        this.query = RequestExtras.copy(builder.query, queryType);
        this.extras = builder.extras;
    }

    /**
     * The operation's scalar query parameters as the generated query object, every property
     * the bundle declares included (the additional ones are not in it).
     *
     * @return a copy of the generated query object
     */
    public Q query() {
        return RequestExtras.copy(query, queryType);
    }

    /** @return the additional query parameters, wire key to value */
    public Map<String, String> additionalQueryParams() {
        return extras.query();
    }

    RequestExtras extras() {
        return extras;
    }

    /** @return what else a subclass holds, for {@code equals}, {@code hashCode} and {@code toString} */
    List<Object> state() {
        return List.of();
    }

    /** The wire form of a flag: {@code true}, or left out. */
    static Boolean flag(boolean on) {
        return on ? Boolean.TRUE : null;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && query.equals(((OperationParams<?>) other).query)
                && extras.equals(((OperationParams<?>) other).extras) && state().equals(((OperationParams<?>) other).state());
    }

    @Override
    public int hashCode() {
        return Objects.hash(query, extras, state());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{query=" + QueryObjects.explode(query) + (state().isEmpty() ? "" : ", " + state().toString().replaceAll("\\s+", " ")) + extras + "}";
    }

    /**
     * What the params builders share; not thread-safe.
     *
     * @param <Q> the operation's generated query object
     * @param <B> the builder's own type
     */
    abstract static class Builder<Q, B extends Builder<Q, B>> {
        private final Class<Q> queryType;
        Q query;
        RequestExtras extras;

        Builder(Class<Q> queryType, OperationParams<Q> from) {
            this.queryType = queryType;
            this.query = RequestExtras.copy(from == null ? null : from.query, queryType);
            this.extras = from == null ? RequestExtras.NONE : from.extras;
        }

        @SuppressWarnings("unchecked")
        B self() {
            return (B) this;
        }

        /**
         * Sets every scalar query parameter from the operation's generated query object,
         * replacing those set before: the way to send one that the bundle declares and this
         * builder has no method for.
         *
         * @param query the generated query object; a copy is kept
         * @return this builder
         */
        public B query(Q query) {
            this.query = RequestExtras.copy(Objects.requireNonNull(query, "query"), queryType);
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
