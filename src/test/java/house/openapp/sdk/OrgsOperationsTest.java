package house.openapp.sdk;

import house.openapp.sdk.errors.AmbiguousMatchException;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.ResourceImageUrlResponse;
import house.openapp.sdk.generated.model.UserResponse;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of {@link Orgs}, in its plain, {@code ...WithResponse} and {@code ...Async}
 * forms, against the wire: method, path, exact query, headers, JSON body and the typed result.
 */
class OrgsOperationsTest extends MockOpenApp {

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    private static void assertFullOrg(OrganizationResponse org, String id, String englishName) {
        assertEquals(id, org.getId());
        assertEquals(Optional.of(englishName), LocalizedString.from(org.getName()).get("en"));
        assertEquals(Optional.of("משרד"), LocalizedString.from(org.getName()).get("he"));
        assertEquals("North gate", org.getDescription());
        assertEquals("01HROOT", org.getParentId());
        assertEquals(Boolean.FALSE, org.getIsPersonal());
        assertEquals(Map.of("01HUSER1", List.of("admin", "users:read")), org.getUserRoles());
        assertEquals(OffsetDateTime.parse("2026-01-02T03:04:05Z"), org.getCreatedAt());
        assertEquals(OffsetDateTime.parse("2026-01-03T04:05:06+02:00"), org.getUpdatedAt());
        assertNull(org.getDeletedAt());
        assertEquals(Boolean.TRUE, org.getHasChildren());
        assertEquals(LocalizedString.of("en", "Headquarters"), LocalizedString.from(org.getParentName()));
    }

    @Nested
    class ListOrgs {
        @Test
        void listSendsBareGetWithCredentialsAndParsesThePage() throws Exception {
            enqueue(json(page(3, org("01HA", "Alpha"), org("01HB", "Beta"))).setHeader("X-Request-Id", "req-list"));

            Page<OrganizationResponse> page = client.orgs().list();

            RecordedRequest request = take("GET", "/orgs");
            assertAuthenticated(request);
            assertNull(request.getHeader("X-Org"), "no org context was configured");
            assertEquals(0, request.getBodySize());
            assertEquals(2, page.items().size());
            assertFullOrg(page.items().get(0), "01HA", "Alpha");
            assertEquals("01HB", page.items().get(1).getId());
            assertEquals(3, page.total());
            assertEquals(0, page.offset());
            assertEquals(Optional.empty(), page.limit());
            assertEquals(Optional.of("req-list"), page.requestId());
            assertTrue(page.hasNext());
        }

        @Test
        void listWithParamsSendsEveryPropertyUnprefixed() throws Exception {
            enqueueJson(orgPage(0));

            client.orgs().list(ListParams.builder().includeDeleted(true).onlyDeleted(false).limit(50).offset(100).build());

            take("GET", "/orgs?include_deleted=true&only_deleted=false&limit=50&offset=100");
        }

        @Test
        void listWithResponseExposesStatusHeadersRequestIdAndAttempts() throws Exception {
            enqueue(json(orgPage(1, "01HA")).setHeader("X-Request-Id", "req-7").addHeader("X-Trace", "t1"));

            ApiResponse<Page<OrganizationResponse>> response = client.orgs().withResponse().list(ListParams.builder().limit(1).build());

            take("GET", "/orgs?limit=1");
            assertEquals(200, response.statusCode());
            assertEquals(Optional.of("req-7"), response.requestId());
            assertEquals(Optional.of("t1"), response.header("x-trace"));
            assertEquals(List.of("t1"), response.headers().get("x-trace"));
            assertEquals(1, response.attempts());
            assertEquals("01HA", response.value().items().get(0).getId());
            assertEquals(Optional.of(1), response.value().limit());
            assertEquals(Optional.of("req-7"), response.value().requestId());
        }

        @Test
        void listAsyncCompletesWithThePage() throws Exception {
            enqueueJson(orgPage(2, "01HA", "01HB"));

            Page<OrganizationResponse> page = await(client.orgs().async().list(ListParams.builder().onlyDeleted(true).build()));

            take("GET", "/orgs?only_deleted=true");
            assertEquals(List.of("01HA", "01HB"), page.items().stream().map(OrganizationResponse::getId).toList());
            assertFalse(page.hasNext());
        }
    }

