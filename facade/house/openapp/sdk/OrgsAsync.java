package house.openapp.sdk;

import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserResponse;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The operations of {@link Orgs}, with the same arguments, each returning a
 * {@link CompletableFuture} of its result. Obtain it from {@link Orgs#async()}; immutable and
 * thread-safe. Each method behaves as the method of {@link Orgs} with the same name and
 * arguments, whose Javadoc it links to.
 *
 * <p>Requests go out through OkHttp's dispatcher, so no thread waits on the network, and
 * cancelling a future cancels its HTTP call. Bad arguments throw at once, as in {@link Orgs};
 * what the server or the network answers completes the future exceptionally with the same
 * {@link house.openapp.sdk.errors.OpenAppException} the plain form would throw. Dependent
 * stages run on OkHttp's threads unless given an executor: keep them short, or use the
 * {@code ...Async} stage methods.
 *
 * <pre>{@code
 * client.orgs().async().list(ListParams.builder().limit(200).build())
 *     .thenCompose(first -> first.forEachAsync(org -> System.out.println(org.getId())))
 *     .join(); // every page, one request in flight at a time
 * }</pre>
 */
public final class OrgsAsync {
    private final OrgsCore core;

    OrgsAsync(OrgsCore core) {
        this.core = core;
    }

    /**
     * Lists the first page of the visible organisations, with the server's defaults.
     *
     * @return a future of the result
     * @see Orgs#list()
     */
    public CompletableFuture<Page<OrganizationResponse>> list() {
        return core.list(ListParams.DEFAULT).valueAsync();
    }

    /**
     * Lists one page of the visible organisations ({@code GET /orgs}).
     *
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#list(ListParams)
     */
    public CompletableFuture<Page<OrganizationResponse>> list(ListParams params) {
        return core.list(params).valueAsync();
    }

    /**
     * Lists the first page of an organisation's children, or of the visible roots for a {@code null} parent.
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @return a future of the result
     * @see Orgs#children(String)
     */
    public CompletableFuture<Page<OrganizationResponse>> children(String parentId) {
        return core.children(parentId, ListParams.DEFAULT).valueAsync();
    }

    /**
     * Lists one page of an organisation's children, or of the visible roots for a {@code null} parent.
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#children(String, ListParams)
     */
    public CompletableFuture<Page<OrganizationResponse>> children(String parentId, ListParams params) {
        return core.children(parentId, params).valueAsync();
    }

    /**
     * Searches the visible organisations, first page; a blank query is refused before any request.
     *
     * @param query the text to find, not blank
     * @return a future of the result
     * @see Orgs#search(String)
     */
    public CompletableFuture<Page<OrganizationResponse>> search(String query) {
        return core.search(query, ListParams.DEFAULT).valueAsync();
    }

    /**
     * Searches the visible organisations, one page; a blank query is refused before any request.
     *
     * @param query the text to find, not blank
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#search(String, ListParams)
     */
    public CompletableFuture<Page<OrganizationResponse>> search(String query, ListParams params) {
        return core.search(query, params).valueAsync();
    }

    /**
     * Finds the one organisation named exactly {@code name} in some locale, over every page.
     *
     * @param name the name
     * @return a future of the result
     * @see Orgs#getByName(String)
     */
    public CompletableFuture<OrganizationResponse> getByName(String name) {
        return core.getByName(name, OrgGetByNameParams.DEFAULT).valueAsync();
    }

    /**
     * Finds the one organisation whose name matches, over every page and locale.
     *
     * @param name the name
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#getByName(String, OrgGetByNameParams)
     */
    public CompletableFuture<OrganizationResponse> getByName(String name, OrgGetByNameParams params) {
        return core.getByName(name, params).valueAsync();
    }

    /**
     * Lists the first page of an organisation's own users.
     *
     * @param orgId the organisation's id
     * @return a future of the result
     * @see Orgs#users(String)
     */
    public CompletableFuture<Page<UserResponse>> users(String orgId) {
        return core.users(orgId, OrgUsersParams.DEFAULT).valueAsync();
    }

    /**
     * Lists one page of an organisation's users, recursively if asked.
     *
     * @param orgId the organisation's id
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#users(String, OrgUsersParams)
     */
    public CompletableFuture<Page<UserResponse>> users(String orgId, OrgUsersParams params) {
        return core.users(orgId, params).valueAsync();
    }

    /**
     * Creates an organisation with just a name, under the {@value Orgs#DEFAULT_LOCALE} locale.
     *
     * @param name the name
     * @return a future of the result
     * @see Orgs#create(String)
     */
    public CompletableFuture<OrganizationResponse> create(String name) {
        return core.create(name).valueAsync();
    }

    /**
     * Creates an organisation; never sent twice once the server may have seen it.
     *
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#create(OrgCreateParams)
     */
    public CompletableFuture<OrganizationResponse> create(OrgCreateParams params) {
        return core.create(params).valueAsync();
    }

    /**
     * Fetches a live organisation.
     *
     * @param id the organisation's id
     * @return a future of the result
     * @see Orgs#get(String)
     */
    public CompletableFuture<OrganizationResponse> get(String id) {
        return core.get(id, OrgGetParams.DEFAULT).valueAsync();
    }

    /**
     * Fetches an organisation, a soft-deleted one too if asked.
     *
     * @param id the organisation's id
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#get(String, OrgGetParams)
     */
    public CompletableFuture<OrganizationResponse> get(String id, OrgGetParams params) {
        return core.get(id, params).valueAsync();
    }

    /**
     * Renames, re-describes or moves an organisation.
     *
     * @param id the organisation's id
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#update(String, OrgUpdateParams)
     */
    public CompletableFuture<OrganizationResponse> update(String id, OrgUpdateParams params) {
        return core.update(id, params).valueAsync();
    }

    /**
     * Soft-deletes an organisation.
     *
     * @param id the organisation's id
     * @return a future of the result
     * @see Orgs#delete(String)
     */
    public CompletableFuture<OrganizationResponse> delete(String id) {
        return core.delete(id, OrgDeleteParams.DEFAULT).valueAsync();
    }

    /**
     * Soft-deletes an organisation, one already soft-deleted too if asked.
     *
     * @param id the organisation's id
     * @param params the options, as for the plain form
     * @return a future of the result
     * @see Orgs#delete(String, OrgDeleteParams)
     */
    public CompletableFuture<OrganizationResponse> delete(String id, OrgDeleteParams params) {
        return core.delete(id, params).valueAsync();
    }

    /**
     * Removes an organisation for good, live or soft-deleted ({@code include_deleted=true}).
     *
     * @param id the organisation's id
     * @return a future of the result
     * @see Orgs#purge(String)
     */
    public CompletableFuture<OrganizationResponse> purge(String id) {
        return core.purge(id).valueAsync();
    }

    /**
     * The visible ancestors of an organisation, root-most first.
     *
     * @param id the organisation's id
     * @return a future of the result
     * @see Orgs#ancestors(String)
     */
    public CompletableFuture<List<OrganizationResponse>> ancestors(String id) {
        return core.ancestors(id).valueAsync();
    }

    /**
     * The permission keys the caller holds in an organisation.
     *
     * @param id the organisation's id
     * @return a future of the result
     * @see Orgs#permissions(String)
     */
    public CompletableFuture<List<String>> permissions(String id) {
        return core.permissions(id).valueAsync();
    }

    /**
     * Uploads or replaces an organisation's image.
     *
     * @param id the organisation's id
     * @param image the image
     * @return a future of the result
     * @see Orgs#uploadImage(String, ImageUpload)
     */
    public CompletableFuture<ResourceImageUrlResponse> uploadImage(String id, ImageUpload image) {
        return core.uploadImage(id, image).valueAsync();
    }

    /**
     * Downloads an image from a URL, guarded, and uploads it.
     *
     * @param id the organisation's id
     * @param source where to download the image from
     * @return a future of the result
     * @see Orgs#uploadImageFromUrl(String, URI)
     */
    public CompletableFuture<ResourceImageUrlResponse> uploadImageFromUrl(String id, URI source) {
        return core.uploadImageFromUrl(id, source).valueAsync();
    }

    /**
     * The URL of an organisation's image, empty when it has none (204).
     *
     * @param id the organisation's id
     * @return a future of the result
     * @see Orgs#getImage(String)
     */
    public CompletableFuture<Optional<ResourceImageUrlResponse>> getImage(String id) {
        return core.getImage(id).valueAsync();
    }

    /**
     * Removes an organisation's image; succeeds also when there was none.
     *
     * @param id the organisation's id
     * @return a future of the result
     * @see Orgs#deleteImage(String)
     */
    public CompletableFuture<Void> deleteImage(String id) {
        return core.deleteImage(id).valueAsync();
    }

    @Override
    public String toString() {
        return "OrgsAsync{" + core.client + ", " + core.options + "}";
    }
}
