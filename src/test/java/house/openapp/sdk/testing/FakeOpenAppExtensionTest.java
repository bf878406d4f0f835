package house.openapp.sdk.testing;

import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FakeOpenAppExtension}: one fresh fake per test, shared with its lifecycle methods, closed after. */
@WithFakeOpenApp
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeOpenAppExtensionTest {
  private static FakeOpenApp previous;

  private FakeOpenApp fromBeforeEach;

  @BeforeEach
  void setUp(FakeOpenApp fake) {
    fromBeforeEach = fake;
  }

  @AfterEach
  void tearDown(FakeOpenApp fake) {
    assertSame(fromBeforeEach, fake);
    assertFalse(fake.isClosed(), "closed only after the @AfterEach methods");
  }

  @Test
  @Order(1)
  void injectsARunningFakeSharedWithLifecycleMethods(FakeOpenApp fake, FakeOpenApp again) {
    assertSame(fromBeforeEach, fake);
    assertSame(fake, again);
    assertFalse(fake.isClosed());
    assertEquals(200, FakeClients.raw(fake, "GET", "orgs", fake.apiKey(), null).code());
    previous = fake;
  }

  @Test
  @Order(2)
  void givesEachTestAFreshFakeAndClosesTheOldOne(FakeOpenApp fake) {
    assertNotNull(previous, "runs after the first test");
    assertNotSame(previous, fake);
    assertTrue(previous.isClosed());
    assertThrows(UncheckedIOException.class, () -> FakeClients.send(new Request.Builder()
        .url(previous.baseUrl() + "orgs").header("X-API-Key", previous.apiKey()).build()));
    assertEquals(0, fake.requestCount());
    assertEquals(1, fake.orgCount());
  }
}
