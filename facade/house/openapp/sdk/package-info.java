/**
 * The OpenApp Java SDK: {@link house.openapp.sdk.OpenAppClient} and its resources.
 *
 * <p>Start with {@code OpenAppClient.fromEnv()} or {@code OpenAppClient.builder()}, then
 * {@code client.orgs()}. Errors are in {@code house.openapp.sdk.errors}; the generated
 * low-level layer is in {@code house.openapp.sdk.generated}; {@code house.openapp.sdk.internal}
 * is not API.
 */
package house.openapp.sdk;
