package house.openapp.sdk;

import java.util.Objects;

/**
 * The options of {@link Orgs#get(String, OrgGetParams)}: whether a soft-deleted organisation
 * is found too ({@code include_deleted}); an immutable value. Unset options are not sent.
 *
 * <pre>{@code
 * OrganizationResponse gone = client.orgs().get("01HORG", OrgGetParams.builder().includeDeleted(true).build());
 * }</pre>
 */
public final class OrgGetParams {
    /** Nothing set: only a live organisation is found. */
    public static final OrgGetParams DEFAULT = builder().build();

    private final boolean includeDeleted;

    private OrgGetParams(Builder builder) {
        this.includeDeleted = builder.includeDeleted;
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
     * Whether a soft-deleted organisation is found too.
     *
     * @return the flag; {@code false} sends nothing
     */
    public boolean includeDeleted() {
        return includeDeleted;
    }

    /**
     * A builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().includeDeleted(includeDeleted);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrgGetParams that && includeDeleted == that.includeDeleted;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(includeDeleted);
    }

    @Override
    public String toString() {
        return "OrgGetParams{includeDeleted=" + includeDeleted + "}";
    }

    /** Builder of {@link OrgGetParams}; not thread-safe. */
    public static final class Builder {
        private boolean includeDeleted;

        private Builder() {
        }

        /**
         * Finds a soft-deleted organisation too ({@code include_deleted=true}).
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public Builder includeDeleted(boolean includeDeleted) {
            this.includeDeleted = includeDeleted;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public OrgGetParams build() {
            return new OrgGetParams(this);
        }
    }
}