    @Nested
    class Children {
        @Test
        void childrenOfNullParentSendsNoParentIdKey() throws Exception {
            enqueueJson(page(1, org("01HROOT", "Root")));

            Page<OrganizationResponse> roots = client.orgs().children(null);

            RecordedRequest request = take("GET", "/orgs/children");
            assertTrue(request.getRequestUrl().queryParameterNames().isEmpty());
            assertEquals(Boolean.TRUE, roots.items().get(0).getHasChildren());
        }

        @Test
        void childrenOfParentSendsParentIdBeforeTheListParams() throws Exception {
            enqueueJson(orgPage(1, "01HC"));

            Page<OrganizationResponse> children = client.orgs().children("01HP", ListParams.builder().includeDeleted(true).limit(5).build());

            take("GET", "/orgs/children?parent_id=01HP&include_deleted=true&limit=5");
            assertEquals("01HC", children.items().get(0).getId());
        }

        @Test
        void childrenWithResponseAndAsync() throws Exception {
            enqueue(json(orgPage(1, "01HC")).setHeader("X-Request-Id", "req-c"), json(orgPage(1, "01HD")));

            ApiResponse<Page<OrganizationResponse>> response = client.orgs().withResponse().children("01HP", ListParams.DEFAULT);
            Page<OrganizationResponse> async = await(client.orgs().async().children(null, ListParams.builder().offset(3).build()));

            take("GET", "/orgs/children?parent_id=01HP");
            take("GET", "/orgs/children?offset=3");
            assertEquals(Optional.of("req-c"), response.requestId());
            assertEquals("01HC", response.value().items().get(0).getId());
            assertEquals("01HD", async.items().get(0).getId());
            assertEquals(3, async.offset());
        }
    }

    @Nested
    class Search {
        @Test
        void searchSendsQAndParsesParentName() throws Exception {
            enqueueJson(page(1, org("01HF", "Field Office")));

            Page<OrganizationResponse> found = client.orgs().search("field office");

            RecordedRequest request = take("GET", "/orgs/search?q=field%20office");
            assertEquals("field office", request.getRequestUrl().queryParameter("q"));
            assertFullOrg(found.items().get(0), "01HF", "Field Office");
        }

        @Test
        void searchEncodesReservedCharactersOfTheQuery() throws Exception {
            enqueueJson(orgPage(0));

            client.orgs().search("a&b=c#d+e");

            RecordedRequest request = take();
            assertEquals("a&b=c#d+e", request.getRequestUrl().queryParameter("q"));
            assertEquals(List.of("q"), List.copyOf(request.getRequestUrl().queryParameterNames()));
        }

        @Test
        void searchWithResponseAndAsyncCarryListParams() throws Exception {
            enqueue(json(orgPage(1, "01HF")).setHeader("X-Request-Id", "req-s"), json(orgPage(0)));

            ApiResponse<Page<OrganizationResponse>> response = client.orgs().withResponse().search("01HF", ListParams.builder().limit(10).build());
            Page<OrganizationResponse> empty = await(client.orgs().async().search("gate", ListParams.builder().includeDeleted(true).build()));

            take("GET", "/orgs/search?q=01HF&limit=10");
            take("GET", "/orgs/search?q=gate&include_deleted=true");
            assertEquals(Optional.of("req-s"), response.requestId());
            assertEquals(List.of(), empty.items());
        }
    }

    @Nested
    class GetByName {
        @Test
        void exactMatchPicksTheOneWithThatName() throws Exception {
            enqueueJson(page(2, org("01HF", "Field Office"), org("01HN", "Field Office North")));

            OrganizationResponse org = client.orgs().getByName("Field Office");

            take("GET", "/orgs/search?q=Field%20Office");
            assertEquals("01HF", org.getId());
        }

