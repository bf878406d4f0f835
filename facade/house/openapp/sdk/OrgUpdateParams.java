package house.openapp.sdk;

import house.openapp.sdk.generated.model.UpdateOrganizationRequest;
import house.openapp.sdk.internal.Checks;

import java.util.Objects;

/**
 * The changes {@link Orgs#update(String, OrgUpdateParams)} makes: a new name, description or
 * parent (a move of the whole subtree); what is not set stays as it is. An immutable value.
 *
 * <pre>{@code
 * client.orgs().update(id, OrgUpdateParams.builder().name(LocalizedString.of("en", "Field Office (renamed)")).build());
 * }</pre>
 */
public final class OrgUpdateParams {
    private final LocalizedString name;
    private final String description;
    private final String parentId;
    private final boolean includeDeleted;

    private OrgUpdateParams(Builder builder) {
        this.name = builder.name;
        this.description = builder.description;
        this.parentId = builder.parentId;
        this.includeDeleted = builder.includeDeleted;
    }

    /**
     * Starts a builder that changes nothing yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code include_deleted=true} is sent.
     *
     * @return the flag
     */
    public boolean includeDeleted() {
        return includeDeleted;
    }

    /**
     * The request body of these changes; unset properties are absent from it.
     *
     * @return a new generated model
     */
    public UpdateOrganizationRequest toRequest() {
        return new UpdateOrganizationRequest().name(name == null ? null : name.toModel()).description(description).parentId(parentId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrgUpdateParams that && Objects.equals(name, that.name) && Objects.equals(description, that.description)
                && Objects.equals(parentId, that.parentId) && includeDeleted == that.includeDeleted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, parentId, includeDeleted);
    }

    @Override
    public String toString() {
        return "OrgUpdateParams{name=" + name + ", description=" + description + ", parentId=" + parentId
                + ", includeDeleted=" + includeDeleted + "}";
    }

    /** Builder of {@link OrgUpdateParams}; not thread-safe. */
    public static final class Builder {
        private LocalizedString name;
        private String description;
        private String parentId;
        private boolean includeDeleted;

        private Builder() {
        }

        /**
         * Renames the organisation.
         *
         * @param name the new name
         * @return this builder
         */
        public Builder name(LocalizedString name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Replaces the description.
         *
         * @param description the new description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Moves the organisation and its subtree under another parent.
         *
         * @param parentId the new parent's id
         * @return this builder
         */
        public Builder parentId(String parentId) {
            this.parentId = Checks.id("parentId", parentId);
            return this;
        }

        /**
         * Sends {@code include_deleted=true}, to update a soft-deleted organisation.
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public Builder includeDeleted(boolean includeDeleted) {
            this.includeDeleted = includeDeleted;
            return this;
        }

        /**
         * Builds the changes.
         *
         * @return the changes
         */
        public OrgUpdateParams build() {
            return new OrgUpdateParams(this);
        }
    }
}
