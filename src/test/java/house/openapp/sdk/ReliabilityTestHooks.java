package house.openapp.sdk;

/**
 * Test-only access to the package-private hooks of {@link OpenAppClient.Builder}, for the
 * reliability tests in other packages.
 */
public final class ReliabilityTestHooks {
    private ReliabilityTestHooks() {
    }

    /**
     * Routes the client's HTTP log (when {@link OpenAppClient.Builder#logging(boolean)} is on)
     * to the given logger instead of {@code System.getLogger("house.openapp.sdk.http")}.
     *
     * @param builder the builder
     * @param log the capturing logger
     * @return the builder
     */
    public static OpenAppClient.Builder httpLog(OpenAppClient.Builder builder, System.Logger log) {
        return builder.httpLog(log);
    }
}
