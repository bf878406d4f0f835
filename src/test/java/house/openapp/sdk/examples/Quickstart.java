package house.openapp.sdk.examples;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.ImageUpload;
import house.openapp.sdk.ListParams;
import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgCreateParams;
import house.openapp.sdk.OrgUpdateParams;
import house.openapp.sdk.OrgUsersParams;
import house.openapp.sdk.Page;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.errors.ConfirmationRequiredException;
import house.openapp.sdk.errors.OpenAppApiException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserResponse;
import house.openapp.sdk.testing.FakeOpenApp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A tour of every Orgs operation of the SDK, one printed row per call under a header: the step,
 * the HTTP status, the org it concerns (id and name), the key result and the {@code X-Request-Id}.
 * Steps the server answers with an expected refusal (the purge confirmation) say so.
 *
 * <p>Without {@code OPENAPP_API_KEY} it starts a {@link FakeOpenApp} in-process and runs against
 * it. With {@code OPENAPP_API_KEY} (and optionally {@code OPENAPP_BASE_URL}, {@code OPENAPP_ORG})
 * it runs against that deployment, read-only unless {@code --write} is given.
 * {@code --contract-check} tolerates a stateless mock (such as Prism), whose answers do not
 * follow from the requests before them.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java                                   # against FakeOpenApp
 * OPENAPP_API_KEY=... ./mvnw -q test-compile exec:java               # read-only tour
 * OPENAPP_API_KEY=... ./mvnw -q test-compile exec:java -Dexec.args=--write
 * </pre>
 */
public final class Quickstart {
    /** The org column: a 26-character id, a space and the name, cut to 23 characters. */
    private static final int ORG_WIDTH = 50;