        @Test
        void exactMatchWalksEveryPage() throws Exception {
            enqueue(json(page(3, org("01HA", "Field Office North"), org("01HB", "Field Office South"))),
                    json(page(3, org("01HF", "Field Office"))));

            OrganizationResponse org = client.orgs().getByName("Field Office");

            take("GET", "/orgs/search?q=Field%20Office");
            take("GET", "/orgs/search?q=Field%20Office&offset=2");
            assertEquals("01HF", org.getId());
        }

        @Test
        void withResponseCarriesTheResponseOfThePageTheMatchWasOn() throws Exception {
            enqueue(json(page(3, org("01HA", "Field Office North"), org("01HB", "Field Office South"))).setHeader("X-Request-Id", "req-p1"),
                    json(page(3, org("01HF", "Field Office"))).setHeader("X-Request-Id", "req-p2"));

            ApiResponse<OrganizationResponse> found = client.orgs().withResponse().getByName("Field Office");

            take("GET", "/orgs/search?q=Field%20Office");
            take("GET", "/orgs/search?q=Field%20Office&offset=2");
            assertEquals("01HF", found.value().getId());
            assertEquals(Optional.of("req-p2"), found.requestId());
        }

        @Test
        void fuzzyMatchIsCaseInsensitiveInAnyLocale() throws Exception {
            enqueueJson(page(2, org("01HF", "Field Office"), orgMin("01HX")));

            OrganizationResponse org = client.orgs().getByName("משר", OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build());

            assertEquals("01HF", org.getId());
            enqueueJson(page(1, org("01HF", "Field Office")));
            assertEquals("01HF", client.orgs().getByName("FIELD off", OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build()).getId());
        }

        @Test
        void noMatchIsNotFound() throws Exception {
            enqueueJson(page(1, org("01HF", "Field Office")));

            NotFoundException e = assertThrows(NotFoundException.class, () -> client.orgs().getByName("field office"));

            assertEquals(404, e.statusCode());
            assertTrue(e.getMessage().contains("field office"), e.getMessage());
            assertEquals(1, server.getRequestCount());
        }

        @Test
        void severalMatchesAreAmbiguousAndListTheIds() throws Exception {
            enqueueJson(page(3, org("01HF", "Field Office"), org("01HN", "Field Office North"), orgMin("01HZ")));

            AmbiguousMatchException e = assertThrows(AmbiguousMatchException.class, () -> client.orgs().getByName("field", OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build()));

            assertEquals(List.of("01HF", "01HN"), e.matchingIds());
            assertTrue(e.getMessage().contains("01HF") && e.getMessage().contains("01HN"), e.getMessage());
        }
    }

    @Nested
    class Create {
        @Test
        void createWithANameFilesItUnderEnglish() throws Exception {
            enqueueJson(org("01HNEW", "Field Office"));

            OrganizationResponse created = client.orgs().create("Field Office");

            RecordedRequest request = take("POST", "/orgs");
            assertAuthenticated(request);
            assertEquals(MediaType.get("application/json; charset=UTF-8"), MediaType.get(request.getHeader("Content-Type")));
            assertJsonBody("{\"name\":{\"value\":{\"en\":\"Field Office\"}}}", request);
            assertFullOrg(created, "01HNEW", "Field Office");
        }

        @Test
        void createWithEveryFieldAndIncludeDeleted() throws Exception {
            enqueueJson(orgMin("01HCHOSEN"));
            OrgCreateParams params = OrgCreateParams.builder(LocalizedString.builder().put("en", "Gate").put("he", "שער").build())
                    .description("North gate")
                    .parentId("01HROOT")
                    .id("01HCHOSEN")
                    .includeDeleted(true)
                    .build();

            OrganizationResponse created = client.orgs().create(params);

            RecordedRequest request = take("POST", "/orgs?include_deleted=true");
            assertJsonBody("{\"name\":{\"value\":{\"en\":\"Gate\",\"he\":\"שער\"}},\"description\":\"North gate\","
                    + "\"parent_id\":\"01HROOT\",\"id\":\"01HCHOSEN\"}", request);
            assertEquals("01HCHOSEN", created.getId());
        }

