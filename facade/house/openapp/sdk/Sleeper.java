package house.openapp.sdk;

import java.time.Duration;

/**
 * How the client waits between retries; replaceable so tests need not sleep.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * OpenAppClient client = OpenAppClient.builder().apiKey(key).sleeper(waits::add).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /**
     * Waits for the given time.
     *
     * @param duration how long to wait; never negative
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
}