    /** A tiny valid PNG (1×1 pixel). */
    private static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
        0x1f, 0x15, (byte) 0xc4, (byte) 0x89, 0, 0, 0, 0x0d, 'I', 'D', 'A', 'T', 0x78, (byte) 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1,
        0x0d, 0x0a, 0x2d, (byte) 0xb4, 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82
    };

    private final OpenAppClient client;
    private final PrintStream out;
    private final boolean contractCheck;
    private int failures;

    private Quickstart(OpenAppClient client, PrintStream out, boolean contractCheck) {
        this.client = client;
        this.out = out;
        this.contractCheck = contractCheck;
    }

    /**
     * Runs the tour.
     *
     * @param args {@code --write} to create and delete orgs on a real deployment;
     *     {@code --contract-check} for a stateless mock
     */
    public static void main(String[] args) {
        List<String> flags = Arrays.asList(args);
        int failures;
        if (System.getenv(OpenAppClient.ENV_API_KEY) == null) {
            failures = runAgainstFake(System.out);
        } else {
            System.out.println("OpenApp Quickstart against " + System.getenv().getOrDefault(OpenAppClient.ENV_BASE_URL, "the key's origin")
                    + (flags.contains("--write") ? " (read and write)" : " (read-only; pass --write to create and delete orgs)"));
            try (OpenAppClient client = OpenAppClient.fromEnv()) {
                failures = run(client, System.out, flags.contains("--write"), flags.contains("--contract-check"));
            }
        }
        if (failures > 0) {
            System.out.println(failures + " call(s) failed");
            System.exit(1);
        }
    }

    /**
     * Starts a FakeOpenApp, runs the whole tour (writes included) against it, and stops it.
     *
     * @param out where to print
     * @return how many calls failed
     */
    public static int runAgainstFake(PrintStream out) {
        try (FakeOpenApp fake = FakeOpenApp.start()) {
            fake.addUser(fake.rootOrgId(), "ada@example.com", "admin");
            out.println("OpenApp Quickstart against an in-process FakeOpenApp at " + fake.baseUrl()
                    + " (set OPENAPP_API_KEY to use a real deployment)");
            try (OpenAppClient client = OpenAppClient.builder().apiKey(fake.apiKey()).build()) {
                return run(client, out, true, false);
            }
        }
    }

    /**
     * Runs the tour with a given client.
     *
     * @param client the client
     * @param out where to print
     * @param write whether to create, change and delete orgs
     * @param contractCheck whether the server is a stateless mock
     * @return how many calls failed
     */
    public static int run(OpenAppClient client, PrintStream out, boolean write, boolean contractCheck) {
        Quickstart tour = new Quickstart(client, out, contractCheck);
        if (write) {
            tour.writeTour();
        } else {
            tour.readTour();
        }
        return tour.failures;
    }

    private void readTour() {
        header();
        Page<OrganizationResponse> first = call("list (first page)", null,
                () -> client.orgs().withResponse().list(ListParams.builder().limit(20).build()),
                page -> page.items().size() + " of " + page.total() + " orgs");
        long seen = client.orgs().list(ListParams.builder().limit(50).build()).autoPaging().stream().count();
        row("list (auto-paging)", "-", null, seen + " orgs across every page", "-");
        call("children (roots)", null, () -> client.orgs().withResponse().children(null), page -> page.total() + " root(s)");
        if (first == null || first.items().isEmpty()) {
            return;
        }
        OrganizationResponse org = first.items().get(0);
        call("get", org, () -> client.orgs().withResponse().get(org.getId()), found -> "found");
        call("search (its name)", org, () -> client.orgs().withResponse().search(name(org)), page -> page.total() + " match(es)");
        call("ancestors", org, () -> client.orgs().withResponse().ancestors(org.getId()), list -> list.size() + " ancestor(s)");
        call("permissions", org, () -> client.orgs().withResponse().permissions(org.getId()), List::toString);
        call("users (recursive)", org, () -> client.orgs().withResponse().users(org.getId(), OrgUsersParams.builder().recursive(true).build()),
                page -> page.total() + " user(s)");
        call("getImage", org, () -> client.orgs().withResponse().getImage(org.getId()),
                image -> image.map(ResourceImageUrlResponse::getUrl).orElse("no image (204)"));
    }

    private void writeTour() {
        header();
        String parent = client.org().orElseGet(() -> {
            Page<OrganizationResponse> roots = call("children (roots)", null, () -> client.orgs().withResponse().children(null),
                    page -> page.items().size() + " visible root(s)");
            return roots == null || roots.items().isEmpty() ? null : roots.items().get(0).getId();
        });
        OrgCreateParams.Builder hqParams = OrgCreateParams.builder(LocalizedString.of("en", "Quickstart HQ")).description("made by the Quickstart");
        OrganizationResponse hq = call("create", null, () -> client.orgs().withResponse().create(
                (parent == null ? hqParams : hqParams.parentId(parent)).build()), created -> parent == null ? "a new root" : "under the first visible root");
        if (hq == null) {
            return;
        }
        OrganizationResponse office = call("create (child)", null, () -> client.orgs().withResponse().create(
                OrgCreateParams.builder(LocalizedString.builder().put("en", "Field Office").put("fr", "Bureau de terrain").build())
                        .parentId(hq.getId()).build()), created -> "under Quickstart HQ, names in en and fr");
        OrganizationResponse gate = office == null ? null : call("create (grandchild)", null, () -> client.orgs().withResponse().create(
                OrgCreateParams.builder(LocalizedString.of("en", "North Gate")).parentId(office.getId()).build()), created -> "under Field Office");
        if (office == null || gate == null) {
            return;
        }
        call("get (correlation id)", office, () -> client.orgs().with(RequestOptions.builder().correlationId("quickstart-get").build())
                .withResponse().get(office.getId()), found -> "name in French: " + LocalizedString.display(found.getName(), Locale.FRENCH));
        call("list (first page)", null, () -> client.orgs().withResponse().list(ListParams.builder().limit(2).build()),
                page -> page.items().size() + " of " + page.total() + " orgs");
        long seen = client.orgs().list(ListParams.builder().limit(2).build()).autoPaging().stream().count();
        row("list (auto-paging)", "-", null, seen + " orgs, 2 per request", "-");
        AtomicLong async = new AtomicLong();
        client.orgs().async().list(ListParams.builder().limit(2).build()).thenCompose(page -> page.forEachAsync(o -> async.incrementAndGet())).join();
        row("list (async, forEachAsync)", "-", null, async.get() + " orgs, one request in flight", "-");
        call("search \"field\"", null, () -> client.orgs().withResponse().search("field"), page -> page.total() + " match(es)");
        call("children", hq, () -> client.orgs().withResponse().children(hq.getId()),
                page -> page.items().stream().map(Quickstart::name).toList().toString());
        call("ancestors", gate, () -> client.orgs().withResponse().ancestors(gate.getId()),
                list -> list.stream().map(Quickstart::name).toList() + " (root-most first)");
        OrganizationResponse renamed = call("update (rename)", office, () -> client.orgs().withResponse().update(office.getId(),
                OrgUpdateParams.builder().name(LocalizedString.of("en", "Field Office (renamed)")).build()), updated -> "now " + name(updated));
        if (renamed != null) {
            call("getByName (exact)", renamed, () -> client.orgs().withResponse().getByName("Field Office (renamed)"),
                    found -> found.getId().equals(renamed.getId()) ? "the renamed org" : "another org: " + found.getId(), contractCheck);
        }
        call("permissions", hq, () -> client.orgs().withResponse().permissions(hq.getId()), List::toString);
        String top = parent != null ? parent : hq.getId();
        call("users (recursive)", null, () -> client.orgs().withResponse().users(top, OrgUsersParams.builder().recursive(true).build()),
                page -> page.total() + " user(s): " + page.items().stream().map(UserResponse::getEmail).toList());
        Path logo = writeLogo();
        call("uploadImage (file)", office, () -> client.orgs().withResponse().uploadImage(office.getId(), ImageUpload.of(logo)),
                uploaded -> "expires in " + uploaded.getExpiresInSeconds() + " s");
        call("getImage", office, () -> client.orgs().withResponse().getImage(office.getId()),
                image -> image.isPresent() ? "has an image" : "no image (204)");
        call("deleteImage", office, () -> client.orgs().withResponse().deleteImage(office.getId()), none -> "image removed");
        call("delete (soft)", gate, () -> client.orgs().withResponse().delete(gate.getId()),
                deleted -> "deleted_at " + deleted.getDeletedAt());
        call("children (include_deleted)", office, () -> client.orgs().withResponse().children(office.getId(),
                        ListParams.builder().includeDeleted(true).build()),
                page -> page.items().stream().map(org -> name(org) + (org.getDeletedAt() != null ? " [deleted]" : "")).toList().toString());
        purge(gate);
        purge(renamed != null ? renamed : office);
        purge(hq);
    }

    /** Purges an org; the server may first ask for confirmation, which the tour expects and gives. */
    private void purge(OrganizationResponse org) {
        try {
            ApiResponse<OrganizationResponse> response = client.orgs().withResponse().purge(org.getId());
            row("purge", String.valueOf(response.statusCode()), org, "purged", response.requestId().orElse("-"));
        } catch (ConfirmationRequiredException e) {
            row("purge", String.valueOf(e.statusCode()), org, "expected: confirmation required", e.requestId().orElse("-"));
            String token = e.previewToken().orElse("");
            call("purge (confirmed)", org, () -> client.orgs().with(RequestOptions.builder().confirmationToken(token).build())
                    .withResponse().purge(org.getId()), purged -> "purged, X-OpenApp-Confirm sent");
        } catch (OpenAppApiException e) {
            failures++;
            row("purge", String.valueOf(e.statusCode()), org, "FAILED: " + e.getMessage(), e.requestId().orElse("-"));
        }
    }

    private void header() {
        row("step", "HTTP", null, "result", "X-Request-Id");
    }

    /**
     * One row: fixed-width columns, a name cut to fit its column, the free-length result last;
     * the request id sits between the org's name and the result, never next to the org's id.
     */
    private void row(String step, String status, OrganizationResponse org, String result, String requestId) {
        String orgColumn = step.equals("step") ? "org (id, name)" : org == null ? "-" : org.getId() + " " + name(org);
        if (orgColumn.length() > ORG_WIDTH) {
            orgColumn = orgColumn.substring(0, ORG_WIDTH - 3) + "...";
        }
        out.printf("%-27s %-4s %-" + ORG_WIDTH + "s %-26s %s%n", step, status, orgColumn, requestId, result);
    }

    private <T> T call(String step, OrganizationResponse org, Supplier<ApiResponse<T>> request, Function<T, String> summary) {
        return call(step, org, request, summary, false);
    }

    /** Runs one call and prints its row; the org column shows {@code org}, or the org the call returned. */
    private <T> T call(String step, OrganizationResponse org, Supplier<ApiResponse<T>> request, Function<T, String> summary,
                       boolean tolerated) {
        try {
            ApiResponse<T> response = request.get();
            OrganizationResponse shown = org != null ? org : response.value() instanceof OrganizationResponse returned ? returned : null;
            row(step, String.valueOf(response.statusCode()), shown, summary.apply(response.value()), response.requestId().orElse("-"));
            return response.value();
        } catch (OpenAppApiException e) {
            if (!tolerated) {
                failures++;
            }
            row(step, String.valueOf(e.statusCode()), org, (tolerated ? "n/a on a stateless mock: " : "FAILED: ") + e.getMessage(),
                    e.requestId().orElse("-"));
        } catch (OpenAppException e) {
            if (!tolerated) {
                failures++;
            }
            row(step, "-", org, (tolerated ? "n/a on a stateless mock: " : "FAILED: ") + e.getMessage(), "-");
        }
        return null;
    }

    private static Path writeLogo() {
        try {
            Path file = Files.createTempFile("openapp-quickstart-logo", ".png");
            file.toFile().deleteOnExit();
            return Files.write(file, PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String name(OrganizationResponse org) {
        return LocalizedString.display(org.getName(), Locale.ENGLISH);
    }

    @Override
    public String toString() {
        return "Quickstart{" + client + "}";
    }

}
