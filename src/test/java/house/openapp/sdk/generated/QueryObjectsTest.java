package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.MultiResourceOutputOptionsQuery;
import house.openapp.sdk.generated.model.PaginationQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link QueryObjects} spreads query objects, on the shortcut for unset ones and off it. */
class QueryObjectsTest {

  @Test
  void anUnsetQueryObjectSpreadsToNoKey() {
    assertEquals(Map.of(), QueryObjects.explode(new OrgsApi.GetOrgQuery()));
    assertEquals(Map.of(), QueryObjects.explode(new PaginationQuery()));
    assertEquals(Map.of(), QueryObjects.explodeAll(new MultiResourceOutputOptionsQuery(), null, new PaginationQuery()));
  }

  @Test
  void aSetPropertyStillSpreadsUnderItsWireName() {
    assertEquals(Map.of("include_deleted", "true"), QueryObjects.explode(new OrgsApi.GetOrgQuery().includeDeleted(true)));
    assertEquals(Map.of("limit", "5"), QueryObjects.explodeAll(new OrgsApi.GetOrgQuery(), new PaginationQuery().limit(5)));
  }

  @Test
  void theShortcutKeepsDeclarationOrderAndLaterKeysWin() {
    Map<String, String> keys = QueryObjects.explodeAll(new PaginationQuery().limit(5).offset(10), new PaginationQuery(),
        new PaginationQuery().limit(7));
    assertEquals(List.of("limit", "offset"), List.copyOf(keys.keySet()));
    assertEquals("7", keys.get("limit"));
  }

  /** Objects that are not generated query models (no readable fields, primitives) are left to Gson, as before. */
  @Test
  void objectsTheShortcutCannotReadGoThroughGson() {
    assertEquals(Map.of("count", "0"), QueryObjects.explode(new Counted()));
    assertThrows(IllegalStateException.class, () -> QueryObjects.explode("text")); // Gson: not a JSON object
    Map<String, String> map = QueryObjects.explode(new java.util.HashMap<>(Map.of("a", "b")));
    assertEquals(Map.of("a", "b"), map);
    assertTrue(QueryObjects.explode(new java.util.HashMap<>()).isEmpty());
  }

  private static final class Counted {
    @SuppressWarnings("unused")
    private int count;
  }
}
