package house.openapp.sdk;

import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.internal.Checks;

import java.util.Objects;

/**
 * What {@link Orgs#create(OrgCreateParams)} creates: a name, and optionally a description, a
 * parent, an admin-chosen id, and the {@code include_deleted} flag; an immutable value.
 *
 * <pre>{@code
 * OrgCreateParams params = OrgCreateParams.builder(LocalizedString.of("en", "Field Office"))
 *     .description("North gate")
 *     .parentId(parent.getId())
 *     .build();
 * }</pre>
 */
public final class OrgCreateParams {
    private final LocalizedString name;
    private final String description;
    private final String parentId;
    private final String id;
    private final boolean includeDeleted;

    private OrgCreateParams(Builder builder) {
        this.name = builder.name;
        this.description = builder.description;
        this.parentId = builder.parentId;
        this.id = builder.id;
        this.includeDeleted = builder.includeDeleted;
    }

    /**
     * Starts a builder.
     *
     * @param name the new organisation's name
     * @return a new builder
     */
    public static Builder builder(LocalizedString name) {
        return new Builder(name);
    }

    /**
     * The name.
     *
     * @return the name
     */
    public LocalizedString name() {
        return name;
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
     * The request body of these parameters.
     *
     * @return a new generated model
     */
    public CreateOrganizationRequest toRequest() {
        return new CreateOrganizationRequest().name(name.toModel()).description(description).parentId(parentId).id(id);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrgCreateParams that && name.equals(that.name) && Objects.equals(description, that.description)
                && Objects.equals(parentId, that.parentId) && Objects.equals(id, that.id) && includeDeleted == that.includeDeleted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, parentId, id, includeDeleted);
    }

    @Override
    public String toString() {
        return "OrgCreateParams{name=" + name + ", description=" + description + ", parentId=" + parentId + ", id=" + id
                + ", includeDeleted=" + includeDeleted + "}";
    }

    /** Builder of {@link OrgCreateParams}; not thread-safe. */
    public static final class Builder {
        private final LocalizedString name;
        private String description;
        private String parentId;
        private String id;
        private boolean includeDeleted;

        private Builder(LocalizedString name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Sets the description.
         *
         * @param description free text, or {@code null} for none
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Creates the organisation under this parent; the caller needs {@code admin} there.
         *
         * @param parentId the parent's id
         * @return this builder
         */
        public Builder parentId(String parentId) {
            this.parentId = Checks.id("parentId", parentId);
            return this;
        }

        /**
         * Chooses the new organisation's id (platform administrators only).
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = Checks.id("id", id);
            return this;
        }

        /**
         * Sends {@code include_deleted=true} with the create.
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public Builder includeDeleted(boolean includeDeleted) {
            this.includeDeleted = includeDeleted;
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the parameters
         */
        public OrgCreateParams build() {
            return new OrgCreateParams(this);
        }
    }
}
