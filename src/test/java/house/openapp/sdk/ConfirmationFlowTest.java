package house.openapp.sdk;

import house.openapp.sdk.errors.ConfirmationRequiredException;
import house.openapp.sdk.errors.ConflictException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The confirmation flow: a 409 {@code confirmation_required} and its one-call confirm. */
class ConfirmationFlowTest extends MockOpenApp {
    private static final String TOKEN = "pv_7hQ2-preview";

    private static MockResponse confirmationRequired() {
        return json(409, "{\"message\":\"purging removes 3 descendants\",\"error_code\":\"confirmation_required\","
                + "\"preview_token\":\"" + TOKEN + "\",\"correlationId\":\"corr-c\"}").setHeader("X-Request-Id", "req-c");
    }

    @Test
    void purgeAsksForConfirmationAndConfirmResendsWithTheToken() throws Exception {
        enqueue(confirmationRequired(), json(org("01HORG", "Gone")));

        ConfirmationRequiredException e = assertThrows(ConfirmationRequiredException.class, () -> client.orgs().purge("01HORG"));

        assertEquals(409, e.statusCode());
        assertEquals(Optional.of("confirmation_required"), e.errorCode());
        assertEquals(Optional.of(TOKEN), e.previewToken());
        assertEquals(Optional.of("purging removes 3 descendants"), e.serverMessage());
        assertEquals(Optional.of("req-c"), e.requestId());
        assertEquals(Optional.of("corr-c"), e.correlationId());
        RecordedRequest first = take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
        assertNull(first.getHeader("X-OpenApp-Confirm"));
        assertEquals(1, server.getRequestCount(), "the SDK does not confirm on its own");

        OrganizationResponse purged = e.confirm(OrganizationResponse.class);

        RecordedRequest confirmed = take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
        assertEquals(TOKEN, confirmed.getHeader("X-OpenApp-Confirm"));
        assertAuthenticated(confirmed);
        assertEquals("01HORG", purged.getId());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void confirmKeepsTheQueryAndThePerCallOptions() throws Exception {
        enqueue(confirmationRequired(), json(orgMin("01HORG")));
        Orgs orgs = client.withOrg("01HCTX").orgs().with(RequestOptions.builder().correlationId("audit-1").build());

        ConfirmationRequiredException e = assertThrows(ConfirmationRequiredException.class,
                () -> orgs.withResponse().purge("01HORG"));
        e.confirm(OrganizationResponse.class);

        take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
        RecordedRequest confirmed = take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
        assertEquals(TOKEN, confirmed.getHeader("X-OpenApp-Confirm"));
        assertEquals("audit-1", confirmed.getHeader("X-Correlation-Id"));
        assertEquals("01HCTX", confirmed.getHeader("X-Org"));
    }

    @Test
    void confirmationOfAnAsyncPurge() throws Exception {
        enqueue(confirmationRequired(), json(orgMin("01HORG")));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.orgs().async().purge("01HORG").get(5, TimeUnit.SECONDS));
        ConfirmationRequiredException e = assertInstanceOf(ConfirmationRequiredException.class, failure.getCause());

        assertEquals("01HORG", e.confirm(OrganizationResponse.class).getId());
        take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
        assertEquals(TOKEN, take("DELETE", "/orgs/01HORG/purge?include_deleted=true").getHeader("X-OpenApp-Confirm"));
    }

    @Test
    void aFailedConfirmationThrowsItsOwnError() throws Exception {
        enqueue(confirmationRequired(), apiError(404, "not_found", "already gone"));

        ConfirmationRequiredException e = assertThrows(ConfirmationRequiredException.class, () -> client.orgs().purge("01HORG"));

        NotFoundException notFound = assertThrows(NotFoundException.class, () -> e.confirm(OrganizationResponse.class));
        assertEquals(Optional.of("req-404"), notFound.requestId());
    }

    @Test
    void aConflictWithoutConfirmationIsAPlainConflict() {
        enqueue(apiError(409, "would_orphan_users", "users would be orphaned"),
                json(409, "{\"message\":\"confirm\",\"error_code\":\"confirmation_required\"}"));

        ConflictException plain = assertThrows(ConflictException.class, () -> client.orgs().purge("01HORG"));
        assertEquals(ConflictException.class, plain.getClass());
        ConflictException tokenless = assertThrows(ConflictException.class, () -> client.orgs().purge("01HORG"));
        assertEquals(ConflictException.class, tokenless.getClass(), "no preview_token, nothing to confirm with");
    }

    @Test
    void theConfirmationTokenIsRedactedFromOptionsToString() {
        RequestOptions options = RequestOptions.builder().confirmationToken(TOKEN).build();

        assertFalse(options.toString().contains(TOKEN), options.toString());
        assertEquals(Optional.of(TOKEN), options.confirmationToken());
    }

    @Test
    void aConfirmationTokenSetByHandIsSent() throws Exception {
        enqueueJson(orgMin("01HORG"));

        client.orgs().with(RequestOptions.builder().confirmationToken(TOKEN).build()).purge("01HORG");

        assertEquals(TOKEN, take("DELETE", "/orgs/01HORG/purge?include_deleted=true").getHeader("X-OpenApp-Confirm"));
    }

    @Test
    void purgeOfASoftDeletedOrgFindsItOnTheWire() throws Exception {
        enqueue(json(org("01HORG", "Gone")), json(org("01HORG", "Gone")));

        client.orgs().delete("01HORG");
        assertEquals("01HORG", client.orgs().purge("01HORG").getId());

        take("DELETE", "/orgs/01HORG");
        take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
    }
}
