package house.openapp.sdk.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The state and behaviour behind {@link FakeOpenApp}: the organisation tree, users, principals,
 * quotas, pending purge confirmations and images, and the handler of every route.
 *
 * <p>Not thread-safe by itself: {@link FakeOpenApp} calls every method while holding its lock.
 */
final class FakeBackend {
  /** What the {@code admin} role grants, as permission keys. */
  static final SortedSet<String> ADMIN_PERMISSIONS = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(
      "admin", "orgs:create", "orgs:delete", "orgs:read", "orgs:update",
      "users:create", "users:delete", "users:read", "users:update", "media:write")));
  static final long IMAGE_URL_TTL_SECONDS = 900;
  static final String CONFIRM_HEADER = "X-OpenApp-Confirm";

  private static final String ADMIN = "admin";
  private static final Pattern CHOSEN_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
  private static final Pattern FORM_NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"");
  /**
   * The request properties the fake's behaviour reads itself; every other property the bundle
   * declares is checked against its declared type, stored as sent and echoed on every read.
   */
  private static final Set<String> BEHAVIOUR_PROPERTIES = Set.of("name", "description", "parent_id", "id");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final int maxDepth;
  private final int defaultLimit;
  private final String origin;
  private final TreeMap<String, OrgRecord> orgs = new TreeMap<>();
  private final Map<String, TreeSet<String>> children = new HashMap<>();
  private final TreeMap<String, UserRecord> users = new TreeMap<>();
  private final Map<String, Principal> principals = new HashMap<>();
  private final Map<String, Integer> quotas = new HashMap<>();
  private final Map<String, PendingPurge> previews = new HashMap<>();
  private boolean purgeConfirmation = true;

  FakeBackend(Clock clock, int maxDepth, int defaultLimit, String origin) {
    this.clock = clock;
    this.maxDepth = maxDepth;
    this.defaultLimit = defaultLimit;
    this.origin = origin;
  }

  // ---------------------------------------------------------------- seeding and configuration

  String addOrg(String parentId, Map<String, String> name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.values().stream().allMatch(text -> text == null || text.isBlank())) {
      throw new IllegalArgumentException("an organisation needs a non-blank name");
    }
    if (parentId != null) {
      OrgRecord parent = orgs.get(parentId);
      if (parent == null || parent.deletedAt != null) {
        throw new IllegalArgumentException("no live organisation " + parentId);
      }
      if (depth(parent) + 1 > maxDepth) {
        throw new IllegalArgumentException("organisation " + parentId + " is at the maximum depth " + maxDepth);
      }
    }
    return createRecord(Ulid.next(), parentId, name, null).id;
  }

  String addUser(String orgId, String email, Set<String> roles) {
    requireOrg(orgId);
    String id = Ulid.next();
    boolean synthetic = email == null;
    String address = synthetic ? id.toLowerCase(Locale.ROOT) + "@users.noreply.openapp.house" : email;
    String displayName = synthetic ? "User " + id : address.substring(0, Math.max(address.indexOf('@'), 0));
    if (displayName.isBlank()) {
      displayName = address;
    }
    UserRecord user = new UserRecord(id, Map.of("en", displayName), address, synthetic, now());
    user.roles.put(orgId, new TreeSet<>(roles));
    users.put(id, user);
    return id;
  }

  void grantUser(String userId, String orgId, Set<String> roles) {
    requireOrg(orgId);
    UserRecord user = requireUser(userId);
    user.roles.computeIfAbsent(orgId, k -> new TreeSet<>()).addAll(roles);
    user.updatedAt = now();
  }

  void deleteUser(String userId) {
    UserRecord user = requireUser(userId);
    if (user.deletedAt == null) {
      user.deletedAt = now();
      user.updatedAt = user.deletedAt;
    }
  }

  void addPrincipal(String apiKey, boolean platformAdmin) {
    if (principals.putIfAbsent(apiKey, new Principal(apiKey, platformAdmin)) != null) {
      throw new IllegalArgumentException("API key already registered");
    }
  }

  void grant(String apiKey, String orgId, Set<String> roles) {
    requireOrg(orgId);
    Principal principal = principals.get(apiKey);
    if (principal == null) {
      throw new IllegalArgumentException("unknown API key");
    }
    principal.grant(orgId, roles);
  }

  void revoke(String apiKey) {
    principals.remove(apiKey);
    previews.values().removeIf(pending -> pending.apiKey.equals(apiKey));
  }

  void setQuota(String parentId, int quota) {
    requireOrg(parentId);
    if (quota < 0) {
      throw new IllegalArgumentException("quota must not be negative: " + quota);
    }
    quotas.put(parentId, quota);
  }

  void setPurgeConfirmation(boolean required) {
    this.purgeConfirmation = required;
  }

  boolean hasOrg(String id) {
    return orgs.containsKey(id);
  }

  boolean isDeleted(String id) {
    return requireOrg(id).deletedAt != null;
  }

  Optional<byte[]> image(String orgId) {
    StoredImage image = requireOrg(orgId).image;
    return image == null ? Optional.empty() : Optional.of(image.bytes.clone());
  }

  int orgCount() {
    return orgs.size();
  }

  private OrgRecord requireOrg(String id) {
    OrgRecord org = orgs.get(Objects.requireNonNull(id, "orgId"));
    if (org == null) {
      throw new IllegalArgumentException("no organisation " + id);
    }
    return org;
  }

  private UserRecord requireUser(String id) {
    UserRecord user = users.get(Objects.requireNonNull(id, "userId"));
    if (user == null) {
      throw new IllegalArgumentException("no user " + id);
    }
    return user;
  }

  // ---------------------------------------------------------------- request handling

  /**
   * Answers one API request: authentication, strict query and body checks, then the route.
   */
  Reply handle(WireCall call) {
    call.authenticate(authenticate(call));
    call.validateQuery();
    call.validateBodyPresence();
    switch (call.route()) {
      case LIST_ORGS:
        return listOrgs(call);
      case CREATE_ORG:
        return createOrg(call);
      case LIST_ORG_CHILDREN:
        return listChildren(call);
      case SEARCH_ORGS:
        return searchOrgs(call);
      case GET_ORG:
        return getOrg(call);
      case UPDATE_ORG:
        return updateOrg(call);
      case DELETE_ORG:
        return deleteOrg(call);
      case HARD_DELETE_ORG:
        return purgeOrg(call);
      case LIST_ORG_ANCESTORS:
        return listAncestors(call);
      case GET_ORG_PERMISSIONS:
        return getPermissions(call);
      case LIST_ORG_USERS:
        return listUsers(call);
      case GET_ORG_IMAGE:
        return getImage(call);
      case POST_ORG_IMAGE:
        return postImage(call);
      case DELETE_ORG_IMAGE:
        return deleteImage(call);
      default:
        throw new IllegalStateException("unrouted " + call.route());
    }
  }

  private Principal authenticate(WireCall call) {
    String authorization = call.header("Authorization");
    if (authorization != null) {
      if (authorization.contains("_openapp_")) {
        throw ApiException.unauthorized("api_key_in_authorization",
            "an API key was sent in Authorization, which is reserved for Bearer JWTs; send it in X-API-Key");
      }
      throw ApiException.unauthorized("invalid_token", "the bearer token was not accepted");
    }
    String apiKey = call.header("X-API-Key");
    if (apiKey == null || apiKey.isBlank()) {
      throw ApiException.unauthorized("missing_api_key", "no credentials: send the API key in X-API-Key");
    }
    Principal principal = principals.get(apiKey);
    if (principal == null) {
      throw ApiException.unauthorized("invalid_api_key", "the API key is not valid for this server");
    }
    return principal;
  }

  private Reply listOrgs(WireCall call) {
    Principal principal = call.principal();
    WireCall.Lifecycle lifecycle = call.lifecycle();
    List<OrgRecord> matching = new ArrayList<>();
    for (OrgRecord org : orgs.values()) {
      if (lifecycle.matches(org.deletedAt) && visible(principal, org)) {
        matching.add(org);
      }
    }
    return Reply.json(200, page(call, matching, this::orgJson));
  }

  private Reply createOrg(WireCall call) {
    JsonObject body = call.jsonObjectBody("CreateOrganizationRequest");
    Map<String, JsonElement> declared = checkProperties(body, Bundle.get().requestSchema(call.route().operationId()));
    Map<String, String> name = readLocalized(body, "name", "CreateOrganizationRequest");
    String description = optionalString(body, "description", "CreateOrganizationRequest");
    String parentId = optionalString(body, "parent_id", "CreateOrganizationRequest");
    String id = optionalString(body, "id", "CreateOrganizationRequest");
    Principal principal = call.principal();

    OrgRecord parent = null;
    if (parentId == null) {
      if (!principal.platformAdmin()) {
        throw ApiException.forbidden("creating a root organisation (no parent_id) needs a platform administrator");
      }
    } else {
      parent = orgs.get(parentId);
      if (parent == null || parent.deletedAt != null) {
        throw ApiException.badRequest("invalid_parent", "parent organisation " + parentId + " does not exist");
      }
      requireAdmin(principal, parent);
    }
    if (id != null) {
      if (!principal.platformAdmin()) {
        throw ApiException.forbidden("choosing the id of a new organisation needs a platform administrator");
      }
      if (!CHOSEN_ID.matcher(id).matches()) {
        throw ApiException.badRequest("invalid_id", "an organisation id is 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
      }
      if (orgs.containsKey(id)) {
        throw ApiException.conflict("already_exists", "an organisation with id " + id + " already exists");
      }
    } else {
      id = Ulid.next();
    }
    if (parent != null) {
      if (depth(parent) + 1 > maxDepth) {
        throw ApiException.unprocessable("max_depth_exceeded",
            "organisation " + parent.id + " is at the maximum tree depth of " + maxDepth);
      }
      Integer quota = quotas.get(parent.id);
      if (quota != null && parent.childrenCreated >= quota) {
        throw ApiException.of(429, "quota_exceeded", "organisation " + parent.id
            + " has used up its quota of " + quota + " organisation(s)");
      }
      parent.childrenCreated++;
    }
    OrgRecord created = createRecord(id, parentId, name, description);
    created.declared.putAll(declared);
    return Reply.json(200, orgJson(created));
  }

  private Reply listChildren(WireCall call) {
    Principal principal = call.principal();
    WireCall.Lifecycle lifecycle = call.lifecycle();
    String parentId = call.query("parent_id");
    List<OrgRecord> matching = new ArrayList<>();
    if (parentId != null) {
      OrgRecord parent = orgs.get(parentId);
      if (parent == null) {
        throw ApiException.notFound("organisation " + parentId + " not found");
      }
      for (OrgRecord child : childrenOf(parent)) {
        if (lifecycle.matches(child.deletedAt) && visible(principal, child)) {
          matching.add(child);
        }
      }
    } else {
      for (OrgRecord org : orgs.values()) {
        if (lifecycle.matches(org.deletedAt) && visible(principal, org)
            && (org.parentId == null || !visible(principal, orgs.get(org.parentId)))) {
          matching.add(org);
        }
      }
    }
    return Reply.json(200, page(call, matching, org -> {
      JsonObject json = orgJson(org);
      json.addProperty("has_children", hasChildren(org, lifecycle));
      return json;
    }));
  }

  private Reply searchOrgs(WireCall call) {
    String q = call.query("q");
    if (q == null) {
      throw ApiException.badRequest("missing_query_parameter", "search_orgs needs the query parameter 'q'");
    }
    Principal principal = call.principal();
    WireCall.Lifecycle lifecycle = call.lifecycle();
    String needle = q.trim().toLowerCase(Locale.ROOT);
    List<OrgRecord> matching = new ArrayList<>();
    if (!needle.isEmpty()) {
      for (OrgRecord org : orgs.values()) {
        if (lifecycle.matches(org.deletedAt) && visible(principal, org)
            && (org.id.equals(q.trim()) || nameContains(org, needle))) {
          matching.add(org);
        }
      }
    }
    return Reply.json(200, page(call, matching, org -> {
      JsonObject json = orgJson(org);
      json.addProperty("has_children", hasChildren(org, lifecycle));
      OrgRecord parent = org.parentId == null ? null : orgs.get(org.parentId);
      json.add("parent_name", parent == null ? JsonNull.INSTANCE : localized(parent.name));
      return json;
    }));
  }

  private Reply getOrg(WireCall call) {
    OrgRecord org = find(call.id(), call.flag("include_deleted"));
    requireVisible(call.principal(), org);
    return Reply.json(200, orgJson(org));
  }

  private Reply updateOrg(WireCall call) {
    JsonObject body = call.jsonObjectBody("UpdateOrganizationRequest");
    Map<String, JsonElement> declared = checkProperties(body, Bundle.get().requestSchema(call.route().operationId()));
    Map<String, String> name = body.has("name") && !body.get("name").isJsonNull()
        ? readLocalized(body, "name", "UpdateOrganizationRequest") : null;
    boolean setDescription = body.has("description");
    String description = optionalString(body, "description", "UpdateOrganizationRequest");
    boolean setParent = body.has("parent_id");
    String parentId = optionalString(body, "parent_id", "UpdateOrganizationRequest");

    Principal principal = call.principal();
    OrgRecord org = find(call.id(), call.flag("include_deleted"));
    requireAdmin(principal, org);
    OrgRecord destination = null;
    boolean move = setParent && !Objects.equals(parentId, org.parentId);
    if (move) {
      if (parentId == null) {
        if (!principal.platformAdmin()) {
          throw ApiException.forbidden("making organisation " + org.id + " a root needs a platform administrator");
        }
      } else {
        destination = orgs.get(parentId);
        if (destination == null || destination.deletedAt != null) {
          throw ApiException.unprocessable("invalid_parent", "destination organisation " + parentId + " does not exist");
        }
        if (destination == org || isAncestor(org, destination)) {
          throw ApiException.unprocessable("cycle", "moving organisation " + org.id + " under " + parentId
              + " would create a cycle");
        }
        requireAdmin(principal, destination);
        if (depth(destination) + height(org) > maxDepth) {
          throw ApiException.unprocessable("max_depth_exceeded", "moving organisation " + org.id + " under "
              + parentId + " would make the tree deeper than " + maxDepth);
        }
      }
    }
    boolean changed = false;
    if (name != null && !name.equals(org.name)) {
      org.name = name;
      changed = true;
    }
    if (setDescription && !Objects.equals(description, org.description)) {
      org.description = description;
      changed = true;
    }
    if (move) {
      if (org.parentId != null) {
        children.get(org.parentId).remove(org.id);
      }
      org.parentId = parentId;
      if (destination != null) {
        children.computeIfAbsent(destination.id, k -> new TreeSet<>()).add(org.id);
      }
      changed = true;
    }
    for (Map.Entry<String, JsonElement> property : declared.entrySet()) {
      if (!property.getValue().equals(org.declared.put(property.getKey(), property.getValue()))) {
        changed = true;
      }
    }
    if (changed) {
      org.updatedAt = now();
    }
    return Reply.json(200, orgJson(org));
  }

  private Reply deleteOrg(WireCall call) {
    OrgRecord org = find(call.id(), call.flag("include_deleted"));
    requireAdmin(call.principal(), org);
    if (org.deletedAt == null) {
      requireNoLiveChildren(org, "soft-deleted");
      org.deletedAt = now();
      org.updatedAt = org.deletedAt;
    }
    return Reply.json(200, orgJson(org));
  }

  private Reply purgeOrg(WireCall call) {
    Principal principal = call.principal();
    OrgRecord org = find(call.id(), call.flag("include_deleted"));
    requireAdmin(principal, org);
    requireNoLiveChildren(org, "purged");
    List<OrgRecord> subtree = subtree(org);
    Set<String> ids = subtree.stream().map(o -> o.id).collect(Collectors.toCollection(LinkedHashSet::new));
    List<String> orphans = new ArrayList<>();
    for (UserRecord user : users.values()) {
      if (user.deletedAt == null && !user.roles.isEmpty() && ids.containsAll(user.roles.keySet())) {
        orphans.add(user.id);
      }
    }
    if (!orphans.isEmpty()) {
      throw ApiException.conflict("would_orphan_users", "purging organisation " + org.id + " would leave "
          + orphans.size() + " user(s) without any organisation: " + String.join(", ", orphans));
    }
    if (purgeConfirmation) {
      String token = call.header(CONFIRM_HEADER);
      if (token == null) {
        String preview = "pv_" + HexFormat.of().formatHex(randomBytes(16));
        previews.put(preview, new PendingPurge(org.id, principal.apiKey()));
        throw ApiException.confirmationRequired("purging organisation " + org.id + " removes " + subtree.size()
            + " organisation(s) for good; repeat the request with " + CONFIRM_HEADER + ": <preview_token>", preview);
      }
      PendingPurge pending = previews.get(token);
      if (pending == null || !pending.orgId.equals(org.id) || !pending.apiKey.equals(principal.apiKey())) {
        throw ApiException.conflict("confirmation_invalid", "the " + CONFIRM_HEADER
            + " token is unknown, used, or was issued for another organisation or caller");
      }
      previews.remove(token);
    }
    JsonObject snapshot = orgJson(org);
    if (org.parentId != null) {
      children.get(org.parentId).remove(org.id);
    }
    for (String id : ids) {
      orgs.remove(id);
      children.remove(id);
      quotas.remove(id);
    }
    for (Principal p : principals.values()) {
      ids.forEach(p::forget);
    }
    for (UserRecord user : users.values()) {
      user.roles.keySet().removeAll(ids);
    }
    previews.values().removeIf(pending -> ids.contains(pending.orgId));
    return Reply.json(200, snapshot);
  }

  private Reply listAncestors(WireCall call) {
    Principal principal = call.principal();
    OrgRecord org = find(call.id(), false);
    List<OrgRecord> chain = new ArrayList<>();
    for (OrgRecord parent = parentOf(org); parent != null; parent = parentOf(parent)) {
      if (visible(principal, parent)) {
        chain.add(parent);
      }
    }
    Collections.reverse(chain);
    JsonArray array = new JsonArray();
    chain.forEach(ancestor -> array.add(orgJson(ancestor)));
    return Reply.json(200, array);
  }

  private Reply getPermissions(WireCall call) {
    OrgRecord org = find(call.id(), false);
    SortedSet<String> permissions = permissions(call.principal(), org);
    if (permissions.isEmpty()) {
      throw noRole(org);
    }
    JsonObject json = new JsonObject();
    JsonArray keys = new JsonArray();
    permissions.forEach(keys::add);
    json.add("permissions", keys);
    return Reply.json(200, json);
  }

  private Reply listUsers(WireCall call) {
    String context = call.header("X-Org");
    if (context == null || context.isBlank()) {
      throw ApiException.badRequest("missing_header", "list_org_users needs the X-Org header");
    }
    Principal principal = call.principal();
    OrgRecord org = find(call.id(), false);
    SortedSet<String> permissions = permissions(principal, org);
    if (permissions.isEmpty()) {
      throw noRole(org);
    }
    if (!permissions.contains("users:read")) {
      throw ApiException.forbidden("listing the users of organisation " + org.id + " needs users:read");
    }
    Set<String> scope = new LinkedHashSet<>();
    if (call.flag("recursive")) {
      for (OrgRecord member : subtree(org)) {
        if (member.deletedAt == null) {
          scope.add(member.id);
        }
      }
    } else {
      scope.add(org.id);
    }
    WireCall.Lifecycle lifecycle = call.lifecycle();
    List<UserRecord> matching = new ArrayList<>();
    for (UserRecord user : users.values()) {
      if (lifecycle.matches(user.deletedAt) && !Collections.disjoint(user.roles.keySet(), scope)) {
        matching.add(user);
      }
    }
    return Reply.json(200, page(call, matching, user -> userJson(user, scope)));
  }

  private Reply getImage(WireCall call) {
    OrgRecord org = find(call.id(), false);
    requireVisible(call.principal(), org);
    if (org.image == null) {
      return Reply.empty(204);
    }
    return Reply.json(200, imageJson(org));
  }

  private Reply postImage(WireCall call) {
    byte[] file = readFilePart(call);
    OrgRecord org = find(call.id(), false);
    requireAdmin(call.principal(), org);
    String type = imageType(file);
    if (type == null) {
      throw ApiException.of(415, "unsupported_media_type", "the file is not a JPEG, PNG or WebP image");
    }
    org.image = new StoredImage(file, type, Ulid.next().toLowerCase(Locale.ROOT));
    org.updatedAt = now();
    return Reply.json(200, imageJson(org));
  }

  private Reply deleteImage(WireCall call) {
    OrgRecord org = orgs.get(call.id());
    if (org == null || org.deletedAt != null) {
      return Reply.empty(204);
    }
    requireAdmin(call.principal(), org);
    if (org.image != null) {
      org.image = null;
      org.updatedAt = now();
    }
    return Reply.empty(204);
  }

  /**
   * Serves the bytes behind an image URL ({@code /media/orgs/{id}/image/{version}}); no
   * credentials, like a pre-signed storage URL.
   */
  Reply media(List<String> segments) {
    if (segments.size() == 5 && segments.get(1).equals("orgs") && segments.get(3).equals("image")) {
      OrgRecord org = orgs.get(segments.get(2));
      if (org != null && org.image != null && org.image.version.equals(segments.get(4))) {
        return new Reply(200, org.image.contentType, org.image.bytes.clone());
      }
    }
    return Reply.empty(404);
  }

  // ---------------------------------------------------------------- tree and permission rules

  private OrgRecord createRecord(String id, String parentId, Map<String, String> name, String description) {
    OrgRecord org = new OrgRecord(id, new LinkedHashMap<>(name), description, parentId, now());
    orgs.put(id, org);
    if (parentId != null) {
      children.computeIfAbsent(parentId, k -> new TreeSet<>()).add(id);
    }
    return org;
  }

  private OrgRecord find(String id, boolean includeDeleted) {
    OrgRecord org = orgs.get(id);
    if (org == null || (org.deletedAt != null && !includeDeleted)) {
      throw ApiException.notFound("organisation " + id + " not found");
    }
    return org;
  }

  private OrgRecord parentOf(OrgRecord org) {
    return org.parentId == null ? null : orgs.get(org.parentId);
  }

  private List<OrgRecord> childrenOf(OrgRecord org) {
    TreeSet<String> ids = children.get(org.id);
    if (ids == null) {
      return List.of();
    }
    List<OrgRecord> result = new ArrayList<>(ids.size());
    ids.forEach(id -> result.add(orgs.get(id)));
    return result;
  }

  private boolean hasChildren(OrgRecord org, WireCall.Lifecycle lifecycle) {
    for (OrgRecord child : childrenOf(org)) {
      if (lifecycle.matches(child.deletedAt)) {
        return true;
      }
    }
    return false;
  }

  private List<OrgRecord> subtree(OrgRecord root) {
    List<OrgRecord> result = new ArrayList<>();
    List<OrgRecord> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      OrgRecord org = stack.remove(stack.size() - 1);
      result.add(org);
      stack.addAll(childrenOf(org));
    }
    return result;
  }

  private boolean isAncestor(OrgRecord ancestor, OrgRecord org) {
    for (OrgRecord parent = parentOf(org); parent != null; parent = parentOf(parent)) {
      if (parent == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Depth of an organisation: 1 for a root. */
  private int depth(OrgRecord org) {
    int depth = 1;
    for (OrgRecord parent = parentOf(org); parent != null; parent = parentOf(parent)) {
      depth++;
    }
    return depth;
  }

  /** Height of a subtree: 1 for a leaf. */
  private int height(OrgRecord org) {
    int tallest = 0;
    for (OrgRecord child : childrenOf(org)) {
      tallest = Math.max(tallest, height(child));
    }
    return tallest + 1;
  }

  private void requireNoLiveChildren(OrgRecord org, String action) {
    long live = childrenOf(org).stream().filter(child -> child.deletedAt == null).count();
    if (live > 0) {
      throw ApiException.conflict("has_live_children", "organisation " + org.id + " has " + live
          + " live child organisation(s) and cannot be " + action);
    }
  }

  /** The roles a principal holds in an organisation, directly or through an ancestor. */
  private Set<String> effectiveRoles(Principal principal, OrgRecord org) {
    Set<String> roles = new TreeSet<>();
    if (principal.platformAdmin()) {
      roles.add(ADMIN);
    }
    for (OrgRecord o = org; o != null; o = parentOf(o)) {
      roles.addAll(principal.rolesAt(o.id));
    }
    return roles;
  }

  private SortedSet<String> permissions(Principal principal, OrgRecord org) {
    SortedSet<String> permissions = new TreeSet<>();
    for (String role : effectiveRoles(principal, org)) {
      if (role.equals(ADMIN)) {
        permissions.addAll(ADMIN_PERMISSIONS);
      } else {
        permissions.add(role);
      }
    }
    return permissions;
  }

  private boolean visible(Principal principal, OrgRecord org) {
    return !effectiveRoles(principal, org).isEmpty();
  }

  private void requireVisible(Principal principal, OrgRecord org) {
    if (!visible(principal, org)) {
      throw noRole(org);
    }
  }

  private void requireAdmin(Principal principal, OrgRecord org) {
    Set<String> roles = effectiveRoles(principal, org);
    if (roles.isEmpty()) {
      throw noRole(org);
    }
    if (!roles.contains(ADMIN)) {
      throw ApiException.forbidden("this needs admin on organisation " + org.id + " or one of its ancestors");
    }
  }

  private static ApiException noRole(OrgRecord org) {
    return ApiException.forbidden("the caller holds no role in organisation " + org.id + " or its ancestors");
  }

  // ---------------------------------------------------------------- request bodies

  /**
   * Checks a body against its schema in the bundle: only declared properties, each of its
   * declared JSON type (the behaviour properties are read and checked by their own rules), and
   * the required ones present.
   *
   * @return the declared properties the behaviour does not read, as sent, to be stored and echoed
   */
  private static Map<String, JsonElement> checkProperties(JsonObject body, Bundle.Schema schema) {
    Map<String, JsonElement> stored = new LinkedHashMap<>();
    for (String key : body.keySet()) {
      Bundle.Property property = schema.properties().get(key);
      if (property == null) {
        throw ApiException.badRequest("unknown_property", "unknown property '" + key + "' in " + schema.name()
            + " (allowed: " + String.join(", ", new TreeSet<>(schema.properties().keySet())) + ")");
      }
      if (!BEHAVIOUR_PROPERTIES.contains(key)) {
        if (!property.accepts(body.get(key))) {
          throw ApiException.badRequest("invalid_body", schema.name() + "." + key + " must be " + property.describe());
        }
        stored.put(key, body.get(key));
      }
    }
    for (String required : schema.required()) {
      if (!body.has(required) || body.get(required).isJsonNull()) {
        throw ApiException.badRequest("invalid_body", schema.name() + "." + required + " is required");
      }
    }
    return stored;
  }

  private static String optionalString(JsonObject body, String property, String schema) {
    JsonElement element = body.get(property);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
      throw ApiException.badRequest("invalid_body", schema + "." + property + " must be a string or null");
    }
    String value = element.getAsString();
    if (!property.equals("description") && value.isBlank()) {
      throw ApiException.badRequest("invalid_body", schema + "." + property + " must not be blank");
    }
    return value;
  }

  /** Reads a LocalizedString in its declared wire form, {@code {"value": {"en": "..."}}}, only. */
  private static Map<String, String> readLocalized(JsonObject body, String property, String schema) {
    String where = schema + "." + property;
    JsonElement element = body.get(property);
    if (!element.isJsonObject()) {
      throw ApiException.badRequest("invalid_body",
          where + " must be a LocalizedString object {\"value\": {\"<locale>\": \"<text>\"}}");
    }
    JsonObject object = element.getAsJsonObject();
    for (String key : object.keySet()) {
      if (!key.equals("value")) {
        throw ApiException.badRequest("unknown_property", "unknown property '" + property + "." + key
            + "' in LocalizedString (allowed: value)");
      }
    }
    JsonElement value = object.get("value");
    if (value == null || !value.isJsonObject()) {
      throw ApiException.badRequest("invalid_body", where + ".value must be an object of locale tag to text");
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> text : value.getAsJsonObject().entrySet()) {
      if (text.getKey().isBlank()) {
        throw ApiException.badRequest("invalid_body", where + ".value has a blank locale tag");
      }
      JsonElement textValue = text.getValue();
      if (!textValue.isJsonPrimitive() || !textValue.getAsJsonPrimitive().isString()) {
        throw ApiException.badRequest("invalid_body", where + ".value." + text.getKey() + " must be a string");
      }
      texts.put(text.getKey(), textValue.getAsString());
    }
    if (texts.values().stream().allMatch(String::isBlank)) {
      throw ApiException.badRequest("invalid_body", where + " needs at least one non-blank text");
    }
    return texts;
  }

  private static byte[] readFilePart(WireCall call) {
    MediaType type = call.contentType();
    String boundary = type == null ? null : type.parameter("boundary");
    if (type == null || !type.type().equals("multipart") || !type.subtype().equals("form-data") || boundary == null) {
      throw ApiException.badRequest("invalid_body", "post_org_image needs a multipart/form-data body");
    }
    byte[] file = null;
    try (MultipartReader reader = new MultipartReader(new Buffer().write(call.bodyBytes()), boundary)) {
      for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
        try (MultipartReader.Part part = next) {
          String disposition = part.headers().get("Content-Disposition");
          Matcher name = FORM_NAME.matcher(disposition == null ? "" : disposition);
          if (!name.find() || !name.group(1).equals("file")) {
            throw ApiException.badRequest("invalid_body", "post_org_image takes one part named 'file'");
          }
          if (file != null) {
            throw ApiException.badRequest("invalid_body", "post_org_image takes one part named 'file', not several");
          }
          file = part.body().readByteArray();
        }
      }
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_body", "malformed multipart body: " + e.getMessage());
    }
    if (file == null || file.length == 0) {
      throw ApiException.badRequest("invalid_body", "post_org_image needs a non-empty part named 'file'");
    }
    return file;
  }

  /** The image type by magic bytes, or {@code null} when it is not JPEG, PNG or WebP. */
  static String imageType(byte[] bytes) {
    if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
      return "image/webp";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int offset, int... magic) {
    if (bytes.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- response bodies

  private <T> JsonObject page(WireCall call, List<T> all, Function<T, JsonObject> mapper) {
    int limit = call.integer("limit", defaultLimit);
    int offset = call.integer("offset", 0);
    int from = Math.min(offset, all.size());
    int to = (int) Math.min((long) from + limit, all.size());
    JsonArray items = new JsonArray();
    for (T item : all.subList(from, to)) {
      items.add(mapper.apply(item));
    }
    JsonObject page = new JsonObject();
    page.add("items", items);
    page.addProperty("total", all.size());
    return page;
  }

  private JsonObject orgJson(OrgRecord org) {
    JsonObject json = new JsonObject();
    json.addProperty("id", org.id);
    json.add("name", localized(org.name));
    json.add("description", nullable(org.description));
    json.add("parent_id", nullable(org.parentId));
    json.addProperty("is_personal", false);
    JsonObject userRoles = new JsonObject();
    for (UserRecord user : users.values()) {
      Set<String> roles = user.roles.get(org.id);
      if (user.deletedAt == null && roles != null) {
        userRoles.add(user.id, strings(roles));
      }
    }
    json.add("user_roles", userRoles);
    lifecycle(json, org.createdAt, org.updatedAt, org.deletedAt);
    Map<String, Bundle.Property> echoed = Bundle.get().schema("OrganizationResponse").properties();
    org.declared.forEach((key, value) -> {
      if (echoed.containsKey(key)) {
        json.add(key, value.deepCopy());
      }
    });
    return json;
  }

  private JsonObject userJson(UserRecord user, Set<String> scope) {
    JsonObject json = new JsonObject();
    json.addProperty("id", user.id);
    json.add("name", localized(user.name));
    json.addProperty("email", user.email);
    json.addProperty("email_is_synthetic", user.emailSynthetic);
    json.add("merged_into_user_id", JsonNull.INSTANCE);
    json.add("phone", JsonNull.INSTANCE);
    json.add("phone_verified_at", JsonNull.INSTANCE);
    JsonObject roles = new JsonObject();
    for (Map.Entry<String, TreeSet<String>> membership : user.roles.entrySet()) {
      if (scope.contains(membership.getKey())) {
        roles.add(membership.getKey(), strings(membership.getValue()));
      }
    }
    json.add("roles", roles);
    lifecycle(json, user.createdAt, user.updatedAt, user.deletedAt);
    return json;
  }

  private JsonObject imageJson(OrgRecord org) {
    JsonObject json = new JsonObject();
    json.addProperty("url", origin + "/media/orgs/" + org.id + "/image/" + org.image.version);
    json.addProperty("expires_in_seconds", IMAGE_URL_TTL_SECONDS);
    return json;
  }

  private static JsonObject localized(Map<String, String> texts) {
    JsonObject value = new JsonObject();
    texts.forEach(value::addProperty);
    JsonObject json = new JsonObject();
    json.add("value", value);
    return json;
  }

  private static JsonElement nullable(String value) {
    return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value);
  }

  private static JsonArray strings(Set<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static void lifecycle(JsonObject json, Instant created, Instant updated, Instant deleted) {
    json.addProperty("created_at", DateTimeFormatter.ISO_INSTANT.format(created));
    json.addProperty("updated_at", DateTimeFormatter.ISO_INSTANT.format(updated));
    if (deleted != null) {
      json.addProperty("deleted_at", DateTimeFormatter.ISO_INSTANT.format(deleted));
    }
  }

  private static boolean nameContains(OrgRecord org, String needle) {
    for (String text : org.name.values()) {
      if (text.toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  // ---------------------------------------------------------------- records

  /** A finished answer: status, content type and body bytes (empty for none). */
  record Reply(int status, String contentType, byte[] body) {
    static Reply json(int status, JsonElement json) {
      return new Reply(status, "application/json; charset=utf-8",
          StrictJson.write(json).getBytes(StandardCharsets.UTF_8));
    }

    static Reply empty(int status) {
      return new Reply(status, null, new byte[0]);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Reply reply && status == reply.status
          && Objects.equals(contentType, reply.contentType) && Arrays.equals(body, reply.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return "Reply[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
  }

  private static final class OrgRecord {
    final String id;
    Map<String, String> name;
    String description;
    String parentId;
    final Instant createdAt;
    Instant updatedAt;
    Instant deletedAt;
    StoredImage image;
    int childrenCreated;
    /** The bundle-declared properties the behaviour does not read, as last sent. */
    final Map<String, JsonElement> declared = new LinkedHashMap<>();

    OrgRecord(String id, Map<String, String> name, String description, String parentId, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.description = description;
      this.parentId = parentId;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }
  }

  private static final class UserRecord {
    final String id;
    final Map<String, String> name;
    final String email;
    final boolean emailSynthetic;
    final Instant createdAt;
    Instant updatedAt;
    Instant deletedAt;
    final TreeMap<String, TreeSet<String>> roles = new TreeMap<>();

    UserRecord(String id, Map<String, String> name, String email, boolean emailSynthetic, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.email = email;
      this.emailSynthetic = emailSynthetic;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }
  }

  private static final class StoredImage {
    final byte[] bytes;
    final String contentType;
    final String version;

    StoredImage(byte[] bytes, String contentType, String version) {
      this.bytes = bytes;
      this.contentType = contentType;
      this.version = version;
    }
  }

  private static final class PendingPurge {
    final String orgId;
    final String apiKey;

    PendingPurge(String orgId, String apiKey) {
      this.orgId = orgId;
      this.apiKey = apiKey;
    }
  }
}