        @Test
        void createWithResponseAndAsyncLeaveUnsetFieldsOut() throws Exception {
            enqueue(json(orgMin("01HA")).setHeader("X-Request-Id", "req-new"), json(orgMin("01HB")));

            ApiResponse<OrganizationResponse> response = client.orgs().withResponse().create(
                    OrgCreateParams.builder(LocalizedString.of("en", "A")).build());
            OrganizationResponse async = await(client.orgs().async().create(
                    OrgCreateParams.builder(LocalizedString.of("fr", "B")).description("d").build()));

            assertJsonBody("{\"name\":{\"value\":{\"en\":\"A\"}}}", take("POST", "/orgs"));
            assertJsonBody("{\"name\":{\"value\":{\"fr\":\"B\"}},\"description\":\"d\"}", take("POST", "/orgs"));
            assertEquals(200, response.statusCode());
            assertEquals(Optional.of("req-new"), response.requestId());
            assertEquals("01HA", response.value().getId());
            assertEquals("01HB", async.getId());
        }
    }

    @Nested
    class Get {
        @Test
        void getSendsNoQueryByDefault() throws Exception {
            enqueueJson(org("01HORG", "Field Office"));

            OrganizationResponse org = client.orgs().get("01HORG");

            RecordedRequest request = take("GET", "/orgs/01HORG");
            assertAuthenticated(request);
            assertFullOrg(org, "01HORG", "Field Office");
        }

        @Test
        void getWithIncludeDeletedSendsTheFlag() throws Exception {
            enqueueJson(orgMin("01HORG"));

            client.orgs().get("01HORG", OrgGetParams.builder().includeDeleted(true).build());

            take("GET", "/orgs/01HORG?include_deleted=true");
        }

        @Test
        void getWithResponseAndAsync() throws Exception {
            enqueue(json(orgMin("01HA")).setHeader("X-Request-Id", "req-g"), json(orgMin("01HB")));

            ApiResponse<OrganizationResponse> response = client.orgs().withResponse().get("01HA");
            OrganizationResponse async = await(client.orgs().async().get("01HB", OrgGetParams.builder().includeDeleted(true).build()));

            take("GET", "/orgs/01HA");
            take("GET", "/orgs/01HB?include_deleted=true");
            assertEquals(Optional.of("req-g"), response.requestId());
            assertEquals("01HA", response.value().getId());
            assertEquals("01HB", async.getId());
        }

        @Test
        void getReadsNamesInEveryWireForm() throws Exception {
            enqueue(json("{\"id\":\"01HA\",\"name\":\"Bare\",\"user_roles\":{}}"),
                    json("{\"id\":\"01HB\",\"name\":{\"en\":\"Plain\"},\"user_roles\":{}}"));

            assertEquals(LocalizedString.of("und", "Bare"), LocalizedString.from(client.orgs().get("01HA").getName()));
            assertEquals(LocalizedString.of("en", "Plain"), LocalizedString.from(client.orgs().get("01HB").getName()));
        }

        @Test
        void idIsOnePathSegmentEvenWithReservedCharacters() throws Exception {
            enqueueJson(orgMin("a b?c#d"));

            client.orgs().get("a b?c#d");

            take("GET", "/orgs/a%20b%3Fc%23d");
        }
    }

    @Nested
    class Update {
        @Test
        void updateOfTheNameOnlySendsOnlyTheName() throws Exception {
            enqueueJson(org("01HORG", "Renamed"));

            OrganizationResponse updated = client.orgs().update("01HORG",
                    OrgUpdateParams.builder().name(LocalizedString.of("en", "Renamed")).build());

            RecordedRequest request = take("PUT", "/orgs/01HORG");
            assertAuthenticated(request);
            assertJsonBody("{\"name\":{\"value\":{\"en\":\"Renamed\"}}}", request);
            assertFullOrg(updated, "01HORG", "Renamed");
        }

        @Test
        void updateOfDescriptionAndParentWithIncludeDeleted() throws Exception {
            enqueueJson(orgMin("01HORG"));

            client.orgs().update("01HORG", OrgUpdateParams.builder().description("d").parentId("01HNEWPARENT").includeDeleted(true).build());

            assertJsonBody("{\"description\":\"d\",\"parent_id\":\"01HNEWPARENT\"}", take("PUT", "/orgs/01HORG?include_deleted=true"));
        }

