package house.openapp.sdk;

import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.api.OrgsApi;
import house.openapp.sdk.internal.Transport;

/**
 * The generated low-level services bound to an {@link OpenAppClient}'s stack: same
 * credentials, base URL, org context, timeouts and retries. Use them for what the façade does
 * not cover; their calls return Retrofit {@code Call}s and raw error bodies.
 *
 * <pre>{@code
 * retrofit2.Response<OrganizationResponse> response = client.generated().orgsApi().getOrg(id, null).execute();
 * }</pre>
 */
public final class GeneratedApis {
    private final Transport transport;

    GeneratedApis(Transport transport) {
        this.transport = transport;
    }

    /**
     * The generated Orgs service.
     *
     * @return the service
     */
    public OrgsApi orgsApi() {
        return transport.orgsApi();
    }

    /**
     * The generated Media service.
     *
     * @return the service
     */
    public MediaApi mediaApi() {
        return transport.mediaApi();
    }

    /**
     * The generated API client, to create further generated services.
     *
     * @return the client
     */
    public ApiClient apiClient() {
        return transport.apiClient();
    }
}
