package house.openapp.sdk;

import house.openapp.sdk.generated.model.OrganizationResponse;
import house.openapp.sdk.generated.model.UserResponse;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auto-paging: every filter and the org context reach every page request, stopping early
 * fetches nothing more, and prefetching changes nothing but timing.
 */
class AutoPagingTest extends MockOpenApp {
    private static final List<String> ALL = List.of("o1", "o2", "o3", "o4", "o5");

    /** Serves {@link #ALL} by the request's offset and limit (default 2), like the real server. */
    private void serveByOffset() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String offset = request.getRequestUrl().queryParameter("offset");
                String limit = request.getRequestUrl().queryParameter("limit");
                int from = offset == null ? 0 : Integer.parseInt(offset);
                int size = limit == null ? 2 : Integer.parseInt(limit);
                List<String> ids = ALL.subList(Math.min(from, ALL.size()), Math.min(from + size, ALL.size()));
                return json(orgPage(ALL.size(), ids.toArray(String[]::new)));
            }
        });
    }

    private static List<String> ids(Iterable<OrganizationResponse> orgs) {
        List<String> ids = new ArrayList<>();
        orgs.forEach(org -> ids.add(org.getId()));
        return ids;
    }

    @Test
    void listCarriesFiltersIntoEveryPage() throws Exception {
        enqueue(json(orgPage(5, "o1", "o2")), json(orgPage(5, "o3", "o4")), json(orgPage(5, "o5")));
        ListParams params = ListParams.builder().includeDeleted(true).onlyDeleted(false).limit(2).build();

        List<String> ids = ids(client.withOrg("01HCTX").orgs().list(params).autoPaging());

        assertEquals(ALL, ids);
        for (String query : List.of("", "&offset=2", "&offset=4")) {
            RecordedRequest request = take("GET", "/orgs?include_deleted=true&only_deleted=false&limit=2" + query);
            assertEquals("01HCTX", request.getHeader("X-Org"));
            assertAuthenticated(request);
        }
        assertEquals(3, server.getRequestCount(), "the last page is not followed by another request");
    }

    @Test
    void perCallOptionsAreCarriedIntoEveryPage() throws Exception {
        enqueue(json(orgPage(3, "o1")), json(orgPage(3, "o2")), json(orgPage(3, "o3")));
        Orgs orgs = client.orgs().with(RequestOptions.builder().org("01HCALL").correlationId("corr-9").header("X-Extra", "e").build());

        List<String> ids = orgs.list(ListParams.builder().limit(1).build()).autoPaging().stream().map(OrganizationResponse::getId).toList();

        assertEquals(List.of("o1", "o2", "o3"), ids);
        for (String query : List.of("limit=1", "limit=1&offset=1", "limit=1&offset=2")) {
            RecordedRequest request = take("GET", "/orgs?" + query);
            assertEquals("01HCALL", request.getHeader("X-Org"));
            assertEquals("corr-9", request.getHeader("X-Correlation-Id"));
            assertEquals("e", request.getHeader("X-Extra"));
        }
    }

    @Test
    void iteratingOneItemSendsNoFurtherRequest() throws Exception {
        enqueue(json(orgPage(6, "o1", "o2")), json(orgPage(6, "o3", "o4")));

        Iterator<OrganizationResponse> iterator = client.orgs().list(ListParams.builder().limit(2).build()).autoPaging().iterator();
        assertEquals("o1", iterator.next().getId());
        for (OrganizationResponse org : client.orgs().list().autoPaging()) {
            assertEquals("o3", org.getId());
            break;
        }

        take("GET", "/orgs?limit=2");
        take("GET", "/orgs");
        assertNoMoreRequests();
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void streamLimitedToTheFirstPageSendsNoFurtherRequest() throws Exception {
        serveByOffset();

        List<String> first = client.orgs().list().autoPaging().stream().limit(2).map(OrganizationResponse::getId).toList();

        assertEquals(List.of("o1", "o2"), first);
        take("GET", "/orgs");
        assertNoMoreRequests();
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void streamLimitedIntoTheSecondPageStopsThere() throws Exception {
        serveByOffset();

        List<String> three = client.orgs().list().autoPaging().stream().limit(3).map(OrganizationResponse::getId).toList();

        assertEquals(List.of("o1", "o2", "o3"), three);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void prefetchingYieldsTheSameItemsInOrder() throws Exception {
        serveByOffset();
        ListParams params = ListParams.builder().includeDeleted(true).limit(2).build();

        List<String> lazy = ids(client.orgs().list(params).autoPaging());
        List<String> prefetched = ids(client.orgs().list(params).autoPaging().prefetching());
        List<String> prefetchedStream = client.orgs().list(params).autoPaging().prefetching().stream().map(OrganizationResponse::getId).toList();

        assertEquals(ALL, lazy);
        assertEquals(ALL, prefetched);
        assertEquals(ALL, prefetchedStream);
        assertEquals(9, server.getRequestCount(), "three pages each, none twice");
        for (int i = 0; i < 9; i++) {
            RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
            assertTrue(request.getPath().startsWith(API + "/orgs?include_deleted=true&limit=2"), request.getPath());
        }
    }

    @Test
    void prefetchingKeepsTwoPagesRequestedWhileTheFirstIsConsumed() throws Exception {
        serveByOffset();
        ListParams params = ListParams.builder().limit(2).build();
        Page<OrganizationResponse> first = client.withOrg("01HCTX").orgs().list(params);
        take("GET", "/orgs?limit=2");

        Iterator<OrganizationResponse> items = first.autoPaging().prefetching().iterator();

        // nothing of the first page consumed yet, and both later pages already asked for
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            paths.add(request.getPath());
            assertEquals("01HCTX", request.getHeader("X-Org"));
        }
        assertEquals(java.util.Set.of(API + "/orgs?limit=2&offset=2", API + "/orgs?limit=2&offset=4"), paths);
        List<String> ids = new ArrayList<>();
        items.forEachRemaining(org -> ids.add(org.getId()));
        assertEquals(ALL, ids);
        assertEquals(3, server.getRequestCount(), "no page requested twice, none past the end");
    }

    @Test
    void prefetchingAfterAShortPageGoesOnFromWhereThatPageEnded() throws Exception {
        // the list shrank and grew while paging: offset 2 answers one item; offsets are then re-derived
        List<String> all = List.of("o1", "o2", "o3", "o4", "o5", "o6");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String offset = request.getRequestUrl().queryParameter("offset");
                int from = offset == null ? 0 : Integer.parseInt(offset);
                int size = from == 2 ? 1 : 2;
                List<String> ids = all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
                return json(orgPage(all.size(), ids.toArray(String[]::new)));
            }
        });

        List<String> ids = ids(client.orgs().list(ListParams.builder().limit(2).build()).autoPaging().prefetching());

        assertEquals(all, ids, "nothing skipped, nothing repeated");
    }

    @Test
    void prefetchingDepthMustBeBetweenOneAndEight() {
        serveByOffset();
        PagedIterable<OrganizationResponse> all = client.orgs().list().autoPaging();

        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> all.prefetching(0));
        assertEquals("pagesAhead must be between 1 and 8 but was 0", tooFew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> all.prefetching(9));
        assertEquals(ALL, ids(all.prefetching(8)));
    }

    @Test
    void aFailingLaterPageSurfacesItsTypedErrorLazilyAndPrefetched() {
        enqueue(json(orgPage(4, "o1", "o2")), apiError(404, "not_found", "gone"),
                json(orgPage(4, "o1", "o2")), apiError(403, "forbidden", "no"));

        java.util.Iterator<OrganizationResponse> lazy = client.orgs().list().autoPaging().iterator();
        lazy.next();
        lazy.next();
        house.openapp.sdk.errors.NotFoundException notFound =
                assertThrows(house.openapp.sdk.errors.NotFoundException.class, lazy::hasNext);
        assertEquals(java.util.Optional.of("req-404"), notFound.requestId());

        java.util.Iterator<OrganizationResponse> prefetched = client.orgs().list().autoPaging().prefetching().iterator();
        prefetched.next();
        prefetched.next();
        assertThrows(house.openapp.sdk.errors.PermissionDeniedException.class, prefetched::hasNext,
                "the background page's error is rethrown as itself, not wrapped");
    }

    @Test
    void eachIteratorStartsAgainFromTheFirstPage() throws Exception {
        serveByOffset();

        PagedIterable<OrganizationResponse> all = client.orgs().list().autoPaging();

        assertEquals(ALL, ids(all));
        assertEquals(ALL, ids(all));
        assertEquals(1 + 2 + 2, server.getRequestCount(), "the first page is reused; the later ones are fetched again");
    }

    @Test
    void manualPagingFollowsOffsets() throws Exception {
        serveByOffset();

        Page<OrganizationResponse> page = client.orgs().list(ListParams.builder().limit(2).build());
        List<Integer> offsets = new ArrayList<>();
        while (true) {
            offsets.add(page.offset());
            if (!page.hasNext()) {
                break;
            }
            page = page.next();
        }

        assertEquals(List.of(0, 2, 4), offsets);
        Page<OrganizationResponse> last = page;
        assertThrows(NoSuchElementException.class, last::next);
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void anEmptyPageEndsPagingEvenIfTheTotalSaysMore() throws Exception {
        enqueue(json(orgPage(10, "o1")), json(orgPage(10)));

        List<String> ids = ids(client.orgs().list().autoPaging());

        assertEquals(List.of("o1"), ids);
        take("GET", "/orgs");
        take("GET", "/orgs?offset=1");
        assertNoMoreRequests();
    }

    @Test
    void childrenSearchAndUsersKeepTheirArgumentsOnEveryPage() throws Exception {
        enqueue(json(orgPage(2, "c1")), json(orgPage(2, "c2")),
                json(orgPage(2, "s1")), json(orgPage(2, "s2")),
                json(page(2, user("u1"))), json(page(2, user("u2"))));

        assertEquals(List.of("c1", "c2"), ids(client.orgs().children("01HP").autoPaging()));
        assertEquals(List.of("s1", "s2"), ids(client.orgs().search("gate", ListParams.builder().onlyDeleted(true).build()).autoPaging()));
        List<String> users = client.orgs().users("01HORG", OrgUsersParams.builder().recursive(true).listParams(ListParams.builder().limit(1).build()).build())
                .autoPaging().stream().map(UserResponse::getId).toList();
        assertEquals(List.of("u1", "u2"), users);

        take("GET", "/orgs/children?parent_id=01HP");
        take("GET", "/orgs/children?parent_id=01HP&offset=1");
        take("GET", "/orgs/search?q=gate&only_deleted=true");
        take("GET", "/orgs/search?q=gate&only_deleted=true&offset=1");
        assertEquals("01HORG", take("GET", "/orgs/01HORG/users?limit=1&recursive=true").getHeader("X-Org"));
        assertEquals("01HORG", take("GET", "/orgs/01HORG/users?limit=1&offset=1&recursive=true").getHeader("X-Org"));
    }

    @Test
    void aPageFromAnAsyncCallPagesOnWithTheSameContext() throws Exception {
        enqueue(json(orgPage(2, "o1")), json(orgPage(2, "o2")));

        Page<OrganizationResponse> first = client.withOrg("01HCTX").orgs()
                .async().list(ListParams.builder().includeDeleted(true).build()).get(5, TimeUnit.SECONDS);

        assertEquals(List.of("o1", "o2"), ids(first.autoPaging()));
        assertEquals("01HCTX", take("GET", "/orgs?include_deleted=true").getHeader("X-Org"));
        assertEquals("01HCTX", take("GET", "/orgs?include_deleted=true&offset=1").getHeader("X-Org"));
        assertTrue(first.hasNext());
        assertEquals(2, server.getRequestCount());
    }
}
