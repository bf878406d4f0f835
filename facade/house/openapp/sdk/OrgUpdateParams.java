package house.openapp.sdk;

import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.UpdateOrganizationRequest;
import house.openapp.sdk.internal.Checks;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The changes {@link Orgs#update(String, OrgUpdateParams)} makes, held as (a copy of) the
 * generated {@link UpdateOrganizationRequest}, so every property the bundle declares is carried,
 * including ones added after this class was written. Each property is in one of three states:
 * unset (left as it is: not sent), set (sent), or cleared ({@link Builder#clear(String)}: sent
 * as JSON {@code null}, for a property the bundle declares {@code nullable}). An immutable value.
 *
 * <pre>{@code
 * client.orgs().update(id, OrgUpdateParams.builder().name(LocalizedString.of("en", "Field Office (renamed)")).build());
 * // remove the description, and move the organisation to the top of the caller's tree:
 * client.orgs().update(id, OrgUpdateParams.builder().clear("description").clear("parent_id").build());
 * }</pre>
 *
 * <p>A body property or query parameter the server knows but this SDK's bundle does not yet
 * declare can be sent with {@code putAdditionalBodyProperty} and {@code putAdditionalQueryParam}.
 */
public final class OrgUpdateParams extends RequestParams<UpdateOrganizationRequest, OrgsApi.UpdateOrgQuery> {
    private OrgUpdateParams(Builder builder) {
        super(UpdateOrganizationRequest.class, OrgsApi.UpdateOrgQuery.class, builder, UpdateOrganizationRequest::checkBounds);
    }

    /**
     * Starts a builder that changes nothing yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(null, null);
    }

    /**
     * Takes (a copy of) the generated request with every property it holds; its {@code null}
     * properties are left unchanged (use {@link Builder#clear(String)} to send a null).
     *
     * @param request the request body
     * @return the equivalent changes
     */
    public static OrgUpdateParams from(UpdateOrganizationRequest request) {
        return new Builder(Objects.requireNonNull(request, "request"), null).build();
    }

    /** @return the wire names of the declared properties sent as JSON {@code null} */
    public Set<String> cleared() {
        return extras().body().keySet().stream().filter(name -> extras().body().get(name) == null
                && UpdateOrganizationRequest.NULLABLE_PROPERTIES.contains(name)).collect(Collectors.toUnmodifiableSet());
    }

    /** @return whether {@code include_deleted=true} is sent */
    public boolean includeDeleted() {
        return Boolean.TRUE.equals(query.getIncludeDeleted());
    }

    /** @return a builder initialised from these changes */
    public Builder toBuilder() {
        return new Builder(null, this);
    }

    /** Builder of {@link OrgUpdateParams}; not thread-safe. */
    public static final class Builder extends RequestParams.Builder<UpdateOrganizationRequest, OrgsApi.UpdateOrgQuery, Builder> {
        private Builder(UpdateOrganizationRequest request, OrgUpdateParams from) {
            super(UpdateOrganizationRequest.class, OrgsApi.UpdateOrgQuery.class, request, from);
        }

        /**
         * Renames the organisation.
         *
         * @param name the new name
         * @return this builder
         */
        public Builder name(LocalizedString name) {
            request.setName(Objects.requireNonNull(name, "name").toModel());
            return set(UpdateOrganizationRequest.SERIALIZED_NAME_NAME);
        }

        /**
         * Replaces the description; {@link #clear(String) clear("description")} removes it.
         *
         * @param description the new description
         * @return this builder
         */
        public Builder description(String description) {
            request.setDescription(Objects.requireNonNull(description, "description"));
            return set(UpdateOrganizationRequest.SERIALIZED_NAME_DESCRIPTION);
        }

        /**
         * Moves the organisation and its subtree under another parent;
         * {@link #clear(String) clear("parent_id")} moves it to the top of the caller's tree.
         *
         * @param parentId the new parent's id
         * @return this builder
         */
        public Builder parentId(String parentId) {
            request.setParentId(Checks.id("parentId", parentId));
            return set(UpdateOrganizationRequest.SERIALIZED_NAME_PARENT_ID);
        }

        /**
         * Sends a property as JSON {@code null}, which clears it, instead of leaving it out (which
         * leaves it unchanged). Works for every property the bundle declares {@code nullable}
         * ({@link UpdateOrganizationRequest#NULLABLE_PROPERTIES}); setting it again undoes the clear.
         *
         * @param property the property's wire name, such as {@code description}
         * @return this builder
         * @throws IllegalArgumentException if the bundle does not declare the property nullable
         */
        public Builder clear(String property) {
            if (!UpdateOrganizationRequest.NULLABLE_PROPERTIES.contains(property)) {
                throw new IllegalArgumentException("property must be a nullable property of UpdateOrganizationRequest "
                        + new TreeSet<>(UpdateOrganizationRequest.NULLABLE_PROPERTIES) + " but was " + property);
            }
            return putAdditionalBodyProperty(property, null);
        }

        private Builder set(String property) {
            if (extras.body().containsKey(property) && extras.body().get(property) == null) {
                extras = extras.withBody(property, null, false);
            }
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
         * Builds the changes.
         *
         * @return the changes
         */
        public OrgUpdateParams build() {
            return new OrgUpdateParams(this);
        }
    }
}
