package house.openapp.sdk;

import house.openapp.sdk.generated.api.OrgsApi;

import java.util.List;
import java.util.Objects;

/**
 * The options of {@link Orgs#users(String, OrgUsersParams)}: the generated
 * {@link OrgsApi.ListOrgUsersQuery} (every scalar query parameter the bundle declares for
 * {@code list_org_users}, with a method for {@code recursive}: whether the users of descendant
 * organisations are included), and the filter and page ({@link ListParams}); an immutable value.
 * Unset options are not sent.
 *
 * <pre>{@code
 * OrgUsersParams params = OrgUsersParams.builder()
 *     .recursive(true)
 *     .listParams(ListParams.builder().limit(100).build())
 *     .build();
 * Page<UserResponse> users = client.orgs().users("01HORG", params);
 * }</pre>
 */
public final class OrgUsersParams extends OperationParams<OrgsApi.ListOrgUsersQuery> {
    /** Nothing set: the organisation's own users, the server's default page. */
    public static final OrgUsersParams DEFAULT = builder().build();

    private final ListParams listParams;

    private OrgUsersParams(Builder builder) {
        super(OrgsApi.ListOrgUsersQuery.class, builder);
        this.listParams = builder.listParams;
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
     * Options with every property of the generated query objects, whether declared today or
     * added to the bundle later.
     *
     * @param query the scalar query parameters; a copy is kept
     * @param listParams the filter and page
     * @return the options
     */
    public static OrgUsersParams from(OrgsApi.ListOrgUsersQuery query, ListParams listParams) {
        return builder().query(query).listParams(listParams).build();
    }

    /**
     * Whether the users of descendant organisations are included.
     *
     * @return the flag; {@code false} sends nothing
     */
    public boolean recursive() {
        return Boolean.TRUE.equals(query.getRecursive());
    }

    /**
     * The filter and page.
     *
     * @return the list parameters, {@link ListParams#DEFAULT} unless set
     */
    public ListParams listParams() {
        return listParams;
    }

    /**
     * A builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    List<Object> state() {
        return List.of(listParams);
    }

    /** Builder of {@link OrgUsersParams}; not thread-safe. */
    public static final class Builder extends OperationParams.Builder<OrgsApi.ListOrgUsersQuery, Builder> {
        private ListParams listParams;

        private Builder(OrgUsersParams from) {
            super(OrgsApi.ListOrgUsersQuery.class, from);
            this.listParams = from == null ? ListParams.DEFAULT : from.listParams;
        }

        /**
         * Includes the users of every descendant organisation ({@code recursive=true}).
         *
         * @param recursive the flag
         * @return this builder
         */
        public Builder recursive(boolean recursive) {
            query.recursive(flag(recursive));
            return this;
        }

        /**
         * Sets the filter and page ({@code output_options} and {@code pagination}).
         *
         * @param listParams the list parameters
         * @return this builder
         */
        public Builder listParams(ListParams listParams) {
            this.listParams = Objects.requireNonNull(listParams, "listParams");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public OrgUsersParams build() {
            return new OrgUsersParams(this);
        }
    }
}
