package house.openapp.sdk;

import house.openapp.sdk.generated.api.OrgsApi;

/**
 * The options of {@link Orgs#get(String, OrgGetParams)}: the generated
 * {@link OrgsApi.GetOrgQuery} (every query parameter the bundle declares for {@code get_org}), with
 * a method for a soft-deleted organisation is found too ({@code include_deleted}); an immutable value. Unset options are not sent.
 *
 * <pre>{@code
 * OrganizationResponse gone = client.orgs().get("01HORG", OrgGetParams.builder().includeDeleted(true).build());
 * }</pre>
 */
public final class OrgGetParams extends OperationParams<OrgsApi.GetOrgQuery> {
    /** Nothing set: only a live organisation is found. */
    public static final OrgGetParams DEFAULT = builder().build();

    private OrgGetParams(Builder builder) {
        super(OrgsApi.GetOrgQuery.class, builder);
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
    public static OrgGetParams from(OrgsApi.GetOrgQuery query) {
        return builder().query(query).build();
    }

    /**
     * Whether a soft-deleted organisation is found too.
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

    /** Builder of {@link OrgGetParams}; not thread-safe. */
    public static final class Builder extends OperationParams.Builder<OrgsApi.GetOrgQuery, Builder> {
        private Builder(OrgGetParams from) {
            super(OrgsApi.GetOrgQuery.class, from);
        }

        /**
         * Sends {@code include_deleted=true}: a soft-deleted organisation is found too.
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
        public OrgGetParams build() {
            return new OrgGetParams(this);
        }
    }
}
