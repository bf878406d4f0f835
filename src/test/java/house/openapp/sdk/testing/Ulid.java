package house.openapp.sdk.testing;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A minimal, monotonic ULID generator: 26 characters of Crockford base 32, a 48-bit millisecond
 * timestamp followed by 80 random bits, as the OpenApp server mints for ids and request ids.
 *
 * <p>Ids minted in the same millisecond increment the random part instead of drawing a new one,
 * so ids from one JVM sort in the order they were minted. Thread-safe.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final Pattern FORMAT = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");
  private static final long MAX_TIME = (1L << 48) - 1;
  private static final int RANDOM_HIGH_MASK = 0xFFFF;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static long lastTime = -1;
  private static int randomHigh;
  private static long randomLow;

  private Ulid() {
  }

  /**
   * Mints the next ULID for the current time.
   *
   * @return a 26-character ULID, greater than every ULID this JVM minted before
   */
  public static String next() {
    return next(System.currentTimeMillis());
  }

  /**
   * Mints the next ULID for a given time; a time earlier than the last one used is treated as
   * the last one, so the result still sorts after every earlier ULID.
   *
   * @param epochMillis milliseconds since the epoch, 0 to 2<sup>48</sup>-1
   * @return a 26-character ULID
   * @throws IllegalArgumentException if the time is out of range
   */
  public static synchronized String next(long epochMillis) {
    if (epochMillis < 0 || epochMillis > MAX_TIME) {
      throw new IllegalArgumentException("time out of ULID range: " + epochMillis);
    }
    if (epochMillis > lastTime) {
      lastTime = epochMillis;
      randomHigh = RANDOM.nextInt() & RANDOM_HIGH_MASK;
      randomLow = RANDOM.nextLong();
    } else {
      randomLow++;
      if (randomLow == 0) {
        randomHigh++;
        if (randomHigh > RANDOM_HIGH_MASK) {
          if (lastTime == MAX_TIME) {
            throw new IllegalStateException("ULID space exhausted");
          }
          lastTime++;
          randomHigh = 0;
        }
      }
    }
    return encode(lastTime, randomHigh, randomLow);
  }

  /**
   * Tells whether a string is a well-formed ULID (upper-case Crockford base 32, 26 characters).
   *
   * @param text the string to check, may be {@code null}
   * @return {@code true} if it is a ULID
   */
  public static boolean isValid(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  /**
   * Reads the timestamp of a ULID.
   *
   * @param ulid a well-formed ULID
   * @return its time in milliseconds since the epoch
   * @throws IllegalArgumentException if the string is not a ULID
   */
  public static long timestamp(String ulid) {
    if (!isValid(ulid)) {
      throw new IllegalArgumentException("not a ULID: " + ulid);
    }
    long time = 0;
    for (int i = 0; i < 10; i++) {
      time = (time << 5) | indexOf(ulid.charAt(i));
    }
    return time;
  }

  private static int indexOf(char c) {
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == c) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a Crockford base 32 digit: " + c);
  }

  private static String encode(long time, int high, long low) {
    char[] chars = new char[26];
    long t = time;
    for (int i = 9; i >= 0; i--) {
      chars[i] = ALPHABET[(int) (t & 31)];
      t >>>= 5;
    }
    long hi = high;
    long lo = low;
    for (int i = 25; i >= 10; i--) {
      chars[i] = ALPHABET[(int) (lo & 31)];
      lo = (lo >>> 5) | ((hi & 31) << 59);
      hi >>>= 5;
    }
    return new String(chars);
  }
}
