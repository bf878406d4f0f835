package house.openapp.sdk;

import house.openapp.sdk.errors.AmbiguousMatchException;
import house.openapp.sdk.errors.ConfirmationRequiredException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.OpenAppApiException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserResponse;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's examples, each quoted from the region between {@code // snippet:NAME} and
 * {@code // end-snippet}, run against MockWebServer so that the documented code compiles and
 * does what the README says. What a snippet prints is captured and checked.
 */
class DocsSnippetsTest extends MockOpenApp {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capturePrinting() {
        originalOut = System.out;
        originalErr = System.err;
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    void restorePrinting() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** The snippet names the README quotes, in README order. */
    static final List<String> README_SNIPPETS = List.of("client-setup", "list-auto-paging", "create", "get", "display-name", "update",
            "delete", "purge-confirm", "permissions", "users-recursive", "children", "search", "ancestors", "get-by-name", "upload-image",
            "get-image", "delete-image", "with-org", "per-call-options", "error-handling", "with-response", "async", "async-paging");

    @Test
    void snippetMarkersArePairedUniqueAndCoverTheReadme() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/house/openapp/sdk/DocsSnippetsTest.java"), StandardCharsets.UTF_8);
        List<String> names = new java.util.ArrayList<>();
        String open = null;
        int body = 0;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("// snippet:")) {
                assertEquals(null, open, "snippet " + open + " is not closed before the next one opens");
                open = trimmed.substring("// snippet:".length());
                assertTrue(open.matches("[a-z][a-z-]*"), "snippet name " + open);
                body = 0;
            } else if (trimmed.equals("// end-snippet")) {
                assertTrue(open != null, "end-snippet without snippet");
                assertTrue(body > 0, "snippet " + open + " is empty");
                names.add(open);
                open = null;
            } else if (open != null) {
                body++;
            }
        }
        assertEquals(null, open, "snippet " + open + " is not closed");
        assertEquals(README_SNIPPETS, names);
    }

    @Test
    void clientSetup() throws Exception {
        String apiKey = apiKey();
        enqueueJson(orgMin("01HORG"));

        // snippet:client-setup
        try (OpenAppClient client = OpenAppClient.builder().apiKey(apiKey).build()) {
            System.out.println(client.orgs().get("01HORG").getId());
        }
        // end-snippet

        assertEquals("01HORG\n", printed());
        assertAuthenticated(take("GET", "/orgs/01HORG"));
    }

    @Test
    void listWithAutoPaging() throws Exception {
        enqueue(json(orgPage(3, "01HA", "01HB")), json(orgPage(3, "01HC")));

        // snippet:list-auto-paging
        ListParams params = ListParams.builder().includeDeleted(true).limit(50).build();
        for (OrganizationResponse org : client.orgs().list(params).autoPaging()) {
            System.out.println(org.getId() + " " + LocalizedString.display(org.getName(), Locale.ENGLISH));
        }
        // end-snippet

        assertEquals("01HA Org 01HA\n01HB Org 01HB\n01HC Org 01HC\n", printed());
        take("GET", "/orgs?include_deleted=true&limit=50");
        take("GET", "/orgs?include_deleted=true&limit=50&offset=2");
    }

    @Test
    void create() throws Exception {
        enqueue(json(orgMin("01HOFFICE")), json(orgMin("01HGATE")));

        // snippet:create
        OrganizationResponse office = client.orgs().create("Field Office");
        OrganizationResponse gate = client.orgs().create(
                OrgCreateParams.builder(LocalizedString.of("en", "North Gate"))
                        .description("Visitors' entrance")
                        .parentId(office.getId())
                        .build());
        // end-snippet

        assertEquals("01HGATE", gate.getId());
        assertJsonBody("{\"name\":{\"value\":{\"en\":\"Field Office\"}}}", take("POST", "/orgs"));
        assertJsonBody("{\"name\":{\"value\":{\"en\":\"North Gate\"}},\"description\":\"Visitors' entrance\",\"parent_id\":\"01HOFFICE\"}",
                take("POST", "/orgs"));
    }

    @Test
    void get() throws Exception {
        enqueue(json(org("01HORG", "Field Office")), json(org("01HGONE", "Gone")));

        // snippet:get
        OrganizationResponse org = client.orgs().get("01HORG");
        OrganizationResponse deleted = client.orgs().get("01HGONE", OrgGetParams.builder().includeDeleted(true).build());
        // end-snippet

        assertEquals("01HORG", org.getId());
        assertEquals("01HGONE", deleted.getId());
        take("GET", "/orgs/01HORG");
        take("GET", "/orgs/01HGONE?include_deleted=true");
    }

    @Test
    void displayName() throws Exception {
        enqueueJson("{\"id\":\"01HORG\",\"user_roles\":{},\"name\":{\"value\":{\"en\":\"Field Office\",\"fr-FR\":\"Bureau\"}}}");

        // snippet:display-name
        OrganizationResponse org = client.orgs().get("01HORG");
        String french = LocalizedString.display(org.getName(), Locale.CANADA_FRENCH); // fr-CA, else fr, fr-*, en, und, any
        String japanese = LocalizedString.display(org.getName(), Locale.JAPANESE);    // no Japanese: the English name
        // end-snippet

        assertEquals("Bureau", french);
        assertEquals("Field Office", japanese);
        take("GET", "/orgs/01HORG");
    }

    @Test
    void update() throws Exception {
        enqueueJson(org("01HORG", "Field Office (renamed)"));

        // snippet:update
        OrganizationResponse renamed = client.orgs().update("01HORG",
                OrgUpdateParams.builder().name(LocalizedString.of("en", "Field Office (renamed)")).build());
        // end-snippet

        assertEquals("01HORG", renamed.getId());
        assertJsonBody("{\"name\":{\"value\":{\"en\":\"Field Office (renamed)\"}}}", take("PUT", "/orgs/01HORG"));
    }

    @Test
    void delete() throws Exception {
        enqueueJson("{\"id\":\"01HORG\",\"name\":{\"value\":{\"en\":\"x\"}},\"user_roles\":{},\"deleted_at\":\"2026-02-01T00:00:00Z\"}");

        // snippet:delete
        OrganizationResponse deleted = client.orgs().delete("01HORG");
        System.out.println("deleted at " + deleted.getDeletedAt());
        // end-snippet

        assertEquals("deleted at 2026-02-01T00:00Z\n", printed());
        take("DELETE", "/orgs/01HORG");
    }

    @Test
    void purgeWithConfirmation() throws Exception {
        enqueue(json(409, "{\"message\":\"purging removes 3 descendants\",\"error_code\":\"confirmation_required\","
                + "\"preview_token\":\"pv_1\"}"), json(orgMin("01HORG")));

        // snippet:purge-confirm
        OrganizationResponse purged;
        try {
            purged = client.orgs().purge("01HORG");
        } catch (ConfirmationRequiredException e) {
            System.out.println("the server asks to confirm: " + e.serverMessage().orElse(""));
            purged = e.confirm(OrganizationResponse.class);
        }
        // end-snippet

        assertEquals("01HORG", purged.getId());
        assertEquals("the server asks to confirm: purging removes 3 descendants\n", printed());
        take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
        assertEquals("pv_1", take("DELETE", "/orgs/01HORG/purge?include_deleted=true").getHeader("X-OpenApp-Confirm"));
    }

    @Test
    void permissions() throws Exception {
        enqueueJson("{\"permissions\":[\"admin\",\"users:create\"]}");

        // snippet:permissions
        List<String> permissions = client.orgs().permissions("01HORG");
        boolean isAdmin = permissions.contains("admin");
        // end-snippet

        assertTrue(isAdmin);
        take("GET", "/orgs/01HORG/permissions");
    }

    @Test
    void usersRecursive() throws Exception {
        enqueue(json(page(2, user("01HU1"))), json(page(2, user("01HU2"))));

        // snippet:users-recursive
        OrgUsersParams params = OrgUsersParams.builder()
                .recursive(true)
                .listParams(ListParams.builder().limit(100).build())
                .build();
        Page<UserResponse> users = client.orgs().users("01HORG", params);
        users.autoPaging().forEach(user -> System.out.println(user.getId() + " " + user.getEmail()));
        // end-snippet

        assertEquals("01HU1 ada@example.org\n01HU2 ada@example.org\n", printed());
        assertEquals("01HORG", take("GET", "/orgs/01HORG/users?limit=100&recursive=true").getHeader("X-Org"));
        take("GET", "/orgs/01HORG/users?limit=100&offset=1&recursive=true");
    }

    @Test
    void children() throws Exception {
        enqueue(json(orgPage(1, "01HROOT")), json(orgPage(2, "01HC1", "01HC2")));

        // snippet:children
        Page<OrganizationResponse> roots = client.orgs().children(null);
        Page<OrganizationResponse> children = client.orgs().children(roots.items().get(0).getId());
        // end-snippet

        assertEquals(2, children.items().size());
        take("GET", "/orgs/children");
        take("GET", "/orgs/children?parent_id=01HROOT");
    }

    @Test
    void search() throws Exception {
        enqueueJson(page(1, org("01HF", "Field Office")));

        // snippet:search
        Page<OrganizationResponse> hits = client.orgs().search("office");
        hits.items().forEach(org -> System.out.println(org.getId() + " in " + LocalizedString.from(org.getParentName())));
        // end-snippet

        assertEquals("01HF in {en=Headquarters}\n", printed());
        take("GET", "/orgs/search?q=office");
    }

    @Test
    void ancestors() throws Exception {
        enqueueJson("[" + orgMin("01HROOT") + "," + orgMin("01HMID") + "]");

        // snippet:ancestors
        List<OrganizationResponse> path = client.orgs().ancestors("01HLEAF"); // root-most first, the org itself excluded
        // end-snippet

        assertEquals(List.of("01HROOT", "01HMID"), path.stream().map(OrganizationResponse::getId).toList());
        take("GET", "/orgs/01HLEAF/ancestors");
    }

    @Test
    void getByName() throws Exception {
        enqueue(json(page(2, org("01HF", "Field Office"), org("01HN", "Field Office North"))),
                json(page(2, org("01HF", "Field Office"), org("01HN", "Field Office North"))));

        // snippet:get-by-name
        OrganizationResponse office = client.orgs().getByName("Field Office");
        try {
            client.orgs().getByName("field", OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build());
        } catch (AmbiguousMatchException e) {
            System.out.println("which one? " + e.matchingIds());
        } catch (NotFoundException e) {
            System.out.println("no such organisation");
        }
        // end-snippet

        assertEquals("01HF", office.getId());
        assertEquals("which one? [01HF, 01HN]\n", printed());
        take("GET", "/orgs/search?q=Field%20Office");
        take("GET", "/orgs/search?q=field");
    }

    @Test
    void uploadImage(@TempDir Path dir) throws Exception {
        Path logo = Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        enqueueJson(imageUrl());

        // snippet:upload-image
        ResourceImageUrlResponse uploaded = client.orgs().uploadImage("01HORG", ImageUpload.of(logo));
        System.out.println(uploaded.getUrl() + " for " + uploaded.getExpiresInSeconds() + " s");
        // end-snippet

        assertEquals("https://cdn.example/org/01HORG.png?sig=abc for 900 s\n", printed());
        RecordedRequest request = take("POST", "/orgs/01HORG/image");
        assertTrue(request.getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
        assertTrue(request.getBody().readUtf8().contains("Content-Disposition: form-data; name=\"file\"; filename=\"logo.png\""));
    }

    @Test
    void getImage() throws Exception {
        enqueue(new MockResponse().setResponseCode(204));

        // snippet:get-image
        Optional<ResourceImageUrlResponse> image = client.orgs().getImage("01HORG");
        image.ifPresentOrElse(found -> System.out.println(found.getUrl()), () -> System.out.println("no image"));
        // end-snippet

        assertEquals("no image\n", printed());
        take("GET", "/orgs/01HORG/image");
    }

    @Test
    void deleteImage() throws Exception {
        enqueue(new MockResponse().setResponseCode(204));

        // snippet:delete-image
        client.orgs().deleteImage("01HORG"); // succeeds also when there was no image
        // end-snippet

        take("DELETE", "/orgs/01HORG/image");
    }

    @Test
    void withOrg() throws Exception {
        enqueueJson(page(1, user("01HU1")));

        // snippet:with-org
        OpenAppClient tenant = client.withOrg("01HTENANT"); // same connection pool, own X-Org
        Page<UserResponse> members = tenant.orgs().users("01HTEAM");
        // end-snippet

        assertEquals(1, members.items().size());
        assertEquals("01HTENANT", take("GET", "/orgs/01HTEAM/users").getHeader("X-Org"));
    }

    @Test
    void perCallOptions() throws Exception {
        enqueueJson(orgMin("01HORG"));

        // snippet:per-call-options
        RequestOptions options = RequestOptions.builder()
                .org("01HOTHER")
                .correlationId("checkout-42")
                .timeout(Duration.ofSeconds(5))
                .header("X-Feature", "beta")
                .build();
        OrganizationResponse org = client.orgs().with(options).get("01HORG");
        // end-snippet

        assertEquals("01HORG", org.getId());
        RecordedRequest request = take("GET", "/orgs/01HORG");
        assertEquals("01HOTHER", request.getHeader("X-Org"));
        assertEquals("checkout-42", request.getHeader("X-Correlation-Id"));
        assertEquals("beta", request.getHeader("X-Feature"));
    }

    @Test
    void errorHandling() throws Exception {
        enqueue(apiError(404, "not_found", "no such org").setHeader("X-Request-Id", "01HREQ"));

        // snippet:error-handling
        try {
            client.orgs().get("01HMISSING");
        } catch (NotFoundException e) {
            System.err.println("no such org (request " + e.requestId().orElse("-") + ")");
        } catch (OpenAppApiException e) {
            System.err.println("HTTP " + e.statusCode() + " " + e.errorCode().orElse("") + " (request " + e.requestId().orElse("-") + ")");
        } catch (OpenAppException e) {
            System.err.println("could not reach OpenApp: " + e.getMessage());
        }
        // end-snippet

        assertEquals("no such org (request 01HREQ)\n", printed());
        take("GET", "/orgs/01HMISSING");
    }

    @Test
    void withResponse() throws Exception {
        enqueue(json(orgMin("01HORG")).setHeader("X-Request-Id", "req-1"));

        // snippet:with-response
        ApiResponse<OrganizationResponse> response = client.orgs().withResponse().get("01HORG");
        System.out.println(response.statusCode() + " " + response.requestId().orElse("-") + " " + response.value().getId());
        // end-snippet

        assertEquals("200 req-1 01HORG\n", printed());
        take("GET", "/orgs/01HORG");
    }

    @Test
    void async() throws Exception {
        enqueueJson(orgMin("01HORG"));

        // snippet:async
        CompletableFuture<OrganizationResponse> future = client.orgs().async().get("01HORG");
        future.thenAccept(org -> System.out.println("got " + org.getId())).join();
        // future.cancel(true) would cancel the HTTP call
        // end-snippet

        assertEquals("got 01HORG\n", printed());
        assertFalse(future.isCompletedExceptionally());
        take("GET", "/orgs/01HORG");
    }

    @Test
    void asyncPaging() throws Exception {
        enqueue(json(orgPage(3, "01HA", "01HB")), json(orgPage(3, "01HC")));

        // snippet:async-paging
        CompletableFuture<Void> done = client.orgs().async().list(ListParams.builder().limit(200).build())
                .thenCompose(first -> first.forEachAsync(org -> System.out.println(org.getId())));
        done.join(); // each page is requested once the one before it was consumed
        // end-snippet

        assertEquals("01HA\n01HB\n01HC\n", printed());
        take("GET", "/orgs?limit=200");
        take("GET", "/orgs?limit=200&offset=2");
    }
}
