package house.openapp.sdk;

import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.CreateOrganizationRequest;
import house.openapp.sdk.internal.Checks;

import java.util.Objects;

/**
 * What {@link Orgs#create(OrgCreateParams)} creates, held as (a copy of) the generated
 * {@link CreateOrganizationRequest}, so every property the bundle declares is carried, including
 * ones added after this class was written; plus the generated {@link OrgsApi.CreateOrgQuery} (its
 * query parameters, such as {@code include_deleted}). An immutable
 * value.
 *
 * <pre>{@code
 * OrgCreateParams params = OrgCreateParams.builder(LocalizedString.of("en", "Field Office"))
 *     .description("North gate")
 *     .parentId(parent.getId())
 *     .build();
 * // or from the generated model as it is, every property kept:
 * OrgCreateParams same = OrgCreateParams.from(params.toRequest());
 * }</pre>
 *
 * <p>A body property or query parameter the server knows but this SDK's bundle does not yet
 * declare can be sent with {@code putAdditionalBodyProperty} and {@code putAdditionalQueryParam}.
 */
public final class OrgCreateParams extends RequestParams<CreateOrganizationRequest, OrgsApi.CreateOrgQuery> {
    private OrgCreateParams(Builder builder) {
        super(CreateOrganizationRequest.class, OrgsApi.CreateOrgQuery.class, builder, CreateOrganizationRequest::checkBounds);
    }

    /**
     * Starts a builder.
     *
     * @param name the new organisation's name
     * @return a new builder
     */
    public static Builder builder(LocalizedString name) {
        return new Builder(new CreateOrganizationRequest().name(Objects.requireNonNull(name, "name").toModel()), null);
    }

    /**
     * Takes (a copy of) the generated request with every property it holds.
     *
     * @param request the request body; its {@code name} is required
     * @return the equivalent parameters
     */
    public static OrgCreateParams from(CreateOrganizationRequest request) {
        Objects.requireNonNull(Objects.requireNonNull(request, "request").getName(), "request.name");
        return new Builder(request, null).build();
    }

    /** @return the name */
    public LocalizedString name() {
        return LocalizedString.from(request().getName());
    }

    /** @return whether {@code include_deleted=true} is sent */
    public boolean includeDeleted() {
        return Boolean.TRUE.equals(query.getIncludeDeleted());
    }

    /** @return a builder initialised from these parameters */
    public Builder toBuilder() {
        return new Builder(null, this);
    }

    /** Builder of {@link OrgCreateParams}; not thread-safe. */
    public static final class Builder extends RequestParams.Builder<CreateOrganizationRequest, OrgsApi.CreateOrgQuery, Builder> {
        private Builder(CreateOrganizationRequest request, OrgCreateParams from) {
            super(CreateOrganizationRequest.class, OrgsApi.CreateOrgQuery.class, request, from);
        }

        /**
         * Sets the description.
         *
         * @param description free text, or {@code null} for none
         * @return this builder
         */
        public Builder description(String description) {
            request.setDescription(description);
            return this;
        }

        /**
         * Creates the organisation under this parent; the caller needs {@code admin} there.
         * {@code null} means no parent (a new root, for platform administrators), as
         * {@code children(null)} means the roots; {@code parent_id} is then not sent.
         *
         * @param parentId the parent's id, or {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException if the id is not one safe path segment
         */
        public Builder parentId(String parentId) {
            request.setParentId(parentId == null ? null : Checks.id("parentId", parentId));
            return this;
        }

        /**
         * Chooses the new organisation's id (platform administrators only).
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(String id) {
            request.setId(Checks.id("id", id));
            return this;
        }

        /**
         * Sends {@code include_deleted=true}, to act on a soft-deleted organisation too.
         *
         * @param includeDeleted the flag
         * @return this builder
         */
        public Builder includeDeleted(boolean includeDeleted) {
            query.includeDeleted(flag(includeDeleted));
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
