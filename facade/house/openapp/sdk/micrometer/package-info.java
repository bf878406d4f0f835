/**
 * The Micrometer Observation adapter of the SDK's {@link house.openapp.sdk.CallListener}:
 * {@link house.openapp.sdk.micrometer.OpenAppObservation}. It needs
 * {@code io.micrometer:micrometer-observation}, an optional dependency of the SDK.
 */
package house.openapp.sdk.micrometer;
