package house.openapp.sdk;

import house.openapp.sdk.generated.model.MultiResourceOutputOptionsQuery;
import house.openapp.sdk.generated.model.PaginationQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input fails fast with an {@link IllegalArgumentException} that names the argument, and
 * nothing reaches the server.
 */
class InputValidationTest extends MockOpenApp {
    private static final byte[] IMAGE = {1, 2, 3};

    /** Ids that are not one safe path segment. */
    static final List<String> BAD_IDS = Arrays.asList(null, "", "   ", "a/b", "../01HORG", "01HORG/..", ".", "..", "a\\b",
            "01H\r\nX-Evil: 1", "01H\u0000");

    @AfterEach
    void nothingReachedTheServer() {
        assertEquals(0, server.getRequestCount(), "invalid input must fail before any request");
    }

    private static IllegalArgumentException assertRefused(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(argument + " must"), "message names " + argument + ": " + e.getMessage());
        return e;
    }

    /** Every façade call taking an id, with the name of that argument. */
    static Stream<Arguments> idCalls() {
        List<Arguments> calls = new ArrayList<>();
        add(calls, "id", "get", (orgs, id) -> orgs.get(id));
        add(calls, "id", "get(includeDeleted)", (orgs, id) -> orgs.get(id, OrgGetParams.builder().includeDeleted(true).build()));
        add(calls, "id", "getWithResponse", (orgs, id) -> orgs.withResponse().get(id));
        add(calls, "id", "getAsync", (orgs, id) -> orgs.async().get(id));
        add(calls, "id", "update", (orgs, id) -> orgs.update(id, OrgUpdateParams.builder().description("d").build()));
        add(calls, "id", "updateWithResponse", (orgs, id) -> orgs.withResponse().update(id, OrgUpdateParams.builder().build()));
        add(calls, "id", "updateAsync", (orgs, id) -> orgs.async().update(id, OrgUpdateParams.builder().build()));
        add(calls, "id", "delete", (orgs, id) -> orgs.delete(id));
        add(calls, "id", "deleteWithResponse", (orgs, id) -> orgs.withResponse().delete(id, OrgDeleteParams.builder().includeDeleted(true).build()));
        add(calls, "id", "deleteAsync", (orgs, id) -> orgs.async().delete(id));
        add(calls, "id", "purge", (orgs, id) -> orgs.purge(id));
        add(calls, "id", "purgeWithResponse", (orgs, id) -> orgs.withResponse().purge(id));
        add(calls, "id", "purgeAsync", (orgs, id) -> orgs.async().purge(id));
        add(calls, "id", "ancestors", (orgs, id) -> orgs.ancestors(id));
        add(calls, "id", "ancestorsWithResponse", (orgs, id) -> orgs.withResponse().ancestors(id));
        add(calls, "id", "ancestorsAsync", (orgs, id) -> orgs.async().ancestors(id));
        add(calls, "id", "permissions", (orgs, id) -> orgs.permissions(id));
        add(calls, "id", "permissionsWithResponse", (orgs, id) -> orgs.withResponse().permissions(id));
        add(calls, "id", "permissionsAsync", (orgs, id) -> orgs.async().permissions(id));
        add(calls, "orgId", "users", (orgs, id) -> orgs.users(id));
        add(calls, "orgId", "users(recursive)", (orgs, id) -> orgs.users(id, OrgUsersParams.builder().recursive(true).build()));
        add(calls, "orgId", "usersWithResponse", (orgs, id) -> orgs.withResponse().users(id));
        add(calls, "orgId", "usersAsync", (orgs, id) -> orgs.async().users(id));
        add(calls, "id", "uploadImage(bytes)", (orgs, id) -> orgs.uploadImage(id, ImageUpload.of(IMAGE, "image/png")));
        add(calls, "id", "uploadImage(stream)", (orgs, id) -> orgs.uploadImage(id, ImageUpload.of(new ByteArrayInputStream(IMAGE), "image/png")));
        add(calls, "id", "uploadImage(upload)", (orgs, id) -> orgs.uploadImage(id, ImageUpload.of(IMAGE, "image/png")));
        add(calls, "id", "uploadImageWithResponse", (orgs, id) -> orgs.withResponse().uploadImage(id, ImageUpload.of(IMAGE, "image/png")));
        add(calls, "id", "uploadImageAsync", (orgs, id) -> orgs.async().uploadImage(id, ImageUpload.of(IMAGE, "image/png")));
        add(calls, "id", "getImage", (orgs, id) -> orgs.getImage(id));
        add(calls, "id", "getImageWithResponse", (orgs, id) -> orgs.withResponse().getImage(id));
        add(calls, "id", "getImageAsync", (orgs, id) -> orgs.async().getImage(id));
        add(calls, "id", "deleteImage", (orgs, id) -> orgs.deleteImage(id));
        add(calls, "id", "deleteImageWithResponse", (orgs, id) -> orgs.withResponse().deleteImage(id));
        add(calls, "id", "deleteImageAsync", (orgs, id) -> orgs.async().deleteImage(id));
        return calls.stream();
    }

    private static void add(List<Arguments> calls, String argument, String name, BiConsumer<Orgs, String> call) {
        for (String bad : BAD_IDS) {
            calls.add(Arguments.of(name, argument, bad, call));
        }
    }

    @ParameterizedTest(name = "{0}({2})")
    @MethodSource("idCalls")
    void badIdsAreRefusedNamingTheArgument(String name, String argument, String badId, BiConsumer<Orgs, String> call) {
        assertRefused(argument, () -> call.accept(client.orgs(), badId));
    }

    @Test
    void badIdMessagesSayWhatIsWrong() {
        assertEquals("id must not be null", assertRefused("id", () -> client.orgs().get(null)).getMessage());
        assertEquals("id must not be blank", assertRefused("id", () -> client.orgs().get(" ")).getMessage());
        assertEquals("id must not be '.' or '..'", assertRefused("id", () -> client.orgs().get("..")).getMessage());
        assertTrue(assertRefused("id", () -> client.orgs().get("../x")).getMessage().contains("'/'"));
    }

    @Test
    void aNullParentListsTheRootsButABadParentIsRefused() {
        for (String bad : BAD_IDS) {
            if (bad == null) {
                continue;
            }
            assertRefused("parentId", () -> client.orgs().children(bad));
            assertRefused("parentId", () -> client.orgs().withResponse().children(bad, ListParams.DEFAULT));
            assertRefused("parentId", () -> client.orgs().async().children(bad, ListParams.DEFAULT));
        }
    }

    @Test
    void limitOutsideTheRangeIsRefusedWithAnExactMessage() {
        assertEquals("limit must be between 0 and 200 but was 500",
                assertRefused("limit", () -> ListParams.builder().limit(500)).getMessage());
        assertEquals("limit must be between 0 and 200 but was -1",
                assertRefused("limit", () -> ListParams.builder().limit(-1)).getMessage());
        assertEquals("limit must be between 0 and 200 but was 500",
                assertRefused("limit", () -> ListParams.of(null, new PaginationQuery().limit(500))).getMessage());
        assertDoesNotThrow(() -> ListParams.builder().limit(0).limit(200).build());
    }

    @Test
    void negativeOffsetIsRefused() {
        assertEquals("offset must be at least 0 but was -1",
                assertRefused("offset", () -> ListParams.builder().offset(-1)).getMessage());
        assertRefused("offset", () -> ListParams.of(new MultiResourceOutputOptionsQuery(), new PaginationQuery().offset(-5)));
        assertRefused("offset", () -> ListParams.DEFAULT.withOffset(-2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Field\r\nOffice", "Field\u0000"})
    void badNamesAreRefused(String name) {
        assertRefused("name", () -> client.orgs().create(name));
        assertRefused("name", () -> client.orgs().getByName(name));
        assertRefused("name", () -> client.orgs().getByName(name, OrgGetByNameParams.builder().match(OrgGetByNameParams.Match.CONTAINS).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\u2003"})
    void blankSearchIsRefusedBeforeAnyRequestInEveryForm(String query) {
        assertTrue(assertRefused("query", () -> client.orgs().search(query)).getMessage().startsWith("query must not be blank"));
        assertRefused("query", () -> client.orgs().withResponse().search(query, ListParams.DEFAULT));
        assertRefused("query", () -> client.orgs().async().search(query, ListParams.DEFAULT));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void nullNamesAndQueriesAreRefused() {
        assertEquals("name must not be null", assertRefused("name", () -> client.orgs().create((String) null)).getMessage());
        assertRefused("name", () -> client.orgs().getByName(null));
        assertEquals("query must not be null", assertRefused("query", () -> client.orgs().search(null)).getMessage());
        assertRefused("query", () -> client.orgs().async().search(null, ListParams.DEFAULT));
        assertRefused("query", () -> client.orgs().search("gate\r\nX-Evil: 1"));
    }

    @Test
    void badCreateAndUpdateParamsAreRefused() {
        LocalizedString name = LocalizedString.of("en", "x");
        assertRefused("parentId", () -> OrgCreateParams.builder(name).parentId("a/b"));
        assertRefused("id", () -> OrgCreateParams.builder(name).id(".."));
        assertRefused("parentId", () -> OrgUpdateParams.builder().parentId(" "));
        assertRefused("locale", () -> LocalizedString.of(" ", "x"));
        assertRefused("locale", () -> LocalizedString.of("en\n", "x"));
        assertThrows(IllegalArgumentException.class, () -> LocalizedString.builder().build());
        assertThrows(IllegalArgumentException.class, () -> LocalizedString.of(java.util.Map.of()));
        assertThrows(NullPointerException.class, () -> OrgCreateParams.builder(null));
        assertThrows(NullPointerException.class, () -> client.orgs().update("01HORG", null));
        assertThrows(NullPointerException.class, () -> client.orgs().list(null));
    }

    @Test
    void badImagesAreRefused(@TempDir Path dir) throws Exception {
        assertRefused("image", () -> ImageUpload.of(new byte[0], "image/png"));
        assertRefused("image", () -> ImageUpload.of(new byte[ImageUpload.MAX_BYTES + 1], "image/png"));
        assertRefused("image", () -> client.orgs().uploadImage("01HORG", ImageUpload.of(new ByteArrayInputStream(new byte[ImageUpload.MAX_BYTES + 1]), "image/png")));
        Path gif = Files.write(dir.resolve("logo.gif"), IMAGE);
        assertRefused("image file", () -> client.orgs().uploadImage("01HORG", ImageUpload.of(gif)));
        assertRefused("contentType", () -> ImageUpload.of(IMAGE, "image/png\r\nX-Evil: 1"));
        assertRefused("contentType", () -> ImageUpload.of(IMAGE, " "));
        assertRefused("filename", () -> ImageUpload.of(IMAGE, "image/png", "a\r\nb.png"));
    }

    @Test
    void badClientSettingsAreRefusedNamingTheSetting() {
        assertRefused("defaultOrg", () -> builder().defaultOrg("a/b"));
        assertRefused("userAgentSuffix", () -> builder().userAgentSuffix("app/1\r\nX-Evil: 1"));
        assertRefused("bearerToken", () -> OpenAppClient.builder().bearerToken("jwt\r\nX-Evil: 1"));
        assertRefused("readTimeout", () -> builder().readTimeout(java.time.Duration.ZERO));
        assertRefused("callTimeout", () -> builder().callTimeout(java.time.Duration.ofSeconds(-1)));
        assertRefused("timeout", () -> RequestOptions.builder().timeout(java.time.Duration.ZERO));
        assertRefused("maxRetries", () -> RetryPolicy.builder().maxRetries(11));
    }
}
