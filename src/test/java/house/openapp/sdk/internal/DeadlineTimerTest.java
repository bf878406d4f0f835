package house.openapp.sdk.internal;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call deadlines that replace OkHttp's call timeout: a call still registered at its deadline
 * is cancelled and marked expired, one unregistered in time never is, and the thread parks
 * while idle and ends after close.
 */
class DeadlineTimerTest {

    @Test
    void aCallStillRegisteredAtItsDeadlineIsCancelledAndMarkedExpired() throws Exception {
        DeadlineTimer timer = new DeadlineTimer();
        RecordingCall call = new RecordingCall();
        long started = System.nanoTime();
        DeadlineTimer.Deadline deadline = timer.register(call, 50);
        assertTrue(call.cancelled.await(5, TimeUnit.SECONDS), "not cancelled within 5 s");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(deadline.expired());
        assertTrue(millis >= 50, "cancelled " + millis + " ms after registering, before the 50 ms deadline");
        deadline.close();
        timer.close();
    }

    @Test
    void aCallUnregisteredBeforeItsDeadlineIsNeverCancelled() throws Exception {
        DeadlineTimer timer = new DeadlineTimer();
        RecordingCall call = new RecordingCall();
        DeadlineTimer.Deadline deadline = timer.register(call, 100);
        deadline.close();
        RecordingCall later = new RecordingCall();
        DeadlineTimer.Deadline witness = timer.register(later, 150);
        assertTrue(later.cancelled.await(5, TimeUnit.SECONDS), "the witness call was not cancelled");
        assertFalse(call.isCanceled(), "a call unregistered in time was cancelled");
        assertFalse(deadline.expired());
        witness.close();
        timer.close();
    }

    @Test
    void manyCallsEachExpireOnlyAtTheirOwnDeadline() throws Exception {
        DeadlineTimer timer = new DeadlineTimer();
        RecordingCall soon = new RecordingCall();
        RecordingCall late = new RecordingCall();
        DeadlineTimer.Deadline soonDeadline = timer.register(soon, 30);
        DeadlineTimer.Deadline lateDeadline = timer.register(late, 60_000);
        assertTrue(soon.cancelled.await(5, TimeUnit.SECONDS));
        assertTrue(soonDeadline.expired());
        assertFalse(late.isCanceled());
        assertFalse(lateDeadline.expired());
        lateDeadline.close();
        timer.close();
    }

    @Test
    void theThreadEndsAfterCloseOnceNoCallIsLeftAndALaterCallStartsItAgain() throws Exception {
        DeadlineTimer timer = new DeadlineTimer();
        assertFalse(timer.isRunning(), "no thread before the first call");
        DeadlineTimer.Deadline deadline = timer.register(new RecordingCall(), 60_000);
        assertTrue(timer.isRunning());
        timer.close();
        Thread.sleep(50);
        assertTrue(timer.isRunning(), "the thread ended while a call was still registered");
        deadline.close();
        awaitStopped(timer);

        RecordingCall afterClose = new RecordingCall();
        DeadlineTimer.Deadline again = timer.register(afterClose, 20);
        assertTrue(afterClose.cancelled.await(5, TimeUnit.SECONDS), "a call registered after close kept no deadline");
        assertTrue(again.expired());
        again.close();
        awaitStopped(timer);
    }

    private static void awaitStopped(DeadlineTimer timer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (timer.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(timer.isRunning(), "the deadline thread still runs 5 s after close with no call left");
    }

    @Test
    void aCancelThatThrowsEvenAnErrorLeavesTheTimerRunningForTheOtherCalls() throws Exception {
        DeadlineTimer timer = new DeadlineTimer();
        RecordingCall oom = new RecordingCall(new OutOfMemoryError("injected"));
        RecordingCall failing = new RecordingCall(new IllegalStateException("injected"));
        timer.register(oom, 20);
        timer.register(failing, 20);
        assertTrue(oom.cancelled.await(5, TimeUnit.SECONDS));
        assertTrue(failing.cancelled.await(5, TimeUnit.SECONDS));
        RecordingCall next = new RecordingCall();
        long started = System.nanoTime();
        timer.register(next, 100);
        assertTrue(next.cancelled.await(5, TimeUnit.SECONDS), "the call after the failures was never cancelled");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1_000, "cancelled after " + millis + " ms for a 100 ms deadline");
        timer.close();
    }

    @Test
    void aDeadlineThreadThatDiedIsReplacedAtTheNextRegistration() throws Exception {
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        DeadlineTimer timer = new DeadlineTimer(task -> {
            // the first thread dies at once, as one killed by an error would
            Thread thread = new Thread(created.getAndIncrement() == 0 ? () -> { } : task);
            thread.setDaemon(true);
            return thread;
        });
        RecordingCall first = new RecordingCall();
        timer.register(first, 20);
        Thread.sleep(100);
        RecordingCall second = new RecordingCall();
        timer.register(second, 20);
        assertTrue(second.cancelled.await(5, TimeUnit.SECONDS), "no thread came back to cancel the call");
        assertTrue(first.cancelled.await(5, TimeUnit.SECONDS), "the call registered while the thread was dead was lost");
        assertTrue(created.get() >= 2);
        timer.close();
    }

    /** A call that only records its cancellation, and may throw from cancel() once. */
    private static final class RecordingCall implements Call {
        final CountDownLatch cancelled = new CountDownLatch(1);
        private Throwable failure;

        RecordingCall() {
        }

        RecordingCall(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Request request() {
            return new Request.Builder().url("http://127.0.0.1/").build();
        }

        @Override
        public Response execute() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void enqueue(Callback callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel() {
            cancelled.countDown();
            Throwable once = failure;
            failure = null;
            if (once instanceof Error error) {
                throw error;
            }
            if (once instanceof RuntimeException runtime) {
                throw runtime;
            }
        }

        @Override
        public boolean isExecuted() {
            return true;
        }

        @Override
        public boolean isCanceled() {
            return cancelled.getCount() == 0;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public Call clone() {
            return new RecordingCall();
        }
    }
}
