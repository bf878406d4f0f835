package house.openapp.sdk;

import house.openapp.sdk.errors.AmbiguousMatchException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserResponse;
import house.openapp.sdk.internal.Transport;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Orgs and Media operations of the OpenApp API: organisations, their tree, members,
 * permissions and image. Obtain it from {@link OpenAppClient#orgs()}; it is immutable and
 * thread-safe.
 *
 * <p>Each operation is one method here, returning its result. The same operations, with the
 * same arguments, are on two views: {@link #withResponse()} returns each result inside an
 * {@link ApiResponse} (status, headers, {@code X-Request-Id}), and {@link #async()} returns a
 * {@link java.util.concurrent.CompletableFuture} without holding a thread while the server
 * works. Optional flags live in one params object per operation ({@link OrgGetParams},
 * {@link OrgDeleteParams}, {@link OrgUsersParams}, {@link OrgGetByNameParams}, {@link ListParams});
 * no method takes a {@code boolean}. Failures are
 * {@link house.openapp.sdk.errors.OpenAppException}s.
 *
 * <pre>{@code
 * Orgs orgs = client.orgs();
 * OrganizationResponse office = orgs.create("Field Office");
 * for (OrganizationResponse org : orgs.list().autoPaging()) {
 *     System.out.println(org.getId() + " " + LocalizedString.display(org.getName(), Locale.ENGLISH));
 * }
 * String requestId = orgs.withResponse().get(office.getId()).requestId().orElse("-");
 * orgs.async().delete(office.getId()).join();
 * }</pre>
 */
public final class Orgs {
    /** The locale that {@link #create(String)} files a plain name under. */
    public static final String DEFAULT_LOCALE = "en";

    private final OrgsCore core;
    private final OrgsWithResponse withResponse;
    private final OrgsAsync async;

    Orgs(OpenAppClient client, Transport transport, RequestOptions options) {
        this.core = new OrgsCore(client, transport, options);
        this.withResponse = new OrgsWithResponse(core);
        this.async = new OrgsAsync(core);
    }

    /**
     * A view of these operations whose every call uses the given options; its
     * {@link #withResponse()} and {@link #async()} views use them too.
     *
     * @param requestOptions org context, correlation id, timeout, extra headers
     * @return a new view; this one is unchanged
     */
    public Orgs with(RequestOptions requestOptions) {
        return new Orgs(core.client, core.transport, Objects.requireNonNull(requestOptions, "requestOptions"));
    }

    /**
     * The same operations, with the same arguments, each returning its result together with
     * the HTTP status, headers, {@code X-Request-Id} and attempt count.
     *
     * @return the view
     */
    public OrgsWithResponse withResponse() {
        return withResponse;
    }

    /**
     * The same operations, with the same arguments, each returning a {@link
     * java.util.concurrent.CompletableFuture} of its result; no thread waits on the network, and
     * cancelling a future cancels its HTTP call.
     *
     * @return the view
     */
    public OrgsAsync async() {
        return async;
    }

    // ---- lists ---------------------------------------------------------------------------

    /**
     * Lists the first page of the organisations the caller can see, with the server's defaults.
     *
     * @return the first page; {@link Page#autoPaging()} walks the rest
     */
    public Page<OrganizationResponse> list() {
        return list(ListParams.DEFAULT);
    }

    /**
     * Lists one page of the organisations the caller can see ({@code GET /orgs}).
     *
     * @param params filter and page
     * @return the page
     */
    public Page<OrganizationResponse> list(ListParams params) {
        return core.list(params).execute().value();
    }

    /**
     * Lists the first page of an organisation's direct children; with a {@code null} parent,
     * the roots of the caller's visible forest ({@code GET /orgs/children}).
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @return the first page; every item has {@code has_children}
     */
    public Page<OrganizationResponse> children(String parentId) {
        return children(parentId, ListParams.DEFAULT);
    }

    /**
     * Lists one page of an organisation's direct children, or of the visible roots.
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @param params filter and page
     * @return the page
     */
    public Page<OrganizationResponse> children(String parentId, ListParams params) {
        return core.children(parentId, params).execute().value();
    }

    /**
     * Searches the visible organisations: a case-insensitive substring of the name in any
     * locale, or an exact id ({@code GET /orgs/search}). A blank query is refused with
     * {@link IllegalArgumentException} before any request, since the API requires a non-empty
     * {@code q}.
     *
     * @param query the text to find, not blank
     * @return the first page; items carry {@code parent_name} and {@code has_children}
     */
    public Page<OrganizationResponse> search(String query) {
        return search(query, ListParams.DEFAULT);
    }

    /**
     * Searches the visible organisations, one page; a blank query is refused.
     *
     * @param query the text to find, not blank
     * @param params filter and page
     * @return the page
     */
    public Page<OrganizationResponse> search(String query, ListParams params) {
        return core.search(query, params).execute().value();
    }

    /**
     * Finds the one organisation whose name, in some locale, is exactly {@code name}, searching
     * every page.
     *
     * @param name the name to find
     * @return the organisation
     * @throws NotFoundException if none matches
     * @throws AmbiguousMatchException if several match; the exception lists them
     */
    public OrganizationResponse getByName(String name) {
        return getByName(name, OrgGetByNameParams.DEFAULT);
    }

    /**
     * Finds the one organisation whose name matches, searching every page and every locale.
     *
     * @param name the name to find
     * @param params how the name matches: {@link OrgGetByNameParams.Match#EXACT} (the default)
     *     or {@link OrgGetByNameParams.Match#CONTAINS}, ignoring case
     * @return the organisation
     * @throws NotFoundException if none matches
     * @throws AmbiguousMatchException if several match; the exception lists them
     */
    public OrganizationResponse getByName(String name, OrgGetByNameParams params) {
        return core.getByName(name, params).execute().value();
    }

    /**
     * Lists the first page of an organisation's own users ({@code GET /orgs/{org_id}/users}).
     * {@code X-Org} is the call's or client's org context, else the organisation itself.
     *
     * @param orgId the organisation's id
     * @return the first page
     */
    public Page<UserResponse> users(String orgId) {
        return users(orgId, OrgUsersParams.DEFAULT);
    }

    /**
     * Lists one page of an organisation's users, with those of every descendant when
     * {@link OrgUsersParams.Builder#recursive(boolean)} is set.
     *
     * @param orgId the organisation's id
     * @param params {@code recursive}, filter and page
     * @return the page
     */
    public Page<UserResponse> users(String orgId, OrgUsersParams params) {
        return core.users(orgId, params).execute().value();
    }

    // ---- create, get, update, delete, purge ------------------------------------------------

    /**
     * Creates an organisation with just a name, filed under the {@value #DEFAULT_LOCALE} locale.
     * A create is never sent twice once the server may have seen it.
     *
     * @param name the name
     * @return the new organisation
     */
    public OrganizationResponse create(String name) {
        return core.create(name).execute().value();
    }

    /**
     * Creates an organisation ({@code POST /orgs}).
     *
     * @param params name, description, parent, admin-only id
     * @return the new organisation
     */
    public OrganizationResponse create(OrgCreateParams params) {
        return core.create(params).execute().value();
    }

    /**
     * Fetches a live organisation ({@code GET /orgs/{id}}).
     *
     * @param id the organisation's id
     * @return the organisation
     */
    public OrganizationResponse get(String id) {
        return get(id, OrgGetParams.DEFAULT);
    }

    /**
     * Fetches an organisation, also a soft-deleted one with
     * {@link OrgGetParams.Builder#includeDeleted(boolean)}.
     *
     * @param id the organisation's id
     * @param params the options
     * @return the organisation
     */
    public OrganizationResponse get(String id, OrgGetParams params) {
        return core.get(id, params).execute().value();
    }

    /**
     * Renames, re-describes or moves an organisation ({@code PUT /orgs/{id}}); what is not set
     * stays as it is.
     *
     * @param id the organisation's id
     * @param params the changes
     * @return the updated organisation
     */
    public OrganizationResponse update(String id, OrgUpdateParams params) {
        return core.update(id, params).execute().value();
    }

    /**
     * Soft-deletes an organisation ({@code DELETE /orgs/{id}}): {@code deleted_at} is set and
     * the row stays.
     *
     * @param id the organisation's id
     * @return the organisation as deleted
     */
    public OrganizationResponse delete(String id) {
        return delete(id, OrgDeleteParams.DEFAULT);
    }

    /**
     * Soft-deletes an organisation, also one already soft-deleted with
     * {@link OrgDeleteParams.Builder#includeDeleted(boolean)}.
     *
     * @param id the organisation's id
     * @param params the options
     * @return the organisation as deleted
     */
    public OrganizationResponse delete(String id, OrgDeleteParams params) {
        return core.delete(id, params).execute().value();
    }

    /**
     * Removes an organisation for good ({@code DELETE /orgs/{id}/purge}), whether it is live or
     * already soft-deleted (the documented flow is {@code delete} then {@code purge}), so it
     * always sends {@code include_deleted=true}. When the server asks for confirmation this
     * throws {@link house.openapp.sdk.errors.ConfirmationRequiredException}, whose
     * {@code confirm} goes ahead in one call.
     *
     * @param id the organisation's id
     * @return the purged organisation
     */
    public OrganizationResponse purge(String id) {
        return core.purge(id).execute().value();
    }

    // ---- ancestors, permissions ----------------------------------------------------------

    /**
     * The visible ancestors of an organisation, root-most first, itself excluded
     * ({@code GET /orgs/{id}/ancestors}).
     *
     * @param id the organisation's id
     * @return the ancestors
     */
    public List<OrganizationResponse> ancestors(String id) {
        return core.ancestors(id).execute().value();
    }

    /**
     * The permission keys the caller holds in an organisation, inherited ones included
     * ({@code GET /orgs/{id}/permissions}).
     *
     * @param id the organisation's id
     * @return keys such as {@code admin} or {@code users:create}
     */
    public List<String> permissions(String id) {
        return core.permissions(id).execute().value();
    }

    // ---- image ---------------------------------------------------------------------------

    /**
     * Uploads or replaces an organisation's image ({@code POST /orgs/{id}/image}); replayed
     * as is when a retry is needed.
     *
     * <pre>{@code
     * client.orgs().uploadImage("01HORG", ImageUpload.of(Path.of("logo.png")));
     * }</pre>
     *
     * @param id the organisation's id
     * @param image the image, from {@link ImageUpload#of(java.nio.file.Path)}, bytes or a stream
     * @return where the image can now be fetched
     */
    public ResourceImageUrlResponse uploadImage(String id, ImageUpload image) {
        return core.uploadImage(id, image).execute().value();
    }

    /**
     * Downloads an image from a URL and uploads it. The download is guarded: http(s) only,
     * no loopback, private, link-local or cloud-metadata addresses (checked after DNS on every
     * redirect), at most 5 redirects, at most 10 MiB, JPEG, PNG or WebP by content.
     *
     * @param id the organisation's id
     * @param source where to download the image from
     * @return where the image can now be fetched
     * @throws house.openapp.sdk.errors.OpenAppException if the download is refused or fails
     */
    public ResourceImageUrlResponse uploadImageFromUrl(String id, URI source) {
        return core.uploadImageFromUrl(id, source).execute().value();
    }

    /**
     * The URL of an organisation's image ({@code GET /orgs/{id}/image}).
     *
     * @param id the organisation's id
     * @return the URL and its lifetime, or empty when the organisation has no image (204)
     */
    public Optional<ResourceImageUrlResponse> getImage(String id) {
        return core.getImage(id).execute().value();
    }

    /**
     * Removes an organisation's image; succeeds also when there was none
     * ({@code DELETE /orgs/{id}/image}).
     *
     * @param id the organisation's id
     */
    public void deleteImage(String id) {
        core.deleteImage(id).execute();
    }

    @Override
    public String toString() {
        return "Orgs{" + core.client + ", " + core.options + "}";
    }
}
