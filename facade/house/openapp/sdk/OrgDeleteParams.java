package house.openapp.sdk;

import house.openapp.sdk.generated.api.OrgsApi;

/**
 * The options of {@link Orgs#delete(String, OrgDeleteParams)}: the generated
 * {@link OrgsApi.DeleteOrgQuery} (every query parameter the bundle declares for {@code delete_org}), with
 * a method for an organisation that is already soft-deleted is found too ({@code include_deleted}); an immutable value. Unset options are not sent.
 *
 * <pre>{@code
 * OrganizationResponse deleted = client.orgs().delete("01HORG", OrgDeleteParams.builder().includeDeleted(true).build());
 * }</pre>
 */
public final class OrgDeleteParams extends OperationParams<OrgsApi.DeleteOrgQuery> {
    /** Nothing set: only a live organisation is deleted. */
    public static final OrgDeleteParams DEFAULT = builder().build();

    private OrgDeleteParams(Builder builder) {
        super(OrgsApi.DeleteOrgQuery.class, builder);
    }

    /**
     * Starts a builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * Options with every query parameter of the generated query object, whether declared today
     * or added to the bundle later.
     *
     * @param query the generated query object; a copy is kept
     * @return the options
     */
    public static OrgDeleteParams from(OrgsApi.DeleteOrgQuery query) {
        return builder().query(query).build();
    }

    /**
     * Whether an organisation that is already soft-deleted is found too.
     *
     * @return the flag; {@code false} sends nothing
     */
    public boolean includeDeleted() {
        return Boolean.TRUE.equals(query.getIncludeDeleted());
    }

    /**
     * A builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder of {@link OrgDeleteParams}; not thread-safe. */
    public static final class Builder extends OperationParams.Builder<OrgsApi.DeleteOrgQuery, Builder> {
        private Builder(OrgDeleteParams from) {
            super(OrgsApi.DeleteOrgQuery.class, from);
        }

        /**
         * Sends {@code include_deleted=true}: an organisation that is already soft-deleted is found too.
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public Builder includeDeleted(boolean includeDeleted) {
            query.includeDeleted(flag(includeDeleted));
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