        @Test
        void updateOfEverythingAndOfNothing() throws Exception {
            enqueue(json(orgMin("01HORG")), json(orgMin("01HORG")));

            client.orgs().update("01HORG", OrgUpdateParams.builder()
                    .name(LocalizedString.of(Map.of("he", "שער"))).description("").parentId("01HP").build());
            client.orgs().update("01HORG", OrgUpdateParams.builder().build());

            assertJsonBody("{\"name\":{\"value\":{\"he\":\"שער\"}},\"description\":\"\",\"parent_id\":\"01HP\"}", take("PUT", "/orgs/01HORG"));
            assertJsonBody("{}", take("PUT", "/orgs/01HORG"));
        }

        @Test
        void updateWithResponseAndAsync() throws Exception {
            enqueue(json(orgMin("01HA")).setHeader("X-Request-Id", "req-u"), json(orgMin("01HB")));

            ApiResponse<OrganizationResponse> response = client.orgs().withResponse().update("01HA",
                    OrgUpdateParams.builder().description("x").build());
            OrganizationResponse async = await(client.orgs().async().update("01HB",
                    OrgUpdateParams.builder().name(LocalizedString.of("en", "B")).includeDeleted(true).build()));

            assertJsonBody("{\"description\":\"x\"}", take("PUT", "/orgs/01HA"));
            assertJsonBody("{\"name\":{\"value\":{\"en\":\"B\"}}}", take("PUT", "/orgs/01HB?include_deleted=true"));
            assertEquals(Optional.of("req-u"), response.requestId());
            assertEquals("01HB", async.getId());
        }
    }

    @Nested
    class DeleteAndPurge {
        @Test
        void deleteSoftDeletesWithoutBodyOrQuery() throws Exception {
            enqueueJson("{\"id\":\"01HORG\",\"name\":{\"value\":{\"en\":\"x\"}},\"user_roles\":{},\"deleted_at\":\"2026-02-01T00:00:00Z\"}");

            OrganizationResponse deleted = client.orgs().delete("01HORG");

            RecordedRequest request = take("DELETE", "/orgs/01HORG");
            assertAuthenticated(request);
            assertEquals(0, request.getBodySize());
            assertEquals(OffsetDateTime.parse("2026-02-01T00:00:00Z"), deleted.getDeletedAt());
        }

        @Test
        void deleteWithResponseAndAsync() throws Exception {
            enqueue(json(orgMin("01HA")).setHeader("X-Request-Id", "req-d"), json(orgMin("01HB")));

            ApiResponse<OrganizationResponse> response = client.orgs().withResponse().delete("01HA", OrgDeleteParams.builder().includeDeleted(true).build());
            OrganizationResponse async = await(client.orgs().async().delete("01HB"));

            take("DELETE", "/orgs/01HA?include_deleted=true");
            take("DELETE", "/orgs/01HB");
            assertEquals(Optional.of("req-d"), response.requestId());
            assertEquals("01HA", response.value().getId());
            assertEquals("01HB", async.getId());
        }

        @Test
        void purgeDeletesForGood() throws Exception {
            enqueueJson(org("01HORG", "Gone"));

            OrganizationResponse purged = client.orgs().purge("01HORG");

            RecordedRequest request = take("DELETE", "/orgs/01HORG/purge?include_deleted=true");
            assertAuthenticated(request);
            assertNull(request.getHeader("X-OpenApp-Confirm"));
            assertFullOrg(purged, "01HORG", "Gone");
        }

        @Test
        void purgeWithResponseAndAsync() throws Exception {
            enqueue(json(orgMin("01HA")).setHeader("X-Request-Id", "req-p"), json(orgMin("01HB")));

            ApiResponse<OrganizationResponse> response = client.orgs().withResponse().purge("01HA");
            OrganizationResponse async = await(client.orgs().async().purge("01HB"));

            take("DELETE", "/orgs/01HA/purge?include_deleted=true");
            take("DELETE", "/orgs/01HB/purge?include_deleted=true");
            assertEquals(Optional.of("req-p"), response.requestId());
            assertEquals("01HB", async.getId());
        }
    }

