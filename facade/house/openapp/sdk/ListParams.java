package house.openapp.sdk;

import house.openapp.sdk.generated.QueryObjects;
import house.openapp.sdk.generated.model.MultiResourceOutputOptionsQuery;
import house.openapp.sdk.generated.model.PaginationQuery;
import house.openapp.sdk.internal.RequestExtras;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The filter and page of a list call: the API's {@code output_options} and {@code pagination}
 * query objects, held as (copies of) the generated models, so every property the bundle
 * declares is carried, including ones added after this class was written; an immutable value.
 * Unset properties are not sent, so the server's defaults apply.
 *
 * <pre>{@code
 * Page<OrganizationResponse> page = client.orgs().list(ListParams.builder().includeDeleted(true).limit(50).build());
 * // or with the generated query models as they are, every property kept:
 * client.orgs().list(ListParams.of(new MultiResourceOutputOptionsQuery().onlyDeleted(true), new PaginationQuery().limit(10)));
 * }</pre>
 *
 * <p>A query parameter the server knows but this SDK's bundle does not yet declare can be sent
 * with {@link Builder#putAdditionalQueryParam(String, String)}.
 */
public final class ListParams {
    /** No properties set: the server's defaults. */
    public static final ListParams DEFAULT = builder().build();

    final MultiResourceOutputOptionsQuery outputOptions; // never handed out: the getters copy
    final PaginationQuery pagination;
    private final RequestExtras extras;

    private ListParams(Builder builder) {
        this(RequestExtras.copy(builder.outputOptions, MultiResourceOutputOptionsQuery.class),
                RequestExtras.copy(builder.pagination, PaginationQuery.class), builder.extras);
    }

    /** Takes the models as they are: they must be this instance's own (or shared with another, as neither mutates them). */
    private ListParams(MultiResourceOutputOptionsQuery outputOptions, PaginationQuery pagination, RequestExtras extras) {
        this.outputOptions = outputOptions.checkBounds();
        this.pagination = pagination.checkBounds();
        this.extras = extras;
    }

    /**
     * Starts a builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(null, null, RequestExtras.NONE);
    }

    /**
     * Takes (copies of) the generated query models with every property they hold; either may be
     * {@code null}.
     *
     * @param outputOptions the {@code output_options} query object, or {@code null}
     * @param pagination the {@code pagination} query object, or {@code null}
     * @return the equivalent parameters
     * @throws IllegalArgumentException if a property is outside the bounds the bundle declares
     */
    public static ListParams of(MultiResourceOutputOptionsQuery outputOptions, PaginationQuery pagination) {
        return new Builder(outputOptions, pagination, RequestExtras.NONE).build();
    }

    /** @return the page size, empty for the server's default */
    public Optional<Integer> limit() {
        return Optional.ofNullable(pagination.getLimit());
    }

    /** @return how many items to skip, empty for 0 */
    public Optional<Integer> offset() {
        return Optional.ofNullable(pagination.getOffset());
    }

    /**
     * The same parameters at another offset (how auto-paging moves on): every other property,
     * and the additional query parameters, are kept.
     *
     * @param newOffset the offset, at least 0
     * @return new parameters
     */
    public ListParams withOffset(int newOffset) {
        // once per page: one model copied, not both twice through a builder
        return new ListParams(outputOptions, RequestExtras.copy(pagination, PaginationQuery.class).offset(newOffset), extras);
    }

    /** @return a copy of the {@code output_options} query object, every property included */
    public MultiResourceOutputOptionsQuery outputOptions() {
        return RequestExtras.copy(outputOptions, MultiResourceOutputOptionsQuery.class);
    }

    /** @return a copy of the {@code pagination} query object, every property included */
    public PaginationQuery pagination() {
        return RequestExtras.copy(pagination, PaginationQuery.class);
    }

    /** @return the additional query parameters, wire key to value, in order */
    public Map<String, String> additionalQueryParams() {
        return extras.query();
    }

    RequestExtras extras() {
        return extras;
    }

    /** @return a builder initialised from these parameters */
    public Builder toBuilder() {
        return new Builder(outputOptions, pagination, extras);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListParams that && outputOptions.equals(that.outputOptions)
                && pagination.equals(that.pagination) && extras.equals(that.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outputOptions, pagination, extras);
    }

    @Override
    public String toString() {
        return "ListParams" + QueryObjects.explodeAll(outputOptions, pagination) + extras;
    }

    /** Builder of {@link ListParams}; not thread-safe. */
    public static final class Builder {
        private final MultiResourceOutputOptionsQuery outputOptions;
        private final PaginationQuery pagination;
        private RequestExtras extras;

        private Builder(MultiResourceOutputOptionsQuery outputOptions, PaginationQuery pagination, RequestExtras extras) {
            this.outputOptions = RequestExtras.copy(outputOptions, MultiResourceOutputOptionsQuery.class);
            this.pagination = RequestExtras.copy(pagination, PaginationQuery.class);
            this.extras = extras;
        }

        /**
         * Returns soft-deleted resources as well ({@code include_deleted}).
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public Builder includeDeleted(boolean includeDeleted) {
            outputOptions.setIncludeDeleted(includeDeleted);
            return this;
        }

        /**
         * Returns only soft-deleted resources ({@code only_deleted}).
         *
         * @param onlyDeleted the flag
         * @return this builder
         */
        public Builder onlyDeleted(boolean onlyDeleted) {
            outputOptions.setOnlyDeleted(onlyDeleted);
            return this;
        }

        /**
         * Sets the page size ({@code limit}).
         *
         * @param limit within the bounds the bundle declares ({@link PaginationQuery#checkBounds()})
         * @return this builder
         * @throws IllegalArgumentException if out of bounds
         */
        public Builder limit(int limit) {
            new PaginationQuery().limit(limit).checkBounds();
            pagination.setLimit(limit);
            return this;
        }

        /**
         * Sets how many items to skip ({@code offset}).
         *
         * @param offset within the bounds the bundle declares (at least 0)
         * @return this builder
         * @throws IllegalArgumentException if out of bounds
         */
        public Builder offset(int offset) {
            new PaginationQuery().offset(offset).checkBounds();
            pagination.setOffset(offset);
            return this;
        }

        /**
         * Sends one more query parameter, after the query objects are serialised (it replaces a
         * key of the same name): the way to use a parameter the server knows before this SDK is
         * regenerated from a bundle that declares it.
         *
         * @param name the wire key
         * @param value its value as sent
         * @return this builder
         */
        public Builder putAdditionalQueryParam(String name, String value) {
            extras = extras.withQuery(name, value);
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the parameters
         * @throws IllegalArgumentException if a property is outside the bounds the bundle declares
         */
        public ListParams build() {
            return new ListParams(this);
        }
    }
}
