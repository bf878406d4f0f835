package house.openapp.sdk;

import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.OpenAppApiException;
import house.openapp.sdk.generated.model.OrganizationResponse;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code ...Async} forms: they hold no caller thread, and cancelling one cancels its HTTP call. */
class AsyncTest extends MockOpenApp {
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @BeforeEach
    void watchUncaughtExceptions() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
    }

    @AfterEach
    void restoreUncaughtExceptionHandler() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void asyncCallReturnsBeforeTheServerAnswersAndCompletesOnAnotherThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                arrived.countDown();
                release.await(5, TimeUnit.SECONDS);
                return json(orgMin("01HORG"));
            }
        });
        try {
            Thread caller = Thread.currentThread();
            CompletableFuture<OrganizationResponse> future = client.orgs().async().get("01HORG");
            CompletableFuture<Thread> completedOn = future.thenApply(org -> Thread.currentThread());

            assertTrue(arrived.await(5, TimeUnit.SECONDS), "the request was sent");
            assertFalse(future.isDone(), "the call returned while the server was still working");

            release.countDown();
            assertEquals("01HORG", future.get(5, TimeUnit.SECONDS).getId());
            assertNotEquals(caller, completedOn.get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    @Test
    void manyAsyncCallsRunWithoutACallerThreadEach() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(5, TimeUnit.SECONDS);
                return json(orgMin(request.getRequestUrl().pathSegments().get(3)));
            }
        });
        try {
            long dispatcherThreadsBefore = dispatcherThreads();
            List<CompletableFuture<OrganizationResponse>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(client.orgs().async().get("01H" + i));
            }
            assertTrue(futures.stream().noneMatch(CompletableFuture::isDone));
            // 20 calls wait on the server; OkHttp runs at most 5 per host, each on a dispatcher thread
            long added = dispatcherThreads() - dispatcherThreadsBefore;
            assertTrue(added <= 5, "20 pending calls hold " + added + " new dispatcher threads");
            release.countDown();
            for (int i = 0; i < 20; i++) {
                assertEquals("01H" + i, futures.get(i).get(5, TimeUnit.SECONDS).getId());
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void asyncErrorsCompleteTheFutureWithTheTypedException() throws Exception {
        enqueue(apiError(404, "not_found", "no such org"));

        CompletableFuture<OrganizationResponse> future = client.orgs().async().get("01HMISSING");

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        NotFoundException notFound = assertInstanceOf(NotFoundException.class, e.getCause());
        assertEquals("req-404", notFound.requestId().orElseThrow());
        assertEquals("no such org", notFound.serverMessage().orElseThrow());
    }

    @Test
    void asyncInvalidArgumentsFailBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> client.orgs().async().get("a/b"));
        assertThrows(IllegalArgumentException.class, () -> client.orgs().async().users(null));
        assertEquals(0, server.getRequestCount());
    }

    static Stream<Arguments> asyncCalls() {
        return Stream.of(
                Arguments.of("getAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().get("01HORG")),
                Arguments.of("listAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().list(ListParams.DEFAULT)),
                Arguments.of("childrenAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().children(null, ListParams.DEFAULT)),
                Arguments.of("searchAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().search("x", ListParams.DEFAULT)),
                Arguments.of("createAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().create(
                        OrgCreateParams.builder(LocalizedString.of("en", "x")).build())),
                Arguments.of("updateAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().update("01HORG",
                        OrgUpdateParams.builder().description("d").build())),
                Arguments.of("deleteAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().delete("01HORG")),
                Arguments.of("purgeAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().purge("01HORG")),
                Arguments.of("ancestorsAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().ancestors("01HORG")),
                Arguments.of("permissionsAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().permissions("01HORG")),
                Arguments.of("usersAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().users("01HORG", OrgUsersParams.builder().recursive(true).build())),
                Arguments.of("uploadImageAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().uploadImage("01HORG",
                        ImageUpload.of(new byte[] {1, 2, 3}, "image/png"))),
                Arguments.of("getImageAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().getImage("01HORG")),
                Arguments.of("deleteImageAsync", (Function<Orgs, CompletableFuture<?>>) orgs -> orgs.async().deleteImage("01HORG")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("asyncCalls")
    void cancellingTheFutureCancelsTheHttpCall(String name, Function<Orgs, CompletableFuture<?>> call) throws Exception {
        // A long read timeout: only a cancelled call ends quickly.
        OpenAppClient patient = newClient(builder -> builder.readTimeout(Duration.ofSeconds(30)));
        okhttp3.Dispatcher dispatcher = patient.generated().apiClient().getOkHttpClient().dispatcher();
        enqueue(noResponse());

        CompletableFuture<?> future = call.apply(patient.orgs());
        take();
        assertEquals(1, dispatcher.runningCallsCount());

        assertTrue(future.cancel(true));

        assertTrue(future.isCancelled());
        assertThrows(CancellationException.class, future::join);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (dispatcher.runningCallsCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, dispatcher.runningCallsCount(), name + ": the HTTP call was cancelled, not left waiting for the server");
        assertEquals(1, server.getRequestCount(), "a cancelled call is not retried");
        assertTrue(uncaught.isEmpty(), "no exception leaked: " + uncaught);
    }

    @Test
    void cancellingAfterCompletionChangesNothing() throws Exception {
        enqueueJson(orgMin("01HORG"));

        CompletableFuture<OrganizationResponse> future = client.orgs().async().get("01HORG");
        OrganizationResponse org = future.get(5, TimeUnit.SECONDS);

        assertFalse(future.cancel(true));
        assertEquals("01HORG", org.getId());
        assertFalse(future.isCancelled());
    }

    @Test
    void asyncConfirmationFailureIsAnApiException() throws Exception {
        enqueue(json(409, "{\"message\":\"confirm\",\"error_code\":\"conflict\"}"));

        CompletableFuture<OrganizationResponse> future = client.orgs().async().purge("01HORG");

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        assertEquals(409, assertInstanceOf(OpenAppApiException.class, e.getCause()).statusCode());
    }

    private static long dispatcherThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("OkHttp Dispatcher")).count();
    }
}
