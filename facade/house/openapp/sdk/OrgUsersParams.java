package house.openapp.sdk;

import java.util.Objects;

/**
 * The options of {@link Orgs#users(String, OrgUsersParams)}: whether the users of descendant
 * organisations are included ({@code recursive}), and the filter and page ({@link ListParams});
 * an immutable value. Unset options are not sent.
 *
 * <pre>{@code
 * OrgUsersParams params = OrgUsersParams.builder()
 *     .recursive(true)
 *     .listParams(ListParams.builder().limit(100).build())
 *     .build();
 * Page<UserResponse> users = client.orgs().users("01HORG", params);
 * }</pre>
 */
public final class OrgUsersParams {
    /** Nothing set: the organisation's own users, the server's default page. */
    public static final OrgUsersParams DEFAULT = builder().build();

    private final boolean recursive;
    private final ListParams listParams;

    private OrgUsersParams(Builder builder) {
        this.recursive = builder.recursive;
        this.listParams = builder.listParams;
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
     * Whether the users of descendant organisations are included.
     *
     * @return the flag; {@code false} sends nothing
     */
    public boolean recursive() {
        return recursive;
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
        return new Builder().recursive(recursive).listParams(listParams);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrgUsersParams that && recursive == that.recursive && listParams.equals(that.listParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recursive, listParams);
    }

    @Override
    public String toString() {
        return "OrgUsersParams{recursive=" + recursive + ", listParams=" + listParams + "}";
    }

    /** Builder of {@link OrgUsersParams}; not thread-safe. */
    public static final class Builder {
        private boolean recursive;
        private ListParams listParams = ListParams.DEFAULT;

        private Builder() {
        }

        /**
         * Includes the users of every descendant organisation ({@code recursive=true}).
         *
         * @param recursive the flag
         * @return this builder
         */
        public Builder recursive(boolean recursive) {
            this.recursive = recursive;
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
