package example.modular;

import com.sun.net.httpserver.HttpServer;
import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.model.OrganizationResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Run on the module path by .ci/run: real calls through the façade and the generated layer
 * against a JDK HttpServer, from a named module that requires house.openapp.sdk.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        Module sdk = OpenAppClient.class.getModule();
        ModuleDescriptor descriptor = sdk.getDescriptor();
        check(sdk.isNamed() && "house.openapp.sdk".equals(sdk.getName()), "the SDK is module house.openapp.sdk: " + sdk);
        check(!descriptor.isAutomatic(), "the SDK is an explicit module, not an automatic one");
        check(!sdk.isExported("house.openapp.sdk.internal"), "house.openapp.sdk.internal is not exported");
        check(Main.class.getModule().getName().equals("example.modular"), "this program runs as a named module");

        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/orgs/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key=" + exchange.getRequestHeaders().getFirst("X-API-Key"));
            String id = exchange.getRequestURI().getPath().substring("/api/v1/orgs/".length());
            boolean known = id.equals("01HORG");
            byte[] body = (known
                    ? "{\"id\":\"01HORG\",\"name\":{\"value\":{\"en\":\"Field Office\"}},\"user_roles\":{},\"created_at\":\"2026-01-02T03:04:05Z\"}"
                    : "{\"message\":\"no such org\",\"error_code\":\"not_found\",\"correlationId\":\"c-1\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Request-Id", "req-" + seen.size());
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        try (OpenAppClient client = OpenAppClient.builder().apiKey(origin + "_openapp_modularSecret1").build()) {
            OrganizationResponse org = client.orgs().get("01HORG");
            check("01HORG".equals(org.getId()), "façade get returns the org");
            check("Field Office".equals(LocalizedString.from(org.getName()).get("en").orElse(null)), "Gson filled the model");
            check(org.getCreatedAt() != null && org.getCreatedAt().getYear() == 2026, "dates parse");

            retrofit2.Response<OrganizationResponse> raw = client.generated().orgsApi().getOrg("01HORG", true).execute();
            check(raw.code() == 200 && "01HORG".equals(raw.body().getId()), "the generated OrgsApi works as the escape hatch");

            try {
                client.orgs().get("01HMISSING");
                check(false, "a 404 throws");
            } catch (NotFoundException expected) {
                check(expected.errorCode().orElse("").equals("not_found") && expected.requestId().isPresent(), "typed error with details");
            }
        } finally {
            server.stop(0);
        }
        check(seen.equals(List.of(
                "GET /api/v1/orgs/01HORG key=" + origin + "_openapp_modularSecret1",
                "GET /api/v1/orgs/01HORG?include_deleted=true key=" + origin + "_openapp_modularSecret1",
                "GET /api/v1/orgs/01HMISSING key=" + origin + "_openapp_modularSecret1")), "the wire saw " + seen);
        System.out.println("modular consumer: 3 calls through module house.openapp.sdk passed");
    }

    private static void check(boolean condition, String what) throws IOException {
        if (!condition) {
            throw new AssertionError("modular consumer: " + what);
        }
    }
}
