package house.openapp.sdk.testing;

import com.google.gson.JsonObject;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A faithful, stateful, in-memory OpenApp Orgs server for tests, listening on a loopback port
 * (think stripe-mock, in-process). It serves all fourteen operations of {@code openapi/orgs.yaml}
 * under {@code {origin}/api/v1/} with the bundle's exact JSON, and checks requests as strictly as
 * the real gateway, so a wire mistake in an SDK fails loudly.
 *
 * <pre>{@code
 * try (FakeOpenApp fake = FakeOpenApp.start()) {
 *   OrgsApi orgs = ApiClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build()
 *       .createService(OrgsApi.class);
 *   OrganizationResponse team = orgs.createOrg(new CreateOrganizationRequest()
 *       .name(new LocalizedStringModel().putValueItem("en", "Team")).parentId(fake.rootOrgId()), null)
 *       .execute().body();
 * }
 * }</pre>
 *
 * <h2>Starting state</h2>
 * One root organisation named {@code Root} ({@link #rootOrgId()}); {@link #apiKey()}, a key with
 * {@code admin} on it; and {@link #platformAdminKey()}, a platform administrator. API keys look
 * like the real ones, {@code {origin}_openapp_{secret}}, so an SDK can derive the API root from
 * them. More callers come from {@link #addApiKey(String, String...)} and
 * {@link #grant(String, String, String...)}; organisations and users can be seeded without HTTP
 * with {@link #addOrg(String, String)} and {@link #addUser(String, String, String...)}.
 *
 * <h2>Gateway rules (every route)</h2>
 * <ul>
 *   <li>Every response carries {@code X-Request-Id}: the request's {@code X-Correlation-Id}
 *       when it has one, else a fresh ULID. Every JSON error is an {@code ApiErrorResponse}
 *       with {@code message}, {@code error_code} and {@code correlationId} (that same id).</li>
 *   <li>401 without {@code X-API-Key} ({@code missing_api_key}), with an unknown key
 *       ({@code invalid_api_key}), and whenever {@code Authorization} is sent: an API key there
 *       is {@code api_key_in_authorization}, anything else {@code invalid_token} (the fake
 *       accepts API keys only).</li>
 *   <li>400 {@code unknown_query_parameter} for any query key the route does not declare
 *       ({@code pagination[limit]}, {@code pagination}, {@code output_options},
 *       {@code includeDeleted}, {@code cursor}, ...), naming the key; 400
 *       {@code invalid_query_parameter} for a repeated key, a boolean other than
 *       {@code true}/{@code false}, a non-integer, {@code limit} outside 0..200 or a negative
 *       {@code offset}.</li>
 *   <li>Create and update need {@code Content-Type: application/json} (else 415) and a strict
 *       JSON object (no duplicate names, nothing after it); an unknown property, at any level,
 *       is 400 {@code unknown_property}. Names must use the declared LocalizedString form
 *       {@code {"value": {"en": "..."}}}: the plain map and the bare string are refused. A body
 *       on a route that takes none is 400 {@code unexpected_body}.</li>
 *   <li>Routes the bundle declares bodiless ({@code permissions} and the three image routes)
 *       answer every error with an empty body.</li>
 *   <li>Lists page with {@code limit} (default 50, see {@link Builder#defaultLimit(int)}) and
 *       {@code offset} (default 0) into {@code {"items": [...], "total": n}}, ordered by id;
 *       {@code include_deleted=true} adds soft-deleted items, {@code only_deleted=true}
 *       returns only those.</li>
 * </ul>
 *
 * <h2>Roles and visibility</h2>
 * A role held in an organisation applies to all its descendants. Any role makes an organisation
 * visible; an existing organisation with no role is 403, an unknown one (or a soft-deleted one
 * without {@code include_deleted=true}) 404. Writes (create under a parent, update, move,
 * delete, purge, image upload and removal) need {@code admin}. Listing users needs the
 * {@code users:read} permission. Permission keys are the roles held, with {@code admin} expanded
 * to {@link #ADMIN_PERMISSIONS}. A platform administrator holds {@code admin} everywhere.
 *
 * <h2>Organisation rules</h2>
 * <ul>
 *   <li><b>Create</b> answers 200. Without {@code parent_id} it creates a root, which only a
 *       platform administrator may do (403 otherwise); so is choosing {@code id} (1 to 64 of
 *       {@code [0-9A-Za-z_-]}; a taken id is 409 {@code already_exists}). Otherwise the id is a
 *       fresh ULID. An unknown or soft-deleted parent is 400 {@code invalid_parent}; a parent
 *       at the maximum depth is 422 {@code max_depth_exceeded}; a parent whose lifetime quota
 *       ({@link #setOrgQuota(String, int)}) is used up is 429 {@code quota_exceeded}. Every
 *       creation through the API counts against the parent's quota; seeding does not.
 *       {@code include_deleted} is accepted and has no effect.</li>
 *   <li><b>Update</b> changes only the properties present in the body: {@code name} (a
 *       {@code null} name leaves it unchanged), {@code description} ({@code null} clears it) and
 *       {@code parent_id}, which moves the subtree. Moving needs {@code admin} on the
 *       destination too; {@code "parent_id": null} makes a root and needs a platform
 *       administrator. Refused with 422: {@code cycle} (under itself or a descendant),
 *       {@code max_depth_exceeded} (deeper than {@link Builder#maxDepth(int)}, default 8,
 *       counting a root as depth 1) and {@code invalid_parent} (unknown or soft-deleted
 *       destination).</li>
 *   <li><b>Delete</b> (soft) sets {@code deleted_at}; an organisation with live children is
 *       refused with 409 {@code has_live_children}. Deleting an already deleted one with
 *       {@code include_deleted=true} returns it unchanged. So a live organisation never sits
 *       under a soft-deleted one.</li>
 *   <li><b>Purge</b> works on a live organisation, or a soft-deleted one with
 *       {@code include_deleted=true}, and removes it together with its (necessarily
 *       soft-deleted) descendants. Preconditions, checked in this order on every attempt: no
 *       live child (409 {@code has_live_children}); no live user whose every membership lies in
 *       the purged subtree (409 {@code would_orphan_users}). Then the confirmation flow: without
 *       {@code X-OpenApp-Confirm} the answer is <b>409</b> {@code confirmation_required} with a
 *       {@code preview_token}; repeating the request with {@code X-OpenApp-Confirm: <token>}
 *       purges and answers 200 with the organisation as it was. A token is single-use and bound
 *       to that organisation and API key; any other value is 409 {@code confirmation_invalid}.
 *       {@link #setPurgeConfirmationRequired(boolean)} turns the flow off.</li>
 *   <li><b>Children</b>: with {@code parent_id}, the visible children of that organisation
 *       (404 if it does not exist); without, the roots of the caller's visible forest (visible
 *       organisations whose parent is absent or invisible). Items carry {@code has_children}:
 *       whether a child passes the same lifecycle filter.</li>
 *   <li><b>Search</b>: {@code q} is required (400 when absent); a blank {@code q} gives an empty
 *       page. It matches an exact id or a case-insensitive substring of the name in any locale.
 *       Items carry {@code has_children} and {@code parent_name} ({@code null} for a root).</li>
 *   <li><b>Ancestors</b>: root-most first, itself excluded, only those the caller can see.</li>
 *   <li><b>Users</b>: 400 {@code missing_header} without {@code X-Org}; users holding a
 *       membership in the organisation, or with {@code recursive=true} in it or any live
 *       descendant; each user's {@code roles} shows the memberships within that scope.</li>
 * </ul>
 *
 * <h2>Images</h2>
 * Upload is multipart with exactly one part named {@code file}; JPEG, PNG and WebP are
 * recognised by their magic bytes, anything else is 415. {@code GET} answers 200 with a URL
 * (served by this fake without credentials; {@code expires_in_seconds} is 900) or 204 when
 * there is no image; {@code DELETE} answers 204, also when there was no image or no such
 * organisation.
 *
 * <h2>Fault injection and the request log</h2>
 * {@link #failNext(int, int, Duration)} answers the next requests with an error status,
 * {@link #setLatency(Duration)} delays every response, {@link #dropNext(int)} closes the next
 * connections without an answer. {@link #requests()} lists every request that was answered,
 * injected failures included; dropped ones are only counted, by {@link #droppedCount()}.
 *
 * <p>Thread-safe: one lock guards all state, and requests are handled one at a time. Close the
 * fake (or use {@link FakeOpenAppExtension}) to free the port.
 */
public final class FakeOpenApp implements AutoCloseable {
  /** The permission keys the {@code admin} role grants. */
  public static final Set<String> ADMIN_PERMISSIONS = FakeBackend.ADMIN_PERMISSIONS;

  private static final String CORRELATION_HEADER = "X-Correlation-Id";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Object lock = new Object();
  private final MockWebServer server = new MockWebServer();
  private final String origin;
  private final FakeBackend backend;
  private final String rootOrgId;
  private final String apiKey;
  private final String platformAdminKey;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private int failuresPending;
  private int failureStatus;
  private Duration failureRetryAfter;
  private int dropsPending;
  private int dropped;
  private volatile Duration latency = Duration.ZERO;
  private boolean closed;

  private FakeOpenApp(Builder builder) throws IOException {
    server.setServerSocketFactory(NoDelayServerSockets.FACTORY);
    server.setDispatcher(new FakeDispatcher());
    server.start(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}), builder.port);
    try {
      synchronized (lock) {
        origin = "http://127.0.0.1:" + server.getPort();
        backend = new FakeBackend(builder.clock, builder.maxDepth, builder.defaultLimit, origin);
        rootOrgId = backend.addOrg(null, Map.of("en", "Root"));
        apiKey = mintKey();
        backend.addPrincipal(apiKey, false);
        backend.grant(apiKey, rootOrgId, Set.of("admin"));
        platformAdminKey = mintKey();
        backend.addPrincipal(platformAdminKey, true);
      }
    } catch (RuntimeException e) {
      server.shutdown();
      throw e;
    }
  }

  /**
   * Starts a fake with the default settings.
   *
   * @return a running fake
   * @throws UncheckedIOException if no loopback port could be opened
   */
  public static FakeOpenApp start() {
    return builder().start();
  }

  /**
   * Starts configuring a fake.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- addresses and credentials

  /**
   * The server's origin, such as {@code http://127.0.0.1:50123}, with no trailing slash.
   *
   * @return the origin that API keys of this fake start with
   */
  public String origin() {
    return origin;
  }

  /**
   * The API root, {@code {origin}/api/v1/}, ready for {@code ApiClient.Builder.baseUrl}.
   *
   * @return the base URL, with a trailing slash
   */
  public String baseUrl() {
    return origin + "/api/v1/";
  }

  /**
   * A valid API key with {@code admin} on the root organisation {@link #rootOrgId()}.
   *
   * @return the default API key, {@code {origin}_openapp_{secret}}
   */
  public String apiKey() {
    return apiKey;
  }

  /**
   * A valid API key of a platform administrator, who may create roots and choose ids.
   *
   * @return the platform administrator's API key
   */
  public String platformAdminKey() {
    return platformAdminKey;
  }

  /**
   * The id of the root organisation the fake starts with.
   *
   * @return a ULID
   */
  public String rootOrgId() {
    return rootOrgId;
  }

  /**
   * Registers a new caller holding some roles in one organisation (and so in its descendants).
   *
   * @param orgId where the roles are held
   * @param roles role names such as {@code admin} or {@code users:read}; none gives a caller
   *     that is authenticated but sees nothing
   * @return the new caller's API key
   * @throws IllegalArgumentException if the organisation does not exist
   */
  public String addApiKey(String orgId, String... roles) {
    Set<String> granted = roleSet(roles);
    synchronized (lock) {
      String key = mintKey();
      backend.addPrincipal(key, false);
      try {
        backend.grant(key, orgId, granted);
      } catch (IllegalArgumentException e) {
        backend.revoke(key);
        throw e;
      }
      return key;
    }
  }

  /**
   * Registers a new caller that holds no role anywhere: every organisation is 403 to it.
   *
   * @return the new caller's API key
   */
  public String addApiKey() {
    synchronized (lock) {
      String key = mintKey();
      backend.addPrincipal(key, false);
      return key;
    }
  }

  /**
   * Registers a new platform administrator.
   *
   * @return the new caller's API key
   */
  public String addPlatformAdminKey() {
    synchronized (lock) {
      String key = mintKey();
      backend.addPrincipal(key, true);
      return key;
    }
  }

  /**
   * Gives a registered caller more roles in an organisation.
   *
   * @param apiKey a key from this fake
   * @param orgId where the roles are held
   * @param roles role names
   * @throws IllegalArgumentException if the key or the organisation is unknown
   */
  public void grant(String apiKey, String orgId, String... roles) {
    Set<String> granted = roleSet(roles);
    synchronized (lock) {
      backend.grant(Objects.requireNonNull(apiKey, "apiKey"), orgId, granted);
    }
  }

  /**
   * Forgets an API key; requests with it are answered 401 from now on.
   *
   * @param apiKey a key from this fake
   */
  public void revokeApiKey(String apiKey) {
    synchronized (lock) {
      backend.revoke(Objects.requireNonNull(apiKey, "apiKey"));
    }
  }

  // ---------------------------------------------------------------- seeding and inspection

  /**
   * Creates an organisation directly, without a request, permission checks or quota.
   *
   * @param parentId the parent, or {@code null} for a new root
   * @param name the name, filed under locale {@code en}
   * @return the new organisation's id (a ULID)
   * @throws IllegalArgumentException if the parent is unknown, soft-deleted or at maximum depth
   */
  public String addOrg(String parentId, String name) {
    return addOrg(parentId, Map.of("en", Objects.requireNonNull(name, "name")));
  }

  /**
   * Creates an organisation directly with a name in several locales.
   *
   * @param parentId the parent, or {@code null} for a new root
   * @param name locale tag to text, at least one text non-blank
   * @return the new organisation's id (a ULID)
   * @throws IllegalArgumentException if the parent is unknown, soft-deleted or at maximum depth
   */
  public String addOrg(String parentId, Map<String, String> name) {
    synchronized (lock) {
      return backend.addOrg(parentId, name);
    }
  }

  /**
   * Creates a user who is a member of an organisation.
   *
   * @param orgId the organisation
   * @param email the login e-mail, or {@code null} for a synthetic placeholder
   *     ({@code email_is_synthetic} true)
   * @param roles the user's roles there (may be none: a plain member)
   * @return the new user's id (a ULID)
   * @throws IllegalArgumentException if the organisation does not exist
   */
  public String addUser(String orgId, String email, String... roles) {
    Set<String> granted = roleSet(roles);
    synchronized (lock) {
      return backend.addUser(orgId, email, granted);
    }
  }

  /**
   * Makes a user a member of one more organisation, or adds roles to an existing membership.
   *
   * @param userId a user from {@link #addUser(String, String, String...)}
   * @param orgId the organisation
   * @param roles the roles to add
   * @throws IllegalArgumentException if the user or the organisation does not exist
   */
  public void grantUser(String userId, String orgId, String... roles) {
    Set<String> granted = roleSet(roles);
    synchronized (lock) {
      backend.grantUser(userId, orgId, granted);
    }
  }

  /**
   * Soft-deletes a user: it leaves default user listings and no longer blocks purges.
   *
   * @param userId a user from {@link #addUser(String, String, String...)}
   * @throws IllegalArgumentException if the user does not exist
   */
  public void deleteUser(String userId) {
    synchronized (lock) {
      backend.deleteUser(userId);
    }
  }

  /**
   * Tells whether an organisation exists, soft-deleted or not (a purged one does not).
   *
   * @param orgId the id
   * @return {@code true} if it exists
   */
  public boolean hasOrg(String orgId) {
    synchronized (lock) {
      return backend.hasOrg(orgId);
    }
  }

  /**
   * Tells whether an organisation is soft-deleted.
   *
   * @param orgId an existing organisation
   * @return {@code true} if its {@code deleted_at} is set
   * @throws IllegalArgumentException if it does not exist
   */
  public boolean isDeleted(String orgId) {
    synchronized (lock) {
      return backend.isDeleted(orgId);
    }
  }

  /**
   * The number of organisations held, soft-deleted ones included.
   *
   * @return the count
   */
  public int orgCount() {
    synchronized (lock) {
      return backend.orgCount();
    }
  }

  /**
   * The image stored for an organisation.
   *
   * @param orgId an existing organisation
   * @return a copy of the uploaded bytes, or empty when it has none
   * @throws IllegalArgumentException if it does not exist
   */
  public Optional<byte[]> image(String orgId) {
    synchronized (lock) {
      return backend.image(orgId);
    }
  }

  // ---------------------------------------------------------------- behaviour settings

  /**
   * Limits how many organisations can ever be created under a parent through the API; once
   * used up, creation answers 429 {@code quota_exceeded}. Creations made before count.
   *
   * @param parentId an existing organisation
   * @param quota the lifetime number of child creations, 0 or more
   * @throws IllegalArgumentException if the organisation does not exist or the quota is negative
   */
  public void setOrgQuota(String parentId, int quota) {
    synchronized (lock) {
      backend.setQuota(parentId, quota);
    }
  }

  /**
   * Turns the purge confirmation flow on (the default) or off.
   *
   * @param required {@code false} to purge on the first request
   */
  public void setPurgeConfirmationRequired(boolean required) {
    synchronized (lock) {
      backend.setPurgeConfirmation(required);
    }
  }

  // ---------------------------------------------------------------- fault injection

  /**
   * Answers the next requests with an error, before any other processing, as a failing proxy
   * or server would: the status, an {@code ApiErrorResponse} body and {@code X-Request-Id}.
   *
   * @param count how many requests to fail; replaces any failures still pending
   * @param status an error status, 400 to 599
   */
  public void failNext(int count, int status) {
    failNext(count, status, null);
  }

  /**
   * Answers the next requests with an error and a {@code Retry-After} header.
   *
   * @param count how many requests to fail; replaces any failures still pending
   * @param status an error status, 400 to 599
   * @param retryAfter the {@code Retry-After} value (whole seconds, rounded up), or
   *     {@code null} for none
   */
  public void failNext(int count, int status, Duration retryAfter) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    synchronized (lock) {
      failuresPending = count;
      failureStatus = status;
      failureRetryAfter = retryAfter;
    }
  }

  /**
   * Delays the headers of every response from now on.
   *
   * @param latency the delay; {@link Duration#ZERO} for none
   */
  public void setLatency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.latency = latency;
  }

  /**
   * Closes the next connections without answering ({@link SocketPolicy#DISCONNECT_AT_START});
   * a request arriving on an already open connection is read and then left unanswered, with the
   * connection closed. Note that OkHttp's {@code retryOnConnectionFailure} may retry such a
   * request on its own.
   *
   * @param count how many connections or requests to drop; replaces any drops still pending
   */
  public void dropNext(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    synchronized (lock) {
      dropsPending = count;
    }
  }

  /**
   * How many connections or requests were dropped by {@link #dropNext(int)} so far.
   *
   * @return the count
   */
  public int droppedCount() {
    synchronized (lock) {
      return dropped;
    }
  }

  // ---------------------------------------------------------------- request log

  /**
   * Every request answered so far, oldest first, injected failures included and dropped ones
   * not. The bodies of the returned requests are readable; read them with
   * {@code getBody().clone()} to leave them intact for later callers.
   *
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /**
   * How many requests were answered so far (the size of {@link #requests()}).
   *
   * @return the count
   */
  public int requestCount() {
    synchronized (lock) {
      return requests.size();
    }
  }

  /** Empties the request log; the dropped count stays. */
  public void clearRequests() {
    synchronized (lock) {
      requests.clear();
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Tells whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Stops the server and frees its port; calling it again does nothing.
   *
   * @throws UncheckedIOException if the server could not be shut down
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException("could not shut the fake OpenApp server down", e);
    }
  }

  @Override
  public String toString() {
    return "FakeOpenApp[" + origin + "]";
  }

  // ---------------------------------------------------------------- dispatching

  private MockResponse dispatch(RecordedRequest request) {
    if (request.getRequestLine().isEmpty()) {
      // MockWebServer's record of a connection closed by DISCONNECT_AT_START.
      synchronized (lock) {
        dropsPending = Math.max(0, dropsPending - 1);
        dropped++;
      }
      return new MockResponse();
    }
    String correlation = request.getHeader(CORRELATION_HEADER);
    String requestId = correlation == null || correlation.isBlank() ? Ulid.next() : correlation;
    MockResponse response;
    synchronized (lock) {
      if (dropsPending > 0) {
        dropsPending--;
        dropped++;
        return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      }
      requests.add(request);
      if (failuresPending > 0) {
        failuresPending--;
        response = injectedFailure(requestId);
      } else {
        response = route(request, requestId);
      }
    }
    response.setHeader("X-Request-Id", requestId);
    long delay = latency.toMillis();
    if (delay > 0) {
      response.setHeadersDelay(delay, TimeUnit.MILLISECONDS);
    }
    return response;
  }

  private MockResponse route(RecordedRequest request, String requestId) {
    HttpUrl url = request.getRequestUrl();
    List<String> segments = url == null ? List.of() : url.pathSegments();
    if (!segments.isEmpty() && segments.get(0).equals("media")) {
      if (!"GET".equals(request.getMethod())) {
        return error(ApiException.methodNotAllowed("media URLs are read-only", "GET"), true, requestId);
      }
      return reply(backend.media(segments));
    }
    if (segments.size() < 3 || !segments.get(0).equals("api") || !segments.get(1).equals("v1")) {
      return error(ApiException.of(404, "route_not_found", "no route for " + request.getMethod() + " "
          + (url == null ? request.getPath() : url.encodedPath()) + "; the API root is /api/v1/"), false, requestId);
    }
    boolean bodiless = false;
    try {
      Route.Match match = Route.match(request.getMethod(), segments.subList(2, segments.size()));
      bodiless = match.route().bodiless();
      return reply(backend.handle(new WireCall(request, match.route(), match.id())));
    } catch (Route.RouteException e) {
      return error(e.error(), e.bodiless(), requestId);
    } catch (ApiException e) {
      return error(e, bodiless, requestId);
    } catch (RuntimeException e) {
      return error(ApiException.of(500, "internal_error", "the fake server failed: " + e), bodiless, requestId);
    }
  }

  private static MockResponse reply(FakeBackend.Reply reply) {
    MockResponse response = new MockResponse().setResponseCode(reply.status());
    if (reply.contentType() != null) {
      response.setHeader("Content-Type", reply.contentType());
      response.setBody(new Buffer().write(reply.body()));
    }
    return response;
  }

  private static MockResponse error(ApiException error, boolean bodiless, String requestId) {
    MockResponse response = new MockResponse().setResponseCode(error.status());
    if (error.allow() != null) {
      response.setHeader("Allow", error.allow());
    }
    if (!bodiless) {
      JsonObject body = new JsonObject();
      body.addProperty("message", error.getMessage());
      body.addProperty("error_code", error.errorCode());
      body.addProperty("correlationId", requestId);
      if (error.previewToken() != null) {
        body.addProperty("preview_token", error.previewToken());
      }
      response.setHeader("Content-Type", "application/json; charset=utf-8");
      response.setBody(StrictJson.write(body));
    }
    return response;
  }

  private MockResponse injectedFailure(String requestId) {
    String code;
    switch (failureStatus) {
      case 429:
        code = "rate_limited";
        break;
      case 500:
        code = "internal_error";
        break;
      case 502:
        code = "bad_gateway";
        break;
      case 503:
        code = "service_unavailable";
        break;
      case 504:
        code = "gateway_timeout";
        break;
      default:
        code = "injected_failure";
        break;
    }
    MockResponse response = error(ApiException.of(failureStatus, code,
        "injected failure: HTTP " + failureStatus), false, requestId);
    if (failureRetryAfter != null) {
      long seconds = failureRetryAfter.getSeconds() + (failureRetryAfter.getNano() > 0 ? 1 : 0);
      response.setHeader("Retry-After", Long.toString(seconds));
    }
    return response;
  }

  private MockResponse peekResponse() {
    synchronized (lock) {
      return dropsPending > 0
          ? new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START)
          : new MockResponse().setSocketPolicy(SocketPolicy.KEEP_OPEN);
    }
  }

  private String mintKey() {
    byte[] secret = new byte[16];
    RANDOM.nextBytes(secret);
    return origin + "_openapp_" + HexFormat.of().formatHex(secret);
  }

  private static Set<String> roleSet(String... roles) {
    Set<String> set = new LinkedHashSet<>();
    for (String role : roles) {
      if (role == null || role.isBlank()) {
        throw new IllegalArgumentException("a role name must not be blank");
      }
      set.add(role);
    }
    return set;
  }

  /** Routes MockWebServer's callbacks to the fake. */
  private final class FakeDispatcher extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      return FakeOpenApp.this.dispatch(request);
    }

    @Override
    public MockResponse peek() {
      return peekResponse();
    }
  }

  /**
   * Settings of a {@link FakeOpenApp} before it starts; not thread-safe.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int maxDepth = 8;
    private int defaultLimit = 50;
    private int port;

    private Builder() {
    }

    /**
     * Sets the loopback port to listen on, for a fake that other processes find at a known
     * address ({@link FakeOpenAppMain}).
     *
     * @param port 1 to 65535, or 0 (the default) for a free port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the clock of {@code created_at}, {@code updated_at} and {@code deleted_at}.
     *
     * @param clock the clock; the default is the system UTC clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the maximum depth of the organisation tree, counting a root as 1.
     *
     * @param maxDepth 1 or more; the default is 8
     * @return this builder
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1) {
        throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Sets the page size used when a list request sends no {@code limit}.
     *
     * @param defaultLimit within the bounds the bundle gives {@code list_orgs}' {@code limit}
     *     (0 to 200 today); the default is 50
     * @return this builder
     * @throws IllegalArgumentException outside those bounds
     */
    public Builder defaultLimit(int defaultLimit) {
      Bundle.QueryKey limit = Bundle.get().query("list_orgs").get("limit");
      if ((limit.minimum() != null && defaultLimit < limit.minimum()) || (limit.maximum() != null && defaultLimit > limit.maximum())) {
        throw new IllegalArgumentException("defaultLimit must be between " + limit.minimum() + " and " + limit.maximum()
            + " (list_orgs' limit in the bundle) but was " + defaultLimit);
      }
      this.defaultLimit = defaultLimit;
      return this;
    }

    /**
     * Starts the fake on a free loopback port.
     *
     * @return the running fake
     * @throws UncheckedIOException if no port could be opened
     */
    public FakeOpenApp start() {
      try {
        return new FakeOpenApp(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the fake OpenApp server", e);
      }
    }
  }
}
