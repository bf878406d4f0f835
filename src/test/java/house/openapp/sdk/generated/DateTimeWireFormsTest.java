package house.openapp.sdk.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParseException;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.generated.model.OrganizationResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every RFC 3339 {@code date-time} reads, including the two that {@code OffsetDateTime.parse}
 * refuses (a leap second, more than 9 fractional digits), with the mapping the JSON template
 * documents; what is not RFC 3339 is refused; writes always carry the seconds.
 */
class DateTimeWireFormsTest extends MockServerTest {
  private static final String ORG_ID = "01J9ZK3M7Q8RSTVWXYZ0ABCDEF";

  static Stream<Arguments> validForms() {
    return Stream.of(
        Arguments.of("2016-12-31T23:59:60Z", OffsetDateTime.of(2016, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC)),
        Arguments.of("2016-12-31T23:59:60.5Z", OffsetDateTime.of(2016, 12, 31, 23, 59, 59, 500_000_000, ZoneOffset.UTC)),
        Arguments.of("2016-12-31T15:59:60-08:00", OffsetDateTime.of(2016, 12, 31, 15, 59, 59, 0, ZoneOffset.ofHours(-8))),
        Arguments.of("2025-01-02T03:04:05.1234567891Z", OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.UTC)),
        Arguments.of("2025-01-02T03:04:05.99999999999999+02:00",
            OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 999_999_999, ZoneOffset.ofHours(2))),
        Arguments.of("2025-01-02T03:04:05.7Z", OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 700_000_000, ZoneOffset.UTC)),
        Arguments.of("2025-01-02t03:04:05z", OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)),
        Arguments.of("2025-01-02 03:04:05Z", OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)),
        Arguments.of("2025-01-02T03:04:05-00:00", OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)),
        Arguments.of("2025-02-03T04:05:06.789+05:30",
            OffsetDateTime.of(2025, 2, 3, 4, 5, 6, 789_000_000, ZoneOffset.ofHoursMinutes(5, 30))));
  }

  private OrganizationResponse getOrgCreatedAt(String createdAt) throws Exception {
    enqueueJson(200, "{\"id\": \"" + ORG_ID + "\", \"user_roles\": {}, \"name\": {\"value\": {\"en\": \"Acme\"}},"
        + " \"created_at\": \"" + createdAt + "\"}");
    OrganizationResponse org = apiKeyClient().createService(OrgsApi.class).getOrg(ORG_ID, null).execute().body();
    takeRequest();
    return org;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validForms")
  void everyRfc3339DateTimeIsReadThroughTheRealStack(String wire, OffsetDateTime expected) throws Exception {
    assertEquals(expected, getOrgCreatedAt(wire).getCreatedAt());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2016-12-31T23:59Z", "2016-12-31T23:59:61Z", "2016-12-31T24:00:00Z", "2025-02-30T00:00:00Z",
      "2025-01-02T03:04:05", "2025-01-02T03:04:05.Z", "2025-01-02T03:04:05+0200", "2025-01-02T03:04:05+24:00",
      "20250102T030405Z", "2025-01-02T03:04:05Z trailing", "٢٠٢٥-01-02T03:04:05Z"})
  void whatIsNotRfc3339IsRefusedNamingTheValue(String wire) {
    JsonParseException e = assertThrows(JsonParseException.class,
        () -> new JSON().deserialize("\"" + wire + "\"", OffsetDateTime.class));
    assertTrue(e.getMessage().contains("not an RFC 3339 date-time: " + wire), e.getMessage());
  }

  @Test
  void writesAlwaysCarryTheSecondsAsRfc3339Requires() {
    JSON json = new JSON();
    assertEquals("\"2016-12-31T23:59:00Z\"", json.serialize(OffsetDateTime.of(2016, 12, 31, 23, 59, 0, 0, ZoneOffset.UTC)));
    assertEquals("\"2025-01-02T03:04:05.123456789+05:30\"",
        json.serialize(OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30))));
  }
}
