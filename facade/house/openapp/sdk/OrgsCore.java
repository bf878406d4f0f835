package house.openapp.sdk;

import com.google.gson.reflect.TypeToken;
import house.openapp.sdk.errors.AmbiguousMatchException;
import house.openapp.sdk.errors.ErrorDetails;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.ApiErrorResponse;
import house.openapp.sdk.generated.model.OrgPermissionsResponse;
import house.openapp.sdk.generated.model.OrganizationPage;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserPage;
import house.openapp.sdk.generated.model.UserResponse;
import house.openapp.sdk.internal.Checks;
import house.openapp.sdk.internal.RequestExtras;
import house.openapp.sdk.internal.Transport;

import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every Orgs and Media operation, described once: its argument checks, the generated call it
 * makes and how the body becomes the result. {@link Orgs}, {@link OrgsWithResponse} and
 * {@link OrgsAsync} are views that only choose how an {@link Op} runs, so the three forms take
 * the same arguments and behave the same by construction. Package-private: not API.
 */
final class OrgsCore {
    private static final Type ORG_LIST = TypeToken.getParameterized(List.class, OrganizationResponse.class).getType();
    private static final ListParams NAME_SEARCH = ListParams.DEFAULT;

    final OpenAppClient client;
    final Transport transport;
    final RequestOptions options;

    OrgsCore(OpenAppClient client, Transport transport, RequestOptions options) {
        this.client = client;
        this.transport = transport;
        this.options = options;
    }

    /** One operation with its arguments checked, not yet sent. */
    interface Op<T> {
        ApiResponse<T> execute();

        CompletableFuture<ApiResponse<T>> executeAsync();

        default CompletableFuture<T> valueAsync() {
            return map(executeAsync(), ApiResponse::value);
        }
    }

    /** A single HTTP exchange through the transport, its body mapped with the response at hand. */
    private <B, T> Op<T> exchange(Supplier<retrofit2.Call<B>> call, RequestExtras extras, Type bodyType,
                                  Function<ApiResponse<B>, T> result) {
        return new Op<>() {
            @Override
            public ApiResponse<T> execute() {
                ApiResponse<B> response = transport.execute(call.get(), extras, bodyType, options);
                return response.map(body -> result.apply(response));
            }

            @Override
            public CompletableFuture<ApiResponse<T>> executeAsync() {
                CompletableFuture<ApiResponse<B>> sent = transport.executeAsync(call.get(), extras, bodyType, options);
                return map(sent, response -> response.map(body -> result.apply(response)));
            }
        };
    }

    private <B> Op<B> exchange(Supplier<retrofit2.Call<B>> call, RequestExtras extras, Type bodyType) {
        return exchange(call, extras, bodyType, ApiResponse::value);
    }

    // ---- lists ---------------------------------------------------------------------------

    Op<Page<OrganizationResponse>> list(ListParams params) {
        Objects.requireNonNull(params, "params");
        return exchange(() -> transport.orgsApi().listOrgsWithQuery(params.outputOptions, params.pagination, null), params.extras(),
                OrganizationPage.class, response -> orgPage(response, params, this::list));
    }

    Op<Page<OrganizationResponse>> children(String parentId, ListParams params) {
        if (parentId != null) {
            Checks.id("parentId", parentId);
        }
        Objects.requireNonNull(params, "params");
        return exchange(() -> transport.orgsApi().listOrgChildrenWithQuery(params.outputOptions, params.pagination,
                        new OrgsApi.ListOrgChildrenQuery().parentId(parentId)), params.extras(),
                OrganizationPage.class, response -> orgPage(response, params, next -> children(parentId, next)));
    }

    Op<Page<OrganizationResponse>> search(String query, ListParams params) {
        checkQuery(query);
        Objects.requireNonNull(params, "params");
        return exchange(() -> transport.orgsApi().searchOrgsWithQuery(params.outputOptions, params.pagination,
                        new OrgsApi.SearchOrgsQuery().q(query)), params.extras(),
                OrganizationPage.class, response -> orgPage(response, params, next -> search(query, next)));
    }

    Op<Page<UserResponse>> users(String orgId, OrgUsersParams params) {
        Checks.id("orgId", orgId);
        Objects.requireNonNull(params, "params");
        String context = options.org().orElse(client.org().orElse(orgId));
        return exchange(() -> transport.orgsApi().listOrgUsersWithQuery(orgId, context, params.listParams().outputOptions,
                        params.listParams().pagination, params.query), params.listParams().extras().and(params.extras()), UserPage.class,
                response -> page(response.value().getItems(), response.value().getTotal(), response.value().getAdditionalProperties(),
                        response, params.listParams(),
                        next -> users(orgId, params.toBuilder().listParams(next).build())));
    }

