package house.openapp.sdk.internal;

import okhttp3.Call;
import okhttp3.HttpUrl;

import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps how many attempts run at once against one host and port, synchronous and asynchronous
 * calls together: over HTTP/1.1 each running attempt holds one connection, so this caps the
 * connections a client opens to a host (OkHttp's dispatcher caps only asynchronous calls).
 * A call that finds no free slot waits for one, within its deadline. Internal: not part of the
 * SDK's API.
 */
final class HostLimiter {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int perHost;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    /** The host of the last call, whose slots the next call most likely wants: found without building a key. */
    private volatile Host last;

    HostLimiter(int perHost) {
        this.perHost = perHost;
    }

    /**
     * Takes a slot for {@code url}'s host, waiting while the call is neither cancelled nor past
     * its deadline.
     *
     * @return the slot; release it when the attempt is over
     */
    Semaphore acquire(HttpUrl url, Call call) throws InterruptedIOException {
        Semaphore slots = slots(url);
        if (slots.tryAcquire()) {
            return slots;
        }
        try {
            while (!slots.tryAcquire(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
                if (call.isCanceled()) {
                    throw new InterruptedIOException("Canceled"); // deadline or close, while waiting for a connection
                }
            }
            return slots;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while waiting for a connection").initCause(e);
        }
    }

    private Semaphore slots(HttpUrl url) {
        Host host = last;
        if (host != null && host.port == url.port() && host.name.equals(url.host())) {
            return host.slots;
        }
        Semaphore slots = hosts.computeIfAbsent(url.host() + ":" + url.port(), key -> new Semaphore(perHost, true));
        last = new Host(url.host(), url.port(), slots);
        return slots;
    }

    private record Host(String name, int port, Semaphore slots) {
    }
}
