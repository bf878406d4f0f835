package house.openapp.sdk.internal;

import okhttp3.Call;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cancels calls that pass their deadline: the SDK's call timeout. One daemon thread per client
 * looks at the registered calls every {@value #TICK_MILLIS} ms while there are any (and for a
 * second after the last, so that a client between calls needs no wake-up), then parks until the
 * next call, and ends when the client is closed and no call is left. Internal: not part of
 * the SDK's API.
 *
 * <p>Why not OkHttp's own call timeout: it is an Okio {@code AsyncTimeout}, and entering one on
 * an idle client wakes Okio's watchdog thread on every call. On the per-call benchmark that
 * wake-up cost 11 µs of a 100 µs call (docs/benchmarks.md). Registering here costs one
 * lock-free queue insertion and no wake-up, and unregistering one volatile write (the thread
 * drops finished calls as it looks); the price is precision: a deadline fires up to one tick
 * late.
 */
public final class DeadlineTimer {
    /** How often the registered calls are looked at while there are any. */
    static final long TICK_MILLIS = 10;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    /** How long the thread keeps ticking after the last call before it parks until the next. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Queue<Deadline> active = new ConcurrentLinkedQueue<>();
    private final Object lifecycle = new Object();
    private volatile Thread thread;
    private volatile boolean idle;
    private volatile boolean closed;
    private final java.util.concurrent.ThreadFactory threads;

    /** Creates a timer whose thread is started on the first registration. */
    public DeadlineTimer() {
        this(task -> new Thread(task, "OpenApp call deadlines"));
    }

    /** Creates a timer whose threads come from {@code threads} (for tests that kill one). */
    DeadlineTimer(java.util.concurrent.ThreadFactory threads) {
        this.threads = threads;
    }

    /**
     * Cancels {@code call} if it is still registered {@code timeoutMillis} from now.
     *
     * @param call the call to cancel
     * @param timeoutMillis the time it may take, positive
     * @return the registration; close it when the call is over
     */
    public Deadline register(Call call, long timeoutMillis) {
        Deadline deadline = new Deadline(call, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        active.offer(deadline);
        Thread running = thread;
        if (closed || running == null || running.getState() == Thread.State.TERMINATED) {
            // the thread may be ending (closed, nothing registered a moment ago): decide under the lock
            synchronized (lifecycle) {
                if (thread == null || thread.getState() == Thread.State.TERMINATED) {
                    start(); // none yet, or the last one died: a deadline must never be left unwatched
                } else {
                    LockSupport.unpark(thread);
                }
            }
        } else if (idle) {
            LockSupport.unpark(running);
        }
        return deadline;
    }

    /**
     * Cancels every registered call now (closing the client stops its calls at once).
     */
    public void cancelAll() {
        for (Deadline deadline : active) {
            if (!deadline.done) {
                deadline.cancel();
            }
        }
    }

    /**
     * Lets the thread end once no call is registered; a later registration starts it again.
     */
    public void close() {
        closed = true;
        LockSupport.unpark(thread); // no effect when there is none
    }

    /**
     * Whether the thread is running (for tests of the client's shutdown).
     *
     * @return true while the thread is alive
     */
    public boolean isRunning() {
        Thread running = thread;
        return running != null && running.isAlive();
    }

    /** Starts the thread; the caller holds {@link #lifecycle}. */
    private void start() {
        Thread created = threads.newThread(this::loop);
        created.setDaemon(true);
        thread = created;
        created.start();
    }

    private void loop() {
        long emptySince = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            try {
                sweep(now);
            } catch (Throwable anything) {
                // even an OutOfMemoryError: this thread is every later call's deadline
            }
            if (!active.isEmpty()) {
                emptySince = now;
                LockSupport.parkNanos(this, TICK_NANOS);
                continue;
            }
            if (!closed && now - emptySince < LINGER_NANOS) {
                // a client between calls: keep ticking a while, so the next call needs no wake-up
                LockSupport.parkNanos(this, TICK_NANOS);
                continue;
            }
            idle = true;
            if (active.isEmpty()) {
                if (closed && stop()) {
                    return;
                }
                LockSupport.park(this);
            }
            idle = false;
            emptySince = System.nanoTime();
        }
    }

    /** Drops the finished calls and cancels the late ones. */
    private void sweep(long now) {
        for (Iterator<Deadline> it = active.iterator(); it.hasNext(); ) {
            Deadline deadline = it.next();
            if (deadline.done) {
                it.remove();
            } else if (now - deadline.at >= 0) {
                deadline.expired = true;
                it.remove();
                deadline.cancel();
            }
        }
    }

    /** Ends the thread unless a registration slipped in; a later one starts a new thread. */
    private boolean stop() {
        synchronized (lifecycle) {
            if (!active.isEmpty()) {
                return false;
            }
            thread = null;
            return true;
        }
    }

    /** One call's deadline. Internal: not API. */
    public final class Deadline implements AutoCloseable {
        private final Call call;
        private final long at;
        private volatile boolean expired;
        private volatile boolean done;

        private Deadline(Call call, long at) {
            this.call = call;
            this.at = at;
        }

        /**
         * Whether the deadline passed and the call was cancelled for it.
         *
         * @return true once expired
         */
        public boolean expired() {
            return expired;
        }

        /** Cancels the call; whatever its cancellation throws, it is cancelled anyway (and the others must be too). */
        private void cancel() {
            try {
                call.cancel();
            } catch (Throwable failed) {
                // an EventListener.canceled() that throws, or an error
            }
        }

        /** Unregisters the call; its deadline no longer applies (the thread drops it at its next look). */
        @Override
        public void close() {
            done = true;
        }
    }
}
