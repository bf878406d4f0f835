package house.openapp.sdk;

import com.google.gson.reflect.TypeToken;
import house.openapp.sdk.errors.AmbiguousMatchException;
import house.openapp.sdk.errors.ErrorDetails;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrgPermissionsResponse;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserPage;
import house.openapp.sdk.generated.model.UserResponse;
import house.openapp.sdk.internal.Checks;
import house.openapp.sdk.internal.Transport;

import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The Orgs and Media operations of the OpenApp API: organisations, their tree, members,
 * permissions and image. Obtain it from {@link OpenAppClient#orgs()}; it is immutable and
 * thread-safe.
 *
 * <p>Every operation comes in three forms: the plain call returns the result, the
 * {@code ...WithResponse} call adds the status, headers and {@code X-Request-Id}, and the
 * {@code ...Async} call returns a {@link CompletableFuture} without holding a thread while the
 * server works. Failures are {@link house.openapp.sdk.errors.OpenAppException}s.
 *
 * <pre>{@code
 * Orgs orgs = client.orgs();
 * OrganizationResponse office = orgs.create("Field Office");
 * for (OrganizationResponse org : orgs.list().autoPaging()) {
 *     System.out.println(org.getId());
 * }
 * orgs.with(RequestOptions.builder().correlationId("audit-7").build()).delete(office.getId());
 * }</pre>
 */
public final class Orgs {
    /** The locale that {@link #create(String)} files a plain name under. */
    public static final String DEFAULT_LOCALE = "en";

    private static final Type ORG_LIST = TypeToken.getParameterized(List.class, OrganizationResponse.class).getType();

    private final OpenAppClient client;
    private final Transport transport;
    private final RequestOptions options;

    Orgs(OpenAppClient client, Transport transport, RequestOptions options) {
        this.client = client;
        this.transport = transport;
        this.options = options;
    }

    /**
     * A view of these operations whose every call uses the given options.
     *
     * @param requestOptions org context, correlation id, timeout, extra headers
     * @return a new view; this one is unchanged
     */
    public Orgs with(RequestOptions requestOptions) {
        return new Orgs(client, transport, Objects.requireNonNull(requestOptions, "requestOptions"));
    }

    // ---- list ----------------------------------------------------------------------------

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
        return listWithResponse(params).value();
    }

    /**
     * Lists one page of organisations, with the response's status and headers.
     *
     * @param params filter and page
     * @return the page and its response
     */
    public ApiResponse<Page<OrganizationResponse>> listWithResponse(ListParams params) {
        Objects.requireNonNull(params, "params");
        ApiResponse<OrganizationPage> response = transport.execute(
                transport.orgsApi().listOrgsWithQuery(params.outputOptions(), params.pagination(), null), params.extras(), OrganizationPage.class, options);
        return response.map(body -> orgPage(body, params, response, this::list, this::listAsync));
    }

    /**
     * Lists one page of organisations asynchronously.
     *
     * @param params filter and page
     * @return a future of the page
     */
    public CompletableFuture<Page<OrganizationResponse>> listAsync(ListParams params) {
        Objects.requireNonNull(params, "params");
        return map(transport.<OrganizationPage>executeAsync(
                        transport.orgsApi().listOrgsWithQuery(params.outputOptions(), params.pagination(), null), params.extras(), OrganizationPage.class, options),
                response -> orgPage(response.value(), params, response, this::list, this::listAsync));
    }

    // ---- children and search -------------------------------------------------------------

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
        return childrenWithResponse(parentId, params).value();
    }

    /**
     * Lists one page of children, with the response's status and headers.
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @param params filter and page
     * @return the page and its response
     */
    public ApiResponse<Page<OrganizationResponse>> childrenWithResponse(String parentId, ListParams params) {
        checkOptionalId("parentId", parentId);
        Objects.requireNonNull(params, "params");
        ApiResponse<OrganizationPage> response = transport.execute(
                transport.orgsApi().listOrgChildrenWithQuery(params.outputOptions(), params.pagination(),
                        new OrgsApi.ListOrgChildrenQuery().parentId(parentId)), params.extras(), OrganizationPage.class, options);
        return response.map(body -> orgPage(body, params, response, next -> children(parentId, next), next -> childrenAsync(parentId, next)));
    }

    /**
     * Lists one page of children asynchronously.
     *
     * @param parentId the parent's id, or {@code null} for the roots
     * @param params filter and page
     * @return a future of the page
     */
    public CompletableFuture<Page<OrganizationResponse>> childrenAsync(String parentId, ListParams params) {
        checkOptionalId("parentId", parentId);
        Objects.requireNonNull(params, "params");
        return map(transport.<OrganizationPage>executeAsync(
                        transport.orgsApi().listOrgChildrenWithQuery(params.outputOptions(), params.pagination(),
                                new OrgsApi.ListOrgChildrenQuery().parentId(parentId)), params.extras(), OrganizationPage.class, options),
                response -> orgPage(response.value(), params, response, next -> children(parentId, next),
                        next -> childrenAsync(parentId, next)));
    }

    /**
     * Searches the visible organisations: a case-insensitive substring of the name in any
     * locale, or an exact id ({@code GET /orgs/search}). A blank query is refused with
     * {@link IllegalArgumentException} before any request, since the API requires a non-empty
     * {@code q}.
     *
     * @param query the text to find
     * @return the first page; items carry {@code parent_name} and {@code has_children}
     */
    public Page<OrganizationResponse> search(String query) {
        return search(query, ListParams.DEFAULT);
    }

    /**
     * Searches the visible organisations, one page.
     *
     * @param query the text to find
     * @param params filter and page
     * @return the page
     */
    public Page<OrganizationResponse> search(String query, ListParams params) {
        return searchWithResponse(query, params).value();
    }

    /**
     * Searches the visible organisations, with the response's status and headers.
     *
     * @param query the text to find
     * @param params filter and page
     * @return the page and its response
     */
    public ApiResponse<Page<OrganizationResponse>> searchWithResponse(String query, ListParams params) {
        checkQuery(query);
        Objects.requireNonNull(params, "params");
        ApiResponse<OrganizationPage> response = transport.execute(
                transport.orgsApi().searchOrgsWithQuery(params.outputOptions(), params.pagination(), new OrgsApi.SearchOrgsQuery().q(query)),
                params.extras(), OrganizationPage.class, options);
        return response.map(body -> orgPage(body, params, response, next -> search(query, next), next -> searchAsync(query, next)));
    }

    /**
     * Searches the visible organisations asynchronously.
     *
     * @param query the text to find
     * @param params filter and page
     * @return a future of the page
     */
    public CompletableFuture<Page<OrganizationResponse>> searchAsync(String query, ListParams params) {
        checkQuery(query);
        Objects.requireNonNull(params, "params");
        return map(transport.<OrganizationPage>executeAsync(
                        transport.orgsApi().searchOrgsWithQuery(params.outputOptions(), params.pagination(), new OrgsApi.SearchOrgsQuery().q(query)),
                        params.extras(), OrganizationPage.class, options),
                response -> orgPage(response.value(), params, response, next -> search(query, next),
                        next -> searchAsync(query, next)));
    }

    /**
     * Finds the one organisation with a name, searching every page and every locale.
     *
     * @param name the name to find
     * @param exact true to match a locale's text exactly; false to match a case-insensitive
     *     substring of any locale's text
     * @return the organisation
     * @throws NotFoundException if none matches
     * @throws AmbiguousMatchException if several match; the exception lists them
     */
    public OrganizationResponse getByName(String name, boolean exact) {
        Checks.text("name", name);
        String needle = name.toLowerCase(Locale.ROOT);
        List<OrganizationResponse> matches = new ArrayList<>();
        Orgs within = new Orgs(client, transport.withOverallDeadline(options), options); // one deadline for all the pages
        for (OrganizationResponse org : within.search(name, ListParams.DEFAULT).autoPaging()) {
            Map<String, String> texts = org.getName() == null || org.getName().getValue() == null
                    ? Map.of() : org.getName().getValue();
            boolean hit = texts.values().stream().anyMatch(text -> text != null
                    && (exact ? text.equals(name) : text.toLowerCase(Locale.ROOT).contains(needle)));
            if (hit) {
                matches.add(org);
            }
        }
        if (matches.isEmpty()) {
            throw new NotFoundException(new ErrorDetails(404, "no_match", "no organisation is named \"" + name + "\""
                    + (exact ? "" : " or has a name containing it"), null, null, null, Map.of(), null, 0));
        }
        if (matches.size() > 1) {
            List<String> ids = matches.stream().map(OrganizationResponse::getId).toList();
            throw new AmbiguousMatchException(matches.size() + " organisations match \"" + name + "\": " + ids, ids);
        }
        return matches.get(0);
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
        return create(OrgCreateParams.builder(LocalizedString.of(DEFAULT_LOCALE, Checks.text("name", name))).build());
    }

    /**
     * Creates an organisation ({@code POST /orgs}).
     *
     * @param params name, description, parent, admin-only id
     * @return the new organisation
     */
    public OrganizationResponse create(OrgCreateParams params) {
        return createWithResponse(params).value();
    }

    /**
     * Creates an organisation, with the response's status and headers.
     *
     * @param params name, description, parent, admin-only id
     * @return the new organisation and its response
     */
    public ApiResponse<OrganizationResponse> createWithResponse(OrgCreateParams params) {
        Objects.requireNonNull(params, "params");
        return transport.execute(transport.orgsApi().createOrgWithQuery(params.toRequest(),
                new OrgsApi.CreateOrgQuery().includeDeleted(flag(params.includeDeleted()))), params.extras(),
                OrganizationResponse.class, options);
    }

    /**
     * Creates an organisation asynchronously.
     *
     * @param params name, description, parent, admin-only id
     * @return a future of the new organisation
     */
    public CompletableFuture<OrganizationResponse> createAsync(OrgCreateParams params) {
        Objects.requireNonNull(params, "params");
        return value(transport.executeAsync(transport.orgsApi().createOrgWithQuery(params.toRequest(),
                new OrgsApi.CreateOrgQuery().includeDeleted(flag(params.includeDeleted()))), params.extras(),
                OrganizationResponse.class, options));
    }

    /**
     * Fetches an organisation ({@code GET /orgs/{id}}).
     *
     * @param id the organisation's id
     * @return the organisation
     */
    public OrganizationResponse get(String id) {
        return get(id, false);
    }

    /**
     * Fetches an organisation, also when soft-deleted if asked.
     *
     * @param id the organisation's id
     * @param includeDeleted true to find a soft-deleted organisation too
     * @return the organisation
     */
    public OrganizationResponse get(String id, boolean includeDeleted) {
        return getWithResponse(id, includeDeleted).value();
    }

    /**
     * Fetches an organisation, with the response's status and headers.
     *
     * @param id the organisation's id
     * @param includeDeleted true to find a soft-deleted organisation too
     * @return the organisation and its response
     */
    public ApiResponse<OrganizationResponse> getWithResponse(String id, boolean includeDeleted) {
        Checks.id("id", id);
        return transport.execute(transport.orgsApi().getOrgWithQuery(id, new OrgsApi.GetOrgQuery().includeDeleted(flag(includeDeleted))), OrganizationResponse.class, options);
    }

    /**
     * Fetches an organisation asynchronously.
     *
     * @param id the organisation's id
     * @param includeDeleted true to find a soft-deleted organisation too
     * @return a future of the organisation
     */
    public CompletableFuture<OrganizationResponse> getAsync(String id, boolean includeDeleted) {
        Checks.id("id", id);
        return value(transport.executeAsync(transport.orgsApi().getOrgWithQuery(id, new OrgsApi.GetOrgQuery().includeDeleted(flag(includeDeleted))), OrganizationResponse.class, options));
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
        return updateWithResponse(id, params).value();
    }

    /**
     * Updates an organisation, with the response's status and headers.
     *
     * @param id the organisation's id
     * @param params the changes
     * @return the updated organisation and its response
     */
    public ApiResponse<OrganizationResponse> updateWithResponse(String id, OrgUpdateParams params) {
        Checks.id("id", id);
        Objects.requireNonNull(params, "params");
        return transport.execute(transport.orgsApi().updateOrgWithQuery(id, params.toRequest(),
                new OrgsApi.UpdateOrgQuery().includeDeleted(flag(params.includeDeleted()))), params.extras(),
                OrganizationResponse.class, options);
    }

    /**
     * Updates an organisation asynchronously.
     *
     * @param id the organisation's id
     * @param params the changes
     * @return a future of the updated organisation
     */
    public CompletableFuture<OrganizationResponse> updateAsync(String id, OrgUpdateParams params) {
        Checks.id("id", id);
        Objects.requireNonNull(params, "params");
        return value(transport.executeAsync(transport.orgsApi().updateOrgWithQuery(id, params.toRequest(),
                new OrgsApi.UpdateOrgQuery().includeDeleted(flag(params.includeDeleted()))), params.extras(),
                OrganizationResponse.class, options));
    }

    /**
     * Soft-deletes an organisation ({@code DELETE /orgs/{id}}): {@code deleted_at} is set and
     * the row stays.
     *
     * @param id the organisation's id
     * @return the organisation as deleted
     */
    public OrganizationResponse delete(String id) {
        return deleteWithResponse(id, false).value();
    }

    /**
     * Soft-deletes an organisation, with the response's status and headers.
     *
     * @param id the organisation's id
     * @param includeDeleted sends {@code include_deleted=true}
     * @return the organisation as deleted and its response
     */
    public ApiResponse<OrganizationResponse> deleteWithResponse(String id, boolean includeDeleted) {
        Checks.id("id", id);
        return transport.execute(transport.orgsApi().deleteOrgWithQuery(id, new OrgsApi.DeleteOrgQuery().includeDeleted(flag(includeDeleted))), OrganizationResponse.class, options);
    }

    /**
     * Soft-deletes an organisation asynchronously.
     *
     * @param id the organisation's id
     * @param includeDeleted sends {@code include_deleted=true}
     * @return a future of the organisation as deleted
     */
    public CompletableFuture<OrganizationResponse> deleteAsync(String id, boolean includeDeleted) {
        Checks.id("id", id);
        return value(transport.executeAsync(transport.orgsApi().deleteOrgWithQuery(id, new OrgsApi.DeleteOrgQuery().includeDeleted(flag(includeDeleted))), OrganizationResponse.class, options));
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
        return purgeWithResponse(id, true).value();
    }

    /**
     * Purges an organisation, with the response's status and headers.
     *
     * @param id the organisation's id
     * @param includeDeleted sends {@code include_deleted=true} (to purge a soft-deleted one)
     * @return the purged organisation and its response
     */
    public ApiResponse<OrganizationResponse> purgeWithResponse(String id, boolean includeDeleted) {
        Checks.id("id", id);
        return transport.execute(transport.orgsApi().hardDeleteOrgWithQuery(id, new OrgsApi.HardDeleteOrgQuery().includeDeleted(flag(includeDeleted))), OrganizationResponse.class, options);
    }

    /**
     * Purges an organisation asynchronously.
     *
     * @param id the organisation's id
     * @param includeDeleted sends {@code include_deleted=true}
     * @return a future of the purged organisation
     */
    public CompletableFuture<OrganizationResponse> purgeAsync(String id, boolean includeDeleted) {
        Checks.id("id", id);
        return value(transport.executeAsync(transport.orgsApi().hardDeleteOrgWithQuery(id, new OrgsApi.HardDeleteOrgQuery().includeDeleted(flag(includeDeleted))), OrganizationResponse.class, options));
    }

    // ---- ancestors, permissions, users ------------------------------------------------------

    /**
     * The visible ancestors of an organisation, root-most first, itself excluded
     * ({@code GET /orgs/{id}/ancestors}).
     *
     * @param id the organisation's id
     * @return the ancestors
     */
    public List<OrganizationResponse> ancestors(String id) {
        return ancestorsWithResponse(id).value();
    }

    /**
     * The visible ancestors, with the response's status and headers.
     *
     * @param id the organisation's id
     * @return the ancestors and their response
     */
    public ApiResponse<List<OrganizationResponse>> ancestorsWithResponse(String id) {
        Checks.id("id", id);
        return transport.execute(transport.orgsApi().listOrgAncestorsWithQuery(id, null), ORG_LIST, options);
    }

    /**
     * The visible ancestors, asynchronously.
     *
     * @param id the organisation's id
     * @return a future of the ancestors
     */
    public CompletableFuture<List<OrganizationResponse>> ancestorsAsync(String id) {
        Checks.id("id", id);
        return value(transport.executeAsync(transport.orgsApi().listOrgAncestorsWithQuery(id, null), ORG_LIST, options));
    }

    /**
     * The permission keys the caller holds in an organisation, inherited ones included
     * ({@code GET /orgs/{id}/permissions}).
     *
     * @param id the organisation's id
     * @return keys such as {@code admin} or {@code users:create}
     */
    public List<String> permissions(String id) {
        return permissionsWithResponse(id).value();
    }

    /**
     * The caller's permission keys, with the response's status and headers.
     *
     * @param id the organisation's id
     * @return the keys and their response
     */
    public ApiResponse<List<String>> permissionsWithResponse(String id) {
        Checks.id("id", id);
        ApiResponse<OrgPermissionsResponse> response = transport.execute(
                transport.orgsApi().getOrgPermissionsWithQuery(id, null), OrgPermissionsResponse.class, options);
        return response.map(Orgs::permissionKeys);
    }

    /**
     * The caller's permission keys, asynchronously.
     *
     * @param id the organisation's id
     * @return a future of the keys
     */
    public CompletableFuture<List<String>> permissionsAsync(String id) {
        Checks.id("id", id);
        return map(transport.<OrgPermissionsResponse>executeAsync(transport.orgsApi().getOrgPermissionsWithQuery(id, null), OrgPermissionsResponse.class, options),
                response -> permissionKeys(response.value()));
    }

    /**
     * Lists the first page of an organisation's users ({@code GET /orgs/{org_id}/users}).
     * {@code X-Org} is the call's or client's org context, else the organisation itself.
     *
     * @param orgId the organisation's id
     * @return the first page
     */
    public Page<UserResponse> users(String orgId) {
        return users(orgId, false, ListParams.DEFAULT);
    }

    /**
     * Lists one page of an organisation's users, optionally with those of every descendant.
     *
     * @param orgId the organisation's id
     * @param recursive true to include users of descendant organisations
     * @param params filter and page
     * @return the page
     */
    public Page<UserResponse> users(String orgId, boolean recursive, ListParams params) {
        return usersWithResponse(orgId, recursive, params).value();
    }

    /**
     * Lists one page of users, with the response's status and headers.
     *
     * @param orgId the organisation's id
     * @param recursive true to include users of descendant organisations
     * @param params filter and page
     * @return the page and its response
     */
    public ApiResponse<Page<UserResponse>> usersWithResponse(String orgId, boolean recursive, ListParams params) {
        Checks.id("orgId", orgId);
        Objects.requireNonNull(params, "params");
        ApiResponse<UserPage> response = transport.execute(usersCall(orgId, recursive, params), params.extras(), UserPage.class, options);
        return response.map(body -> userPage(body, params, response, next -> users(orgId, recursive, next),
                next -> usersAsync(orgId, recursive, next)));
    }

    /**
     * Lists one page of users asynchronously.
     *
     * @param orgId the organisation's id
     * @param recursive true to include users of descendant organisations
     * @param params filter and page
     * @return a future of the page
     */
    public CompletableFuture<Page<UserResponse>> usersAsync(String orgId, boolean recursive, ListParams params) {
        Checks.id("orgId", orgId);
        Objects.requireNonNull(params, "params");
        return map(transport.<UserPage>executeAsync(usersCall(orgId, recursive, params), params.extras(), UserPage.class, options),
                response -> userPage(response.value(), params, response, next -> users(orgId, recursive, next),
                        next -> usersAsync(orgId, recursive, next)));
    }

    private retrofit2.Call<UserPage> usersCall(String orgId, boolean recursive, ListParams params) {
        String context = options.org().orElse(client.org().orElse(orgId));
        return transport.orgsApi().listOrgUsersWithQuery(orgId, context, params.outputOptions(), params.pagination(),
                new OrgsApi.ListOrgUsersQuery().recursive(flag(recursive)));
    }

    // ---- image -------------------------------------------------------------------------------

    /**
     * Uploads or replaces an organisation's image from a file ({@code POST /orgs/{id}/image}).
     *
     * @param id the organisation's id
     * @param file a {@code .jpg}, {@code .jpeg}, {@code .png} or {@code .webp} file
     * @return where the image can now be fetched
     */
    public ResourceImageUrlResponse uploadImage(String id, Path file) {
        return uploadImage(id, ImageUpload.of(file));
    }

    /**
     * Uploads an image from bytes.
     *
     * @param id the organisation's id
     * @param bytes the image
     * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}
     * @return where the image can now be fetched
     */
    public ResourceImageUrlResponse uploadImage(String id, byte[] bytes, String contentType) {
        return uploadImage(id, ImageUpload.of(bytes, contentType));
    }

    /**
     * Uploads an image read from a stream (at most {@link ImageUpload#MAX_BYTES}).
     *
     * @param id the organisation's id
     * @param stream the image; read to its end, not closed
     * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}
     * @return where the image can now be fetched
     */
    public ResourceImageUrlResponse uploadImage(String id, InputStream stream, String contentType) {
        return uploadImage(id, ImageUpload.of(stream, contentType));
    }

    /**
     * Uploads an image.
     *
     * @param id the organisation's id
     * @param image the image
     * @return where the image can now be fetched
     */
    public ResourceImageUrlResponse uploadImage(String id, ImageUpload image) {
        return uploadImageWithResponse(id, image).value();
    }

    /**
     * Uploads an image, with the response's status and headers.
     *
     * @param id the organisation's id
     * @param image the image
     * @return the image URL and its response
     */
    public ApiResponse<ResourceImageUrlResponse> uploadImageWithResponse(String id, ImageUpload image) {
        Checks.id("id", id);
        Objects.requireNonNull(image, "image");
        return transport.execute(transport.mediaApi().postOrgImageWithQuery(id, image.toPart(), null), ResourceImageUrlResponse.class, options);
    }

    /**
     * Uploads an image asynchronously.
     *
     * @param id the organisation's id
     * @param image the image
     * @return a future of the image URL
     */
    public CompletableFuture<ResourceImageUrlResponse> uploadImageAsync(String id, ImageUpload image) {
        Checks.id("id", id);
        Objects.requireNonNull(image, "image");
        return value(transport.executeAsync(transport.mediaApi().postOrgImageWithQuery(id, image.toPart(), null), ResourceImageUrlResponse.class, options));
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
        Checks.id("id", id);
        Objects.requireNonNull(source, "source");
        return uploadImage(id, client.fetchImage(source));
    }

    /**
     * The URL of an organisation's image ({@code GET /orgs/{id}/image}).
     *
     * @param id the organisation's id
     * @return the URL and its lifetime, or empty when the organisation has no image (204)
     */
    public Optional<ResourceImageUrlResponse> getImage(String id) {
        return Optional.ofNullable(getImageWithResponse(id).value());
    }

    /**
     * The URL of an organisation's image, with the response's status and headers.
     *
     * @param id the organisation's id
     * @return the response; its value is {@code null} with status 204 when there is no image
     */
    public ApiResponse<ResourceImageUrlResponse> getImageWithResponse(String id) {
        Checks.id("id", id);
        return transport.execute(transport.mediaApi().getOrgImageWithQuery(id, null), ResourceImageUrlResponse.class, options);
    }

    /**
     * The URL of an organisation's image, asynchronously.
     *
     * @param id the organisation's id
     * @return a future of the URL, empty when there is no image
     */
    public CompletableFuture<Optional<ResourceImageUrlResponse>> getImageAsync(String id) {
        Checks.id("id", id);
        return map(transport.<ResourceImageUrlResponse>executeAsync(transport.mediaApi().getOrgImageWithQuery(id, null), ResourceImageUrlResponse.class, options),
                response -> Optional.ofNullable(response.value()));
    }

    /**
     * Removes an organisation's image; succeeds also when there was none
     * ({@code DELETE /orgs/{id}/image}).
     *
     * @param id the organisation's id
     */
    public void deleteImage(String id) {
        deleteImageWithResponse(id);
    }

    /**
     * Removes an organisation's image, with the response's status and headers.
     *
     * @param id the organisation's id
     * @return the response (204)
     */
    public ApiResponse<Void> deleteImageWithResponse(String id) {
        Checks.id("id", id);
        return transport.execute(transport.mediaApi().deleteOrgImageWithQuery(id, null), Void.class, options);
    }

    /**
     * Removes an organisation's image asynchronously.
     *
     * @param id the organisation's id
     * @return a future that completes when the image is gone
     */
    public CompletableFuture<Void> deleteImageAsync(String id) {
        Checks.id("id", id);
        return value(transport.executeAsync(transport.mediaApi().deleteOrgImageWithQuery(id, null), Void.class, options));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Page<OrganizationResponse> orgPage(OrganizationPage body, ListParams params, ApiResponse<?> response,
                                               Function<ListParams, Page<OrganizationResponse>> fetcher,
                                               Function<ListParams, CompletableFuture<Page<OrganizationResponse>>> asyncFetcher) {
        return new Page<>(body.getItems() == null ? List.of() : body.getItems(), body.getTotal() == null ? 0 : body.getTotal(),
                params, response.requestId().orElse(null), fetcher, asyncFetcher,
                transport.shared().maxPages());
    }

    private Page<UserResponse> userPage(UserPage body, ListParams params, ApiResponse<?> response,
                                        Function<ListParams, Page<UserResponse>> fetcher,
                                        Function<ListParams, CompletableFuture<Page<UserResponse>>> asyncFetcher) {
        return new Page<>(body.getItems() == null ? List.of() : body.getItems(), body.getTotal() == null ? 0 : body.getTotal(),
                params, response.requestId().orElse(null), fetcher, asyncFetcher,
                transport.shared().maxPages());
    }

    private static List<String> permissionKeys(OrgPermissionsResponse body) {
        return body.getPermissions() == null ? List.of() : List.copyOf(body.getPermissions());
    }

    private static <T> CompletableFuture<T> value(CompletableFuture<ApiResponse<T>> future) {
        return map(future, ApiResponse::value);
    }

    /**
     * Transforms a future's value. A plain {@code thenApply} would return a future whose
     * {@code cancel} leaves the source (and so its HTTP call) running; cancelling this one
     * cancels the source too.
     */
    private static <T, U> CompletableFuture<U> map(CompletableFuture<T> source, Function<? super T, ? extends U> mapper) {
        CompletableFuture<U> mapped = source.thenApply(mapper);
        mapped.whenComplete((value, failure) -> {
            if (mapped.isCancelled()) {
                source.cancel(true);
            }
        });
        return mapped;
    }

    private static Boolean flag(boolean value) {
        return value ? Boolean.TRUE : null;
    }

    private static void checkOptionalId(String name, String value) {
        if (value != null) {
            Checks.id(name, value);
        }
    }

    private static void checkQuery(String query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank (the API requires a non-empty q); there is nothing to search for");
        }
        if (query.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("query must not contain control characters such as CR or LF");
        }
    }

    @Override
    public String toString() {
        return "Orgs{" + client + ", " + options + "}";
    }
}
