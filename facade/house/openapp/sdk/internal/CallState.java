package house.openapp.sdk.internal;

/**
 * Per-call bookkeeping shared by the façade and the interceptors through a request tag: the
 * attempt count, and whether the current attempt reached the network.
 * Internal: not part of the SDK's API.
 */
public final class CallState {
    private final boolean retryNonIdempotent;
    private final long timeoutMillis;
    private volatile int attempts;
    private volatile boolean sent;
    private volatile String note;
    private volatile int redirects;
    private volatile boolean crossedOrigin;
    private volatile String refusedRedirect;
    /** The connection slot held, or {@code null}; swapped through {@link #SLOT} (no object of its own per call). */
    private volatile java.util.concurrent.Semaphore slot;
    private static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<CallState, java.util.concurrent.Semaphore> SLOT =
            java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(CallState.class, java.util.concurrent.Semaphore.class, "slot");
    private final boolean releasedByCaller;

    /**
     * Creates the state of one call.
     *
     * @param retryNonIdempotent whether the caller allows replaying a POST
     * @param timeoutMillis this call's timeout, or 0 for the client's
     * @param releasedByCaller whether its owner calls {@link #releaseSlot()} after the call (a façade call)
     */
    public CallState(boolean retryNonIdempotent, long timeoutMillis, boolean releasedByCaller) {
        this.retryNonIdempotent = retryNonIdempotent;
        this.timeoutMillis = timeoutMillis;
        this.releasedByCaller = releasedByCaller;
    }

    /**
     * This call's own timeout.
     *
     * @return milliseconds, or 0 for the client's call timeout
     */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Whether the caller allows replaying a POST.
     *
     * @return true if allowed
     */
    public boolean retryNonIdempotent() {
        return retryNonIdempotent;
    }

    /**
     * How many attempts have started.
     *
     * @return the attempt count
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Why the last failure was not retried, when that is not obvious from the failure itself
     * (a POST the server may have seen, a wait that would pass the deadline).
     *
     * @return the explanation, or {@code null}
     */
    public String note() {
        return note;
    }

    void note(String why) {
        note = why;
    }

    /**
     * Why the last redirect was not followed, if one was refused.
     *
     * @return the reason, or {@code null}
     */
    public String refusedRedirect() {
        return refusedRedirect;
    }

    /**
     * Whether a hop of this call left the call's origin; no credential goes out after that.
     *
     * @return true once a hop went to another origin
     */
    public boolean crossedOrigin() {
        return crossedOrigin;
    }

    int redirects() {
        return redirects;
    }

    void redirected(boolean foreign) {
        redirects++;
        crossedOrigin |= foreign;
    }

    void refuseRedirect(String why) {
        refusedRedirect = why;
    }

    /** Undoes {@link #startAttempt()} for an attempt that wrote nothing (an unfit pooled connection). */
    void restartAttempt() {
        sent = false;
    }

    /**
     * Gives back the call's connection slot ({@code HostLimiter}); idempotent. The façade calls it
     * once the OkHttp call is over, when its connection is back in the pool, so that the next
     * call finds that connection rather than opening one more.
     */
    public void releaseSlot() {
        java.util.concurrent.Semaphore held = SLOT.getAndSet(this, null);
        if (held != null) {
            held.release();
        }
    }

    boolean isReleasedByCaller() {
        return releasedByCaller;
    }

    void holdSlot(java.util.concurrent.Semaphore held) {
        slot = held;
    }

    void startAttempt() {
        attempts++;
        sent = false;
    }

    void markSent() {
        sent = true;
    }

    boolean sent() {
        return sent;
    }
}
