package house.openapp.sdk.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A caller known to the fake: an API key, whether it is a platform administrator, and the roles
 * it holds per organisation (inherited by every descendant). Guarded by the fake's lock.
 */
final class Principal {
  private final String apiKey;
  private final boolean platformAdmin;
  private final Map<String, Set<String>> roles = new HashMap<>();

  Principal(String apiKey, boolean platformAdmin) {
    this.apiKey = apiKey;
    this.platformAdmin = platformAdmin;
  }

  String apiKey() {
    return apiKey;
  }

  boolean platformAdmin() {
    return platformAdmin;
  }

  void grant(String orgId, Set<String> granted) {
    roles.computeIfAbsent(orgId, k -> new TreeSet<>()).addAll(granted);
  }

  Set<String> rolesAt(String orgId) {
    return roles.getOrDefault(orgId, Set.of());
  }

  void forget(String orgId) {
    roles.remove(orgId);
  }
}