    @Nested
    class Tree {
        @Test
        void ancestorsAreRootMostFirst() throws Exception {
            enqueue(json("[" + org("01HROOT", "Root") + "," + orgMin("01HMID") + "]").setHeader("X-Request-Id", "req-a"),
                    json("[" + orgMin("01HROOT") + "]"), json("[]"));

            List<OrganizationResponse> ancestors = client.orgs().ancestors("01HLEAF");
            ApiResponse<List<OrganizationResponse>> response = client.orgs().withResponse().ancestors("01HMID");
            List<OrganizationResponse> none = await(client.orgs().async().ancestors("01HROOT"));

            take("GET", "/orgs/01HLEAF/ancestors");
            take("GET", "/orgs/01HMID/ancestors");
            take("GET", "/orgs/01HROOT/ancestors");
            assertEquals(List.of("01HROOT", "01HMID"), ancestors.stream().map(OrganizationResponse::getId).toList());
            assertFullOrg(ancestors.get(0), "01HROOT", "Root");
            assertEquals(200, response.statusCode());
            assertEquals(1, response.value().size());
            assertEquals(List.of(), none);
        }

        @Test
        void permissionsAreTheKeys() throws Exception {
            enqueue(json("{\"permissions\":[\"admin\",\"users:create\"]}"),
                    json("{\"permissions\":[\"users:read\"]}").setHeader("X-Request-Id", "req-perm"), json("{\"permissions\":[]}"));

            List<String> keys = client.orgs().permissions("01HORG");
            ApiResponse<List<String>> response = client.orgs().withResponse().permissions("01HORG");
            List<String> async = await(client.orgs().async().permissions("01HOTHER"));

            assertAuthenticated(take("GET", "/orgs/01HORG/permissions"));
            take("GET", "/orgs/01HORG/permissions");
            take("GET", "/orgs/01HOTHER/permissions");
            assertEquals(List.of("admin", "users:create"), keys);
            assertEquals(List.of("users:read"), response.value());
            assertEquals(Optional.of("req-perm"), response.requestId());
            assertEquals(200, response.statusCode());
            assertEquals(List.of(), async);
        }
    }

    @Nested
    class Users {
        @Test
        void usersOfAnOrgUseTheOrgItselfAsContext() throws Exception {
            enqueueJson(page(1, user("01HUSER1")));

            Page<UserResponse> users = client.orgs().users("01HORG");

            RecordedRequest request = take("GET", "/orgs/01HORG/users");
            assertAuthenticated(request);
            assertEquals("01HORG", request.getHeader("X-Org"));
            UserResponse user = users.items().get(0);
            assertEquals("01HUSER1", user.getId());
            assertEquals(LocalizedString.of("und", "Ada"), LocalizedString.from(user.getName()));
            assertEquals("ada@example.org", user.getEmail());
            assertEquals(Boolean.FALSE, user.getEmailIsSynthetic());
            assertEquals(Map.of("01HORG", List.of("admin")), user.getRoles());
            assertNull(user.getPhone());
        }

        @Test
        void usersRecursiveWithParamsSendsRecursiveAfterTheQueryObjects() throws Exception {
            enqueueJson(page(0));

            client.orgs().users("01HORG", OrgUsersParams.builder().recursive(true).listParams(ListParams.builder().includeDeleted(true).limit(10).build()).build());

            take("GET", "/orgs/01HORG/users?include_deleted=true&limit=10&recursive=true");
        }

        @Test
        void usersUseTheClientOrgContextWhenThereIsOne() throws Exception {
            enqueueJson(page(0));

            client.withOrg("01HCLIENT").orgs().users("01HORG");

            assertEquals("01HCLIENT", take("GET", "/orgs/01HORG/users").getHeader("X-Org"));
        }

        @Test
        void usersUseThePerCallOrgOverride() throws Exception {
            enqueue(json(page(0)), json(page(0)));

            client.withOrg("01HCLIENT").orgs().with(RequestOptions.builder().org("01HCALL").build()).users("01HORG");
            client.orgs().with(RequestOptions.builder().org("01HCALL2").build()).users("01HORG");

            assertEquals("01HCALL", take().getHeader("X-Org"));
            assertEquals("01HCALL2", take().getHeader("X-Org"));
        }

