package house.openapp.sdk;

import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserResponse;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The operations of {@link Orgs}, with the same arguments, each returning its result inside an
 * {@link ApiResponse}: the HTTP status, the headers, the {@code X-Request-Id} and how many
 * attempts the call took. Obtain it from {@link Orgs#withResponse()}; immutable and thread-safe.
 * Each method behaves as the method of {@link Orgs} with the same name and arguments, whose
 * Javadoc it links to.
 *
 * <pre>{@code
 * ApiResponse<OrganizationResponse> response = client.orgs().withResponse().get("01HORG");
 * System.out.println(response.statusCode() + " " + response.requestId().orElse("-"));
 * }</pre>
 *
 * <p>{@link #getByName(String, OrgGetByNameParams)} reads several pages: its response is the one
 * of the page the match was on. {@link #getImage(String)} answers 204 with an empty value when
 * there is no image.
 */
public final class OrgsWithResponse {
    private final OrgsCore core;

    OrgsWithResponse(OrgsCore core) {
        this.core = core;
    }

    /**
     * Lists the first page of the visible organisations, with the server's defaults.
     *
     * @return the result and its response
     * @see Orgs#list()
     */
    public ApiResponse<Page<OrganizationResponse>> list() {
        return core.list(ListParams.DEFAULT).execute();
    }

    /**
     * Lists one page of the visible organisations ({@code GET /orgs}).
     *
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#list(ListParams)
     */
    public ApiResponse<Page<OrganizationResponse>> list(ListParams params) {
        return core.list(params).execute();
    }

    /**
     * Lists the first page of an organisation's children, or of the visible roots for a {@code null} parent.
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @return the result and its response
     * @see Orgs#children(String)
     */
    public ApiResponse<Page<OrganizationResponse>> children(String parentId) {
        return core.children(parentId, ListParams.DEFAULT).execute();
    }

    /**
     * Lists one page of an organisation's children, or of the visible roots for a {@code null} parent.
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#children(String, ListParams)
     */
    public ApiResponse<Page<OrganizationResponse>> children(String parentId, ListParams params) {
        return core.children(parentId, params).execute();
    }

    /**
     * Searches the visible organisations, first page; a blank query is refused before any request.
     *
     * @param query the text to find, not blank
     * @return the result and its response
     * @see Orgs#search(String)
     */
    public ApiResponse<Page<OrganizationResponse>> search(String query) {
        return core.search(query, ListParams.DEFAULT).execute();
    }

    /**
     * Searches the visible organisations, one page; a blank query is refused before any request.
     *
     * @param query the text to find, not blank
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#search(String, ListParams)
     */
    public ApiResponse<Page<OrganizationResponse>> search(String query, ListParams params) {
        return core.search(query, params).execute();
    }

    /**
     * Finds the one organisation named exactly {@code name} in some locale, over every page.
     *
     * @param name the name
     * @return the result and its response
     * @see Orgs#getByName(String)
     */
    public ApiResponse<OrganizationResponse> getByName(String name) {
        return core.getByName(name, OrgGetByNameParams.DEFAULT).execute();
    }

    /**
     * Finds the one organisation whose name matches, over every page and locale.
     *
     * @param name the name
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#getByName(String, OrgGetByNameParams)
     */
    public ApiResponse<OrganizationResponse> getByName(String name, OrgGetByNameParams params) {
        return core.getByName(name, params).execute();
    }

    /**
     * Lists the first page of an organisation's own users.
     *
     * @param orgId the organisation's id
     * @return the result and its response
     * @see Orgs#users(String)
     */
    public ApiResponse<Page<UserResponse>> users(String orgId) {
        return core.users(orgId, OrgUsersParams.DEFAULT).execute();
    }

    /**
     * Lists one page of an organisation's users, recursively if asked.
     *
     * @param orgId the organisation's id
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#users(String, OrgUsersParams)
     */
    public ApiResponse<Page<UserResponse>> users(String orgId, OrgUsersParams params) {
        return core.users(orgId, params).execute();
    }

    /**
     * Creates an organisation with just a name, under the {@value Orgs#DEFAULT_LOCALE} locale.
     *
     * @param name the name
     * @return the result and its response
     * @see Orgs#create(String)
     */
    public ApiResponse<OrganizationResponse> create(String name) {
        return core.create(name).execute();
    }

    /**
     * Creates an organisation; never sent twice once the server may have seen it.
     *
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#create(OrgCreateParams)
     */
    public ApiResponse<OrganizationResponse> create(OrgCreateParams params) {
        return core.create(params).execute();
    }

    /**
     * Fetches a live organisation.
     *
     * @param id the organisation's id
     * @return the result and its response
     * @see Orgs#get(String)
     */
    public ApiResponse<OrganizationResponse> get(String id) {
        return core.get(id, OrgGetParams.DEFAULT).execute();
    }

    /**
     * Fetches an organisation, a soft-deleted one too if asked.
     *
     * @param id the organisation's id
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#get(String, OrgGetParams)
     */
    public ApiResponse<OrganizationResponse> get(String id, OrgGetParams params) {
        return core.get(id, params).execute();
    }

    /**
     * Renames, re-describes or moves an organisation.
     *
     * @param id the organisation's id
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#update(String, OrgUpdateParams)
     */
    public ApiResponse<OrganizationResponse> update(String id, OrgUpdateParams params) {
        return core.update(id, params).execute();
    }

    /**
     * Soft-deletes an organisation.
     *
     * @param id the organisation's id
     * @return the result and its response
     * @see Orgs#delete(String)
     */
    public ApiResponse<OrganizationResponse> delete(String id) {
        return core.delete(id, OrgDeleteParams.DEFAULT).execute();
    }

    /**
     * Soft-deletes an organisation, one already soft-deleted too if asked.
     *
     * @param id the organisation's id
     * @param params the options, as for the plain form
     * @return the result and its response
     * @see Orgs#delete(String, OrgDeleteParams)
     */
    public ApiResponse<OrganizationResponse> delete(String id, OrgDeleteParams params) {
        return core.delete(id, params).execute();
    }

    /**
     * Removes an organisation for good, live or soft-deleted ({@code include_deleted=true}).
     *
     * @param id the organisation's id
     * @return the result and its response
     * @see Orgs#purge(String)
     */
    public ApiResponse<OrganizationResponse> purge(String id) {
        return core.purge(id).execute();
    }

    /**
     * The visible ancestors of an organisation, root-most first.
     *
     * @param id the organisation's id
     * @return the result and its response
     * @see Orgs#ancestors(String)
     */
    public ApiResponse<List<OrganizationResponse>> ancestors(String id) {
        return core.ancestors(id).execute();
    }

    /**
     * The permission keys the caller holds in an organisation.
     *
     * @param id the organisation's id
     * @return the result and its response
     * @see Orgs#permissions(String)
     */
    public ApiResponse<List<String>> permissions(String id) {
        return core.permissions(id).execute();
    }

    /**
     * Uploads or replaces an organisation's image.
     *
     * @param id the organisation's id
     * @param image the image
     * @return the result and its response
     * @see Orgs#uploadImage(String, ImageUpload)
     */
    public ApiResponse<ResourceImageUrlResponse> uploadImage(String id, ImageUpload image) {
        return core.uploadImage(id, image).execute();
    }

    /**
     * Downloads an image from a URL, guarded, and uploads it.
     *
     * @param id the organisation's id
     * @param source where to download the image from
     * @return the result and its response
     * @see Orgs#uploadImageFromUrl(String, URI)
     */
    public ApiResponse<ResourceImageUrlResponse> uploadImageFromUrl(String id, URI source) {
        return core.uploadImageFromUrl(id, source).execute();
    }

    /**
     * The URL of an organisation's image, empty when it has none (204).
     *
     * @param id the organisation's id
     * @return the result and its response
     * @see Orgs#getImage(String)
     */
    public ApiResponse<Optional<ResourceImageUrlResponse>> getImage(String id) {
        return core.getImage(id).execute();
    }

    /**
     * Removes an organisation's image; succeeds also when there was none.
     *
     * @param id the organisation's id
     * @return the result and its response
     * @see Orgs#deleteImage(String)
     */
    public ApiResponse<Void> deleteImage(String id) {
        return core.deleteImage(id).execute();
    }

    @Override
    public String toString() {
        return "OrgsWithResponse{" + core.client + ", " + core.options + "}";
    }
}
