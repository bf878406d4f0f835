package house.openapp.sdk.examples;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.ListParams;
import house.openapp.sdk.LocalizedString;
import house.openapp.sdk.OpenAppClient;
import house.openapp.sdk.OrgCreateParams;
import house.openapp.sdk.OrgUpdateParams;
import house.openapp.sdk.Page;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.errors.AmbiguousMatchException;
import house.openapp.sdk.errors.ConfirmationRequiredException;
import house.openapp.sdk.errors.NotFoundException;
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

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tour of every Orgs operation of the SDK, one printed line per call: operation, HTTP status,
 * {@code X-Request-Id}, and the key result.
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
        Page<OrganizationResponse> first = call("list", () -> client.orgs().listWithResponse(ListParams.builder().limit(20).build()),
                page -> page.items().size() + " of " + page.total() + " orgs");
        long seen = client.orgs().list(ListParams.builder().limit(50).build()).autoPaging().stream().count();
        out.printf("%-28s %s%n", "list (auto-paging)", seen + " orgs in all pages");
        call("children (roots)", () -> client.orgs().childrenWithResponse(null, ListParams.DEFAULT), page -> page.total() + " roots");
        if (first == null || first.items().isEmpty()) {
            return;
        }
        String id = first.items().get(0).getId();
        call("get", () -> client.orgs().getWithResponse(id, false), Quickstart::describe);
        call("search", () -> client.orgs().searchWithResponse(english(first.items().get(0)), ListParams.DEFAULT),
                page -> page.total() + " match(es)");
        call("ancestors", () -> client.orgs().ancestorsWithResponse(id), list -> list.size() + " ancestor(s)");
        call("permissions", () -> client.orgs().permissionsWithResponse(id), List::toString);
        call("users (recursive)", () -> client.orgs().usersWithResponse(id, true, ListParams.DEFAULT), page -> page.total() + " user(s)");
        call("getImage", () -> client.orgs().getImageWithResponse(id), image -> image == null ? "no image (204)" : image.getUrl());
    }

    private void writeTour() {
        String parent = client.org().orElseGet(() -> {
            Page<OrganizationResponse> roots = call("children (roots)", () -> client.orgs().childrenWithResponse(null, ListParams.DEFAULT),
                    page -> page.items().size() + " visible root(s)");
            return roots == null || roots.items().isEmpty() ? null : roots.items().get(0).getId();
        });
        OrganizationResponse hq = call("create", () -> client.orgs().createWithResponse(
                        parentOf(OrgCreateParams.builder(LocalizedString.of("en", "Quickstart HQ")).description("made by the Quickstart"), parent)),
                Quickstart::describe);
        if (hq == null) {
            return;
        }
        OrganizationResponse office = call("create (child)", () -> client.orgs().createWithResponse(
                OrgCreateParams.builder(LocalizedString.builder().put("en", "Field Office").put("fr", "Bureau de terrain").build())
                        .parentId(hq.getId()).build()), Quickstart::describe);
        OrganizationResponse gate = office == null ? null : call("create (grandchild)", () -> client.orgs().createWithResponse(
                OrgCreateParams.builder(LocalizedString.of("en", "North Gate")).parentId(office.getId()).build()), Quickstart::describe);
        if (office == null || gate == null) {
            return;
        }
        call("get (correlation id)", () -> client.orgs().with(RequestOptions.builder().correlationId("quickstart-get").build())
                .getWithResponse(office.getId(), false), Quickstart::describe);
        call("list", () -> client.orgs().listWithResponse(ListParams.builder().limit(2).build()),
                page -> page.items().size() + " on the first page, " + page.total() + " in all");
        long seen = client.orgs().list(ListParams.builder().limit(2).build()).autoPaging().stream().count();
        out.printf("%-28s %s%n", "list (auto-paging, limit 2)", seen + " orgs across every page");
        call("search \"field\"", () -> client.orgs().searchWithResponse("field", ListParams.DEFAULT), page -> page.total() + " match(es)");
        call("children", () -> client.orgs().childrenWithResponse(hq.getId(), ListParams.DEFAULT),
                page -> page.items().stream().map(Quickstart::english).toList().toString());
        call("ancestors", () -> client.orgs().ancestorsWithResponse(gate.getId()),
                list -> list.stream().map(Quickstart::english).toList() + " (root-most first)");
        call("update (rename)", () -> client.orgs().updateWithResponse(office.getId(),
                OrgUpdateParams.builder().name(LocalizedString.of("en", "Field Office (renamed)")).build()), Quickstart::describe);
        try {
            OrganizationResponse found = client.orgs().getByName("Field Office (renamed)", true);
            out.printf("%-28s %s%n", "getByName (exact)", found.getId());
        } catch (NotFoundException | AmbiguousMatchException e) {
            if (!contractCheck) {
                failures++;
            }
            out.printf("%-28s %s%n", "getByName (exact)", (contractCheck ? "n/a on a stateless mock: " : "FAILED: ") + e.getMessage());
        }
        call("permissions", () -> client.orgs().permissionsWithResponse(hq.getId()), List::toString);
        String top = parent != null ? parent : hq.getId();
        call("users (recursive)", () -> client.orgs().usersWithResponse(top, true, ListParams.DEFAULT),
                page -> page.total() + " user(s): " + page.items().stream().map(UserResponse::getEmail).toList());
        Path logo = writeLogo();
        call("uploadImage (file)", () -> client.orgs().uploadImageWithResponse(office.getId(), house.openapp.sdk.ImageUpload.of(logo)),
                ResourceImageUrlResponse::getUrl);
        call("getImage", () -> client.orgs().getImageWithResponse(office.getId()), image -> image == null ? "no image (204)" : image.getUrl());
        call("deleteImage", () -> client.orgs().deleteImageWithResponse(office.getId()), none -> "image removed");
        call("delete (soft)", () -> client.orgs().deleteWithResponse(gate.getId(), false),
                org -> "deleted_at " + org.getDeletedAt());
        call("list (include_deleted)", () -> client.orgs().childrenWithResponse(office.getId(), ListParams.builder().includeDeleted(true).build()),
                page -> page.items().stream().map(org -> english(org) + (org.getDeletedAt() != null ? " [deleted]" : "")).toList().toString());
        purge(gate);
        purge(office);
        purge(hq);
    }

    private void purge(OrganizationResponse org) {
        try {
            call("purge " + english(org), () -> client.orgs().purgeWithResponse(org.getId(), true), Quickstart::describe, true);
        } catch (ConfirmationRequiredException e) {
            out.printf("%-28s %-4d %-28s %s%n", "purge " + english(org), e.statusCode(), e.requestId().orElse("-"),
                    "confirmation required (" + e.errorCode().orElse("?") + ")");
            String token = e.previewToken().orElse("");
            call("purge (X-OpenApp-Confirm)", () -> client.orgs().with(RequestOptions.builder().confirmationToken(token).build())
                    .purgeWithResponse(org.getId(), true), Quickstart::describe);
        }
    }

    private static OrgCreateParams parentOf(OrgCreateParams.Builder builder, String parent) {
        return (parent == null ? builder : builder.parentId(parent)).build();
    }

    private <T> T call(String operation, Supplier<ApiResponse<T>> request, java.util.function.Function<T, String> summary) {
        return call(operation, request, summary, false);
    }

    private <T> T call(String operation, Supplier<ApiResponse<T>> request, java.util.function.Function<T, String> summary,
                       boolean rethrowConfirmation) {
        try {
            ApiResponse<T> response = request.get();
            out.printf("%-28s %-4d %-28s %s%n", operation, response.statusCode(), response.requestId().orElse("-"),
                    summary.apply(response.value()));
            return response.value();
        } catch (ConfirmationRequiredException e) {
            if (rethrowConfirmation) {
                throw e;
            }
            failures++;
            out.printf("%-28s FAILED: %s%n", operation, e.getMessage());
        } catch (OpenAppApiException e) {
            failures++;
            out.printf("%-28s %-4d %-28s FAILED: %s%n", operation, e.statusCode(), e.requestId().orElse("-"), e.getMessage());
        } catch (OpenAppException e) {
            failures++;
            out.printf("%-28s FAILED: %s%n", operation, e.getMessage());
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

    private static String describe(OrganizationResponse org) {
        return org.getId() + " " + english(org);
    }

    private static String english(OrganizationResponse org) {
        LocalizedString name = LocalizedString.from(org.getName());
        if (name == null) {
            return "(unnamed)";
        }
        Optional<String> en = name.get("en");
        return en.orElseGet(() -> name.texts().values().iterator().next());
    }

    @Override
    public String toString() {
        return "Quickstart{" + client + "}";
    }

}