    /**
     * Every page of a name search, until one organisation is known to be the only match: the
     * value is that organisation, with the response of the page it was on.
     */
    Op<OrganizationResponse> getByName(String name, OrgGetByNameParams params) {
        Checks.text("name", name);
        Objects.requireNonNull(params, "params");
        NameMatcher matcher = new NameMatcher(name, params.match());
        OrgsCore within = new OrgsCore(client, transport.withOverallDeadline(options), options); // one deadline for all the pages
        return new Op<>() {
            @Override
            public ApiResponse<OrganizationResponse> execute() {
                NameMatches matches = new NameMatches(matcher);
                within.search(name, NAME_SEARCH).execute().value().forEachPage(matches::add);
                return matches.result();
            }

            @Override
            public CompletableFuture<ApiResponse<OrganizationResponse>> executeAsync() {
                NameMatches matches = new NameMatches(matcher);
                return within.search(name, NAME_SEARCH).valueAsync().thenCompose(first -> first.forEachPageAsync(matches::add))
                        .thenApply(done -> matches.result());
            }
        };
    }

    // ---- single organisations ------------------------------------------------------------

    Op<OrganizationResponse> create(String name) {
        return create(OrgCreateParams.builder(LocalizedString.of(Orgs.DEFAULT_LOCALE, Checks.text("name", name))).build());
    }

    Op<OrganizationResponse> create(OrgCreateParams params) {
        Objects.requireNonNull(params, "params");
        return exchange(() -> transport.orgsApi().createOrgWithQuery(params.request(), params.query), params.extras(),
                OrganizationResponse.class);
    }

    Op<OrganizationResponse> get(String id, OrgGetParams params) {
        Checks.id("id", id);
        Objects.requireNonNull(params, "params");
        return exchange(() -> transport.orgsApi().getOrgWithQuery(id, params.query), params.extras(), OrganizationResponse.class);
    }

    Op<OrganizationResponse> update(String id, OrgUpdateParams params) {
        Checks.id("id", id);
        Objects.requireNonNull(params, "params");
        return exchange(() -> transport.orgsApi().updateOrgWithQuery(id, params.request(), params.query), params.extras(),
                OrganizationResponse.class);
    }

    Op<OrganizationResponse> delete(String id, OrgDeleteParams params) {
        Checks.id("id", id);
        Objects.requireNonNull(params, "params");
        return exchange(() -> transport.orgsApi().deleteOrgWithQuery(id, params.query), params.extras(), OrganizationResponse.class);
    }

    Op<OrganizationResponse> purge(String id) {
        Checks.id("id", id);
        return exchange(() -> transport.orgsApi().hardDeleteOrgWithQuery(id, new OrgsApi.HardDeleteOrgQuery().includeDeleted(Boolean.TRUE)),
                RequestExtras.NONE, OrganizationResponse.class);
    }

    Op<List<OrganizationResponse>> ancestors(String id) {
        Checks.id("id", id);
        return exchange(() -> transport.orgsApi().listOrgAncestorsWithQuery(id, null), RequestExtras.NONE, ORG_LIST);
    }

    Op<List<String>> permissions(String id) {
        Checks.id("id", id);
        return exchange(() -> transport.orgsApi().getOrgPermissionsWithQuery(id, null), RequestExtras.NONE, OrgPermissionsResponse.class,
                response -> List.copyOf(Objects.requireNonNullElse(response.value().getPermissions(), List.of())));
    }

    // ---- image ---------------------------------------------------------------------------

    Op<ResourceImageUrlResponse> uploadImage(String id, ImageUpload image) {
        Checks.id("id", id);
        Objects.requireNonNull(image, "image");
        return exchange(() -> transport.mediaApi().postOrgImageWithQuery(id, image.toPart(), null), RequestExtras.NONE,
                ResourceImageUrlResponse.class);
    }

