package house.openapp.sdk;

import house.openapp.sdk.internal.RequestExtras;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What {@link OrgCreateParams} and {@link OrgUpdateParams} share besides the query object: a
 * (copy of a) generated request body, and the additional body properties merged in after
 * serialisation. Package-private; its public methods are part of those two classes.
 *
 * @param <M> the generated request model
 * @param <Q> the operation's generated query object
 */
abstract class RequestParams<M, Q> extends OperationParams<Q> {
    private final Class<M> type;
    private final M request;

    RequestParams(Class<M> type, Class<Q> queryType, Builder<M, Q, ?> builder, UnaryOperator<M> check) {
        super(queryType, builder);
        this.type = type;
        this.request = check.apply(RequestExtras.copy(builder.request, type));
    }

    /**
     * The request body, every declared property included (the additional ones are not in it).
     *
     * @return a copy of the generated model
     */
    public M toRequest() {
        return RequestExtras.copy(request, type);
    }

    /** @return the additional body properties, wire name to value ({@code null}: JSON null) */
    public Map<String, Object> additionalBodyProperties() {
        return extras.body();
    }

    M request() {
        return request;
    }

    @Override
    List<Object> state() {
        return List.of(request);
    }

    /**
     * What the two builders share; not thread-safe.
     *
     * @param <M> the generated request model
     * @param <Q> the operation's generated query object
     * @param <B> the builder's own type
     */
    abstract static class Builder<M, Q, B extends Builder<M, Q, B>> extends OperationParams.Builder<Q, B> {
        final M request;

        Builder(Class<M> type, Class<Q> queryType, M request, RequestParams<M, Q> from) {
            super(queryType, from);
            this.request = RequestExtras.copy(from == null ? request : from.request, type);
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
    }
}
