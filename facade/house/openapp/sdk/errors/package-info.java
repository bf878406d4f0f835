/**
 * The SDK's errors: one unchecked hierarchy under {@link house.openapp.sdk.errors.OpenAppException}.
 *
 * <p>{@link house.openapp.sdk.errors.OpenAppApiException} and its subclasses are HTTP error
 * responses, mapped from the status and the {@code ApiErrorResponse} body;
 * {@link house.openapp.sdk.errors.OpenAppConnectionException} and
 * {@link house.openapp.sdk.errors.OpenAppTimeoutException} are transport failures;
 * {@link house.openapp.sdk.errors.ImageSourceException} reports an image URL that could not be
 * fetched safely.
 */
package house.openapp.sdk.errors;
