package house.openapp.sdk;

import house.openapp.sdk.internal.Checks;
import house.openapp.sdk.generated.model.MultiResourceOutputOptionsQuery;
import house.openapp.sdk.generated.model.PaginationQuery;

import java.util.Objects;
import java.util.Optional;

/**
 * The filter and page of a list call: every property of the API's {@code output_options}
 * ({@code include_deleted}, {@code only_deleted}) and {@code pagination} ({@code limit},
 * {@code offset}) query objects; an immutable value. Unset properties are not sent, so the
 * server's defaults apply.
 *
 * <pre>{@code
 * Page<OrganizationResponse> page = client.orgs().list(ListParams.builder().includeDeleted(true).limit(50).build());
 * // or with the generated query models as they are:
 * client.orgs().list(ListParams.of(new MultiResourceOutputOptionsQuery().onlyDeleted(true), new PaginationQuery().limit(10)));
 * }</pre>
 */
public final class ListParams {
    /** The largest page the API serves. */
    public static final int MAX_LIMIT = 200;

    /** No properties set: the server's defaults. */
    public static final ListParams DEFAULT = builder().build();

    private final Boolean includeDeleted;
    private final Boolean onlyDeleted;
    private final Integer limit;
    private final Integer offset;

    private ListParams(Builder builder) {
        this.includeDeleted = builder.includeDeleted;
        this.onlyDeleted = builder.onlyDeleted;
        this.limit = builder.limit;
        this.offset = builder.offset;
    }

    /**
     * Starts a builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes the generated query models as they are; either may be {@code null}.
     *
     * @param outputOptions the {@code output_options} query object, or {@code null}
     * @param pagination the {@code pagination} query object, or {@code null}
     * @return the equivalent parameters
     * @throws IllegalArgumentException if {@code limit} or {@code offset} is out of range
     */
    public static ListParams of(MultiResourceOutputOptionsQuery outputOptions, PaginationQuery pagination) {
        Builder builder = builder();
        if (outputOptions != null) {
            builder.includeDeleted = outputOptions.getIncludeDeleted();
            builder.onlyDeleted = outputOptions.getOnlyDeleted();
        }
        if (pagination != null) {
            if (pagination.getLimit() != null) {
                builder.limit(pagination.getLimit());
            }
            if (pagination.getOffset() != null) {
                builder.offset(pagination.getOffset());
            }
        }
        return builder.build();
    }

    /**
     * Whether soft-deleted resources are returned as well.
     *
     * @return the value, empty when unset
     */
    public Optional<Boolean> includeDeleted() {
        return Optional.ofNullable(includeDeleted);
    }

    /**
     * Whether only soft-deleted resources are returned.
     *
     * @return the value, empty when unset
     */
    public Optional<Boolean> onlyDeleted() {
        return Optional.ofNullable(onlyDeleted);
    }

    /**
     * The page size.
     *
     * @return the limit, empty for the server's default
     */
    public Optional<Integer> limit() {
        return Optional.ofNullable(limit);
    }

    /**
     * How many items to skip.
     *
     * @return the offset, empty for 0
     */
    public Optional<Integer> offset() {
        return Optional.ofNullable(offset);
    }

    /**
     * The same parameters at another offset (how auto-paging moves on).
     *
     * @param newOffset the offset, at least 0
     * @return new parameters
     */
    public ListParams withOffset(int newOffset) {
        return toBuilder().offset(newOffset).build();
    }

    /**
     * The {@code output_options} query object of these parameters.
     *
     * @return a new generated model
     */
    public MultiResourceOutputOptionsQuery outputOptions() {
        return new MultiResourceOutputOptionsQuery().includeDeleted(includeDeleted).onlyDeleted(onlyDeleted);
    }

    /**
     * The {@code pagination} query object of these parameters.
     *
     * @return a new generated model
     */
    public PaginationQuery pagination() {
        return new PaginationQuery().limit(limit).offset(offset);
    }

    /**
     * A builder initialised from these parameters.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.includeDeleted = includeDeleted;
        builder.onlyDeleted = onlyDeleted;
        builder.limit = limit;
        builder.offset = offset;
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListParams that
                && Objects.equals(includeDeleted, that.includeDeleted)
                && Objects.equals(onlyDeleted, that.onlyDeleted)
                && Objects.equals(limit, that.limit)
                && Objects.equals(offset, that.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(includeDeleted, onlyDeleted, limit, offset);
    }

    @Override
    public String toString() {
        return "ListParams{includeDeleted=" + includeDeleted + ", onlyDeleted=" + onlyDeleted + ", limit=" + limit
                + ", offset=" + offset + "}";
    }

    /** Builder of {@link ListParams}; not thread-safe. */
    public static final class Builder {
        private Boolean includeDeleted;
        private Boolean onlyDeleted;
        private Integer limit;
        private Integer offset;

        private Builder() {
        }

        /**
         * Returns soft-deleted resources as well ({@code include_deleted}).
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public Builder includeDeleted(boolean includeDeleted) {
            this.includeDeleted = includeDeleted;
            return this;
        }

        /**
         * Returns only soft-deleted resources ({@code only_deleted}).
         *
         * @param onlyDeleted the flag
         * @return this builder
         */
        public Builder onlyDeleted(boolean onlyDeleted) {
            this.onlyDeleted = onlyDeleted;
            return this;
        }

        /**
         * Sets the page size ({@code limit}).
         *
         * @param limit 0..200
         * @return this builder
         */
        public Builder limit(int limit) {
            this.limit = Checks.range("limit", limit, 0, MAX_LIMIT);
            return this;
        }

        /**
         * Sets how many items to skip ({@code offset}).
         *
         * @param offset at least 0
         * @return this builder
         */
        public Builder offset(int offset) {
            this.offset = Checks.nonNegative("offset", offset);
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the parameters
         */
        public ListParams build() {
            return new ListParams(this);
        }
    }
}
