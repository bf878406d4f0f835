package house.openapp.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import house.openapp.sdk.generated.model.OrganizationResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import retrofit2.Call;

/**
 * The generated services of a client create their OkHttp call only when it runs: a façade call,
 * which takes only the request from Retrofit, creates one OkHttp call, not two.
 */
class DeferredCallTest extends MockOpenApp {
    private final AtomicInteger created = new AtomicInteger();

    private OpenAppClient counting() {
        OkHttpClient http = new OkHttpClient.Builder().eventListenerFactory(call -> {
            created.incrementAndGet();
            return EventListener.NONE;
        }).build();
        return newClient(builder -> builder.okHttpClient(http));
    }

    @Test
    void aFacadeCallCreatesOneOkHttpCall() {
        enqueueJson(org("01HORG", "Field Office"));

        OrganizationResponse org = counting().orgs().get("01HORG");

        assertEquals("01HORG", org.getId());
        assertEquals(1, created.get());
    }

    @Test
    void aGeneratedCallCreatesItsOkHttpCallWhenItRuns() throws Exception {
        enqueueJson(org("01HORG", "Field Office"));
        Call<OrganizationResponse> call = counting().generated().orgsApi().getOrg("01HORG", null);

        assertEquals("/api/v1/orgs/01HORG", call.request().url().encodedPath());
        assertEquals(0, created.get());
        assertEquals("01HORG", call.execute().body().getId());
        assertEquals(1, created.get());
        assertTrue(call.isExecuted());
    }

    @Test
    void aGeneratedCallCancelledBeforeItRunsFailsWithoutSending() throws Exception {
        Call<OrganizationResponse> call = counting().generated().orgsApi().getOrg("01HORG", null);

        call.cancel();

        assertTrue(call.isCanceled());
        assertThrows(IOException.class, call::execute);
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aClonedGeneratedCallRunsAgain() throws Exception {
        enqueueJson(org("01HORG", "Field Office"));
        enqueueJson(org("01HORG", "Field Office"));
        Call<OrganizationResponse> call = counting().generated().orgsApi().getOrg("01HORG", null);

        assertEquals("01HORG", call.execute().body().getId());
        assertEquals("01HORG", call.clone().execute().body().getId());
        assertEquals(2, server.getRequestCount());
    }
}
