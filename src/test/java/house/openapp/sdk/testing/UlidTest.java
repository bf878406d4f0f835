package house.openapp.sdk.testing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ULID generator behind the fake's ids and request ids. */
class UlidTest {

  @Test
  void mintsWellFormedUlidsCarryingTheirTime() {
    long before = System.currentTimeMillis();
    String ulid = Ulid.next();
    long after = System.currentTimeMillis();

    assertEquals(26, ulid.length());
    assertTrue(Ulid.isValid(ulid), ulid);
    long time = Ulid.timestamp(ulid);
    assertTrue(time >= before && time <= after, ulid);
  }

  @Test
  void encodesTheTimestampInTheFirstTenCharacters() {
    assertEquals(0L, Ulid.timestamp("00000000000000000000000000"));
    assertEquals((1L << 48) - 1, Ulid.timestamp("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
    assertEquals(1_469_918_176_385L, Ulid.timestamp("01ARYZ6S41TSV4RRFFQ69G5FAV"));
  }

  @Test
  void sortsInMintingOrderEvenWithinOneMillisecond() {
    List<String> minted = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      minted.add(Ulid.next());
    }
    List<String> sorted = new ArrayList<>(minted);
    sorted.sort(null);
    assertEquals(minted, sorted);
    assertEquals(minted.size(), new HashSet<>(minted).size());
    assertTrue(Ulid.next(0).compareTo(minted.get(minted.size() - 1)) > 0, "a clock going back never reorders ids");
  }

  @Test
  void rejectsWhatIsNotAUlid() {
    assertFalse(Ulid.isValid(null));
    assertFalse(Ulid.isValid(""));
    assertFalse(Ulid.isValid("01ARYZ6S41TSV4RRFFQ69G5FA"), "too short");
    assertFalse(Ulid.isValid("01ARYZ6S41TSV4RRFFQ69G5FAI"), "I is not Crockford base 32");
    assertFalse(Ulid.isValid("01aryz6s41tsv4rrffq69g5fav"), "lower case");
    assertFalse(Ulid.isValid("81ARYZ6S41TSV4RRFFQ69G5FAV"), "beyond 48 bits of time");
    assertThrows(IllegalArgumentException.class, () -> Ulid.next(-1));
    assertThrows(IllegalArgumentException.class, () -> Ulid.timestamp("nope"));
  }
}
