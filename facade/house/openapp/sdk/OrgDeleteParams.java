package house.openapp.sdk;

import java.util.Objects;

/**
 * The options of {@link Orgs#delete(String, OrgDeleteParams)}: whether an organisation that is
 * already soft-deleted is found too ({@code include_deleted}); an immutable value. Unset options
 * are not sent.
 *
 * <pre>{@code
 * OrganizationResponse deleted = client.orgs().delete("01HORG", OrgDeleteParams.builder().includeDeleted(true).build());
 * }</pre>
 */
public final class OrgDeleteParams {
    /** Nothing set: only a live organisation is deleted. */
    public static final OrgDeleteParams DEFAULT = builder().build();

    private final boolean includeDeleted;

    private OrgDeleteParams(Builder builder) {
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
     * Whether an already soft-deleted organisation is found too.
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
        return other instanceof OrgDeleteParams that && includeDeleted == that.includeDeleted;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(includeDeleted);
    }

    @Override
    public String toString() {
        return "OrgDeleteParams{includeDeleted=" + includeDeleted + "}";
    }

    /** Builder of {@link OrgDeleteParams}; not thread-safe. */
    public static final class Builder {
        private boolean includeDeleted;

        private Builder() {
        }

        /**
         * Finds an already soft-deleted organisation too ({@code include_deleted=true}).
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
        public OrgDeleteParams build() {
            return new OrgDeleteParams(this);
        }
    }
}