        @Test
        void usersWithResponseAndAsync() throws Exception {
            enqueue(json(page(2, user("01HU1"))).setHeader("X-Request-Id", "req-users"), json(page(1, user("01HU2"))));

            ApiResponse<Page<UserResponse>> response = client.orgs().withResponse().users("01HORG", OrgUsersParams.builder().listParams(ListParams.builder().limit(1).build()).build());
            Page<UserResponse> async = await(client.orgs().async().users("01HOTHER", OrgUsersParams.builder().recursive(true).build()));

            assertEquals("01HORG", take("GET", "/orgs/01HORG/users?limit=1").getHeader("X-Org"));
            assertEquals("01HOTHER", take("GET", "/orgs/01HOTHER/users?recursive=true").getHeader("X-Org"));
            assertEquals(Optional.of("req-users"), response.requestId());
            assertTrue(response.value().hasNext());
            assertEquals("01HU2", async.items().get(0).getId());
        }
    }

    @Nested
    class Images {
        private final byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2, (byte) 0xff};

        /** The single part of a multipart upload. */
        private record Part(String disposition, String contentType, byte[] bytes) { }

        private Part onlyPart(RecordedRequest request) throws IOException {
            MediaType type = MediaType.get(request.getHeader("Content-Type"));
            assertEquals("multipart", type.type());
            assertEquals("form-data", type.subtype());
            try (MultipartReader reader = new MultipartReader(request.getBody(), type.parameter("boundary"))) {
                MultipartReader.Part part = reader.nextPart();
                assertTrue(part != null, "the upload has a part");
                Part result = new Part(part.headers().get("Content-Disposition"), part.headers().get("Content-Type"),
                        part.body().readByteArray());
                assertNull(reader.nextPart(), "the upload has exactly one part");
                return result;
            }
        }

        @Test
        void uploadImageFromAPathSendsItsNameAndType(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("logo.png");
            Files.write(file, png);
            enqueueJson(imageUrl());

            ResourceImageUrlResponse url = client.orgs().uploadImage("01HORG", ImageUpload.of(file));

            RecordedRequest request = take("POST", "/orgs/01HORG/image");
            assertAuthenticated(request);
            Part part = onlyPart(request);
            assertEquals("form-data; name=\"file\"; filename=\"logo.png\"", part.disposition());
            assertEquals("image/png", part.contentType());
            assertArrayEquals(png, part.bytes());
            assertEquals("https://cdn.example/org/01HORG.png?sig=abc", url.getUrl());
            assertEquals(900L, url.getExpiresInSeconds());
        }

        @Test
        void uploadImageKeepsANonAsciiFilenameAndDropsQuotes(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("לוגו \"final\".PNG");
            Files.write(file, png);
            enqueue(json(imageUrl()), json(imageUrl()));

            client.orgs().uploadImage("01HORG", ImageUpload.of(file));
            client.orgs().uploadImage("01HORG", ImageUpload.of(png, "image/png", "a;b=c.png"));

            Part part = onlyPart(take("POST", "/orgs/01HORG/image"));
            assertEquals("form-data; name=\"file\"; filename=\"לוגו final.PNG\"", part.disposition());
            assertEquals("image/png", part.contentType());
            assertEquals("form-data; name=\"file\"; filename=\"a;b=c.png\"", onlyPart(take("POST", "/orgs/01HORG/image")).disposition());
        }

        @Test
        void uploadImageFromBytes() throws Exception {
            enqueueJson(imageUrl());

            client.orgs().uploadImage("01HORG", ImageUpload.of(png, "image/jpeg"));

            Part part = onlyPart(take("POST", "/orgs/01HORG/image"));
            assertEquals("form-data; name=\"file\"; filename=\"image.jpg\"", part.disposition());
            assertEquals("image/jpeg", part.contentType());
            assertArrayEquals(png, part.bytes());
        }

