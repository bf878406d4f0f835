/**
 * The OpenTelemetry adapter of the SDK's {@link house.openapp.sdk.CallListener}:
 * {@link house.openapp.sdk.otel.OpenAppTelemetry}. It needs
 * {@code io.opentelemetry:opentelemetry-api}, an optional dependency of the SDK.
 */
package house.openapp.sdk.otel;
