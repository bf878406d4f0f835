package house.openapp.sdk.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a client was closed, shared by the parts of its stack that must stop then: the
 * request guard refuses new calls, and threads waiting to retry are woken so that their calls
 * end at once. Internal: not part of the SDK's API.
 */
public final class Lifecycle {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    /**
     * Marks the client closed and wakes every thread waiting to retry.
     *
     * @return true the first time
     */
    public boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        waiting.forEach(Thread::interrupt);
        return true;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    /** Registers the current thread as waiting to retry; {@link #close()} interrupts it. */
    void startWaiting() {
        waiting.add(Thread.currentThread());
    }

    /** Unregisters the current thread; clears an interrupt that came from {@link #close()}. */
    void stopWaiting() {
        waiting.remove(Thread.currentThread());
        if (closed.get()) {
            Thread.interrupted();
        }
    }
}