        @Test
        void uploadImageFromAStreamReadsItButLeavesItOpen() throws Exception {
            enqueueJson(imageUrl());
            AtomicBoolean closed = new AtomicBoolean();
            ByteArrayInputStream stream = new ByteArrayInputStream(png) {
                @Override
                public void close() {
                    closed.set(true);
                }
            };

            client.orgs().uploadImage("01HORG", ImageUpload.of(stream, "image/webp"));

            Part part = onlyPart(take("POST", "/orgs/01HORG/image"));
            assertEquals("form-data; name=\"file\"; filename=\"image.webp\"", part.disposition());
            assertEquals("image/webp", part.contentType());
            assertArrayEquals(png, part.bytes());
            assertEquals(0, stream.available(), "the stream was read to its end");
            assertFalse(closed.get(), "the caller's stream is not closed");
        }

        @Test
        void uploadImageWithResponseAndAsync() throws Exception {
            enqueue(json(imageUrl()).setHeader("X-Request-Id", "req-img"), json(imageUrl()));

            ApiResponse<ResourceImageUrlResponse> response = client.orgs().withResponse().uploadImage("01HA",
                    ImageUpload.of(png, "image/png", "brand.png"));
            ResourceImageUrlResponse async = await(client.orgs().async().uploadImage("01HB", ImageUpload.of(png, "image/png")));

            assertEquals("form-data; name=\"file\"; filename=\"brand.png\"", onlyPart(take("POST", "/orgs/01HA/image")).disposition());
            assertEquals("form-data; name=\"file\"; filename=\"image.png\"", onlyPart(take("POST", "/orgs/01HB/image")).disposition());
            assertEquals(Optional.of("req-img"), response.requestId());
            assertEquals(900L, response.value().getExpiresInSeconds());
            assertEquals("https://cdn.example/org/01HORG.png?sig=abc", async.getUrl());
        }

        @Test
        void getImageIsEmptyOn204() throws Exception {
            enqueue(new MockResponse().setResponseCode(204).setHeader("X-Request-Id", "req-204"), json(imageUrl()));

            Optional<ResourceImageUrlResponse> none = client.orgs().getImage("01HORG");
            Optional<ResourceImageUrlResponse> some = client.orgs().getImage("01HORG");

            assertAuthenticated(take("GET", "/orgs/01HORG/image"));
            take("GET", "/orgs/01HORG/image");
            assertEquals(Optional.empty(), none);
            assertEquals(900L, some.orElseThrow().getExpiresInSeconds());
        }

        @Test
        void getImageWithResponseAndAsync() throws Exception {
            enqueue(new MockResponse().setResponseCode(204).setHeader("X-Request-Id", "req-204"),
                    new MockResponse().setResponseCode(204), json(imageUrl()));

            ApiResponse<Optional<ResourceImageUrlResponse>> response = client.orgs().withResponse().getImage("01HORG");
            Optional<ResourceImageUrlResponse> none = await(client.orgs().async().getImage("01HORG"));
            Optional<ResourceImageUrlResponse> some = await(client.orgs().async().getImage("01HORG"));

            assertEquals(204, response.statusCode());
            assertEquals(Optional.empty(), response.value());
            assertEquals(Optional.of("req-204"), response.requestId());
            assertEquals(Optional.empty(), none);
            assertEquals("https://cdn.example/org/01HORG.png?sig=abc", some.orElseThrow().getUrl());
        }

        @Test
        void deleteImageInEveryForm() throws Exception {
            enqueue(new MockResponse().setResponseCode(204), new MockResponse().setResponseCode(204).setHeader("X-Request-Id", "req-di"),
                    new MockResponse().setResponseCode(204));

            client.orgs().deleteImage("01HA");
            ApiResponse<Void> response = client.orgs().withResponse().deleteImage("01HB");
            Void async = await(client.orgs().async().deleteImage("01HC"));

            RecordedRequest first = take("DELETE", "/orgs/01HA/image");
            assertAuthenticated(first);
            assertEquals(0, first.getBodySize());
            take("DELETE", "/orgs/01HB/image");
            take("DELETE", "/orgs/01HC/image");
            assertEquals(204, response.statusCode());
            assertEquals(Optional.of("req-di"), response.requestId());
            assertNull(async);
        }
    }
}