    /** Downloads the image (on one of the client's dispatcher threads when asynchronous), then uploads it. */
    Op<ResourceImageUrlResponse> uploadImageFromUrl(String id, URI source) {
        Checks.id("id", id);
        Objects.requireNonNull(source, "source");
        return new Op<>() {
            @Override
            public ApiResponse<ResourceImageUrlResponse> execute() {
                return uploadImage(id, client.fetchImage(source)).execute();
            }

            @Override
            public CompletableFuture<ApiResponse<ResourceImageUrlResponse>> executeAsync() {
                CompletableFuture<ImageUpload> download = CompletableFuture.supplyAsync(() -> client.fetchImage(source), client.blockingExecutor());
                CompletableFuture<ApiResponse<ResourceImageUrlResponse>> upload = download.thenCompose(image -> uploadImage(id, image).executeAsync());
                upload.whenComplete((value, failure) -> {
                    if (upload.isCancelled()) {
                        download.cancel(true);
                    }
                });
                return upload;
            }
        };
    }

    Op<Optional<ResourceImageUrlResponse>> getImage(String id) {
        Checks.id("id", id);
        return exchange(() -> transport.mediaApi().getOrgImageWithQuery(id, null), RequestExtras.NONE, ResourceImageUrlResponse.class,
                response -> Optional.ofNullable(response.value()));
    }

    Op<Void> deleteImage(String id) {
        Checks.id("id", id);
        return exchange(() -> transport.mediaApi().deleteOrgImageWithQuery(id, null), RequestExtras.NONE, Void.class);
    }

    // ---- helpers -------------------------------------------------------------------------

    private Page<OrganizationResponse> orgPage(ApiResponse<OrganizationPage> response, ListParams params,
                                               Function<ListParams, Op<Page<OrganizationResponse>>> following) {
        return page(response.value().getItems(), response.value().getTotal(), response.value().getAdditionalProperties(), response,
                params, following);
    }

    private <T> Page<T> page(List<T> items, Long total, Map<String, Object> unknown, ApiResponse<?> response, ListParams params,
                             Function<ListParams, Op<Page<T>>> following) {
        return new Page<>(items == null ? List.of() : items, total == null ? 0 : total, unknown, params, response,
                next -> following.apply(next).execute().value(), next -> following.apply(next).valueAsync(),
                transport.shared().maxPages());
    }

    /**
     * Transforms a future's value. A plain {@code thenApply} would return a future whose
     * {@code cancel} leaves the source (and so its HTTP call) running; cancelling this one
     * cancels the source too.
     */
    static <T, U> CompletableFuture<U> map(CompletableFuture<T> source, Function<? super T, ? extends U> mapper) {
        CompletableFuture<U> mapped = source.thenApply(mapper);
        mapped.whenComplete((value, failure) -> {
            if (mapped.isCancelled()) {
                source.cancel(true);
            }
        });
        return mapped;
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

    /** Whether an organisation's name matches, in any locale. */
    private record NameMatcher(String name, OrgGetByNameParams.Match match) {
        boolean matches(OrganizationResponse org) {
            Map<String, String> texts = org.getName() == null || org.getName().getValue() == null ? Map.of() : org.getName().getValue();
            String needle = name.toLowerCase(Locale.ROOT);
            return texts.values().stream().anyMatch(text -> text != null
                    && (match == OrgGetByNameParams.Match.EXACT ? text.equals(name) : text.toLowerCase(Locale.ROOT).contains(needle)));
        }
    }

    /** The matches found so far, and the response of the page the first one was on. */
    private static final class NameMatches {
        private final NameMatcher matcher;
        private final List<OrganizationResponse> found = new ArrayList<>();
        private ApiResponse<?> where;

        NameMatches(NameMatcher matcher) {
            this.matcher = matcher;
        }

        synchronized void add(Page<OrganizationResponse> page) {
            for (OrganizationResponse org : page.items()) {
                if (matcher.matches(org)) {
                    found.add(org);
                    if (where == null) {
                        where = page.response();
                    }
                }
            }
        }

        synchronized ApiResponse<OrganizationResponse> result() {
            String name = matcher.name();
            if (found.isEmpty()) {
                throw new NotFoundException(new ErrorDetails(404, new ApiErrorResponse().errorCode("no_match").message("no organisation is named \""
                        + name + "\"" + (matcher.match() == OrgGetByNameParams.Match.EXACT ? "" : " or has a name containing it")),
                        null, Map.of(), null, 0));
            }
            if (found.size() > 1) {
                List<String> ids = found.stream().map(OrganizationResponse::getId).toList();
                throw new AmbiguousMatchException(found.size() + " organisations match \"" + name + "\": " + ids, ids);
            }
            OrganizationResponse only = found.get(0);
            return where.map(ignored -> only);
        }
    }
}
