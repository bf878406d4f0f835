package house.openapp.sdk.errors;

import java.util.Objects;
import java.util.function.Function;

/**
 * The API asked for confirmation ({@code error_code} {@code confirmation_required}) before a
 * destructive operation, and returned a {@code preview_token}.
 *
 * <p>Inspect the error, then go ahead in one call; the same request is sent again with
 * {@code X-OpenApp-Confirm: <preview_token>}:
 * <pre>{@code
 * try {
 *     orgs.purge(id);
 * } catch (ConfirmationRequiredException e) {
 *     OrganizationResponse purged = e.confirm(OrganizationResponse.class);
 * }
 * }</pre>
 */
public final class ConfirmationRequiredException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    private final transient Function<String, Object> repeatWithToken;

    /**
     * Creates the error.
     *
     * @param details what the response said; its preview token must be present
     * @param repeatWithToken sends the same request again with the given token as
     *     {@code X-OpenApp-Confirm} and returns its result
     */
    public ConfirmationRequiredException(ErrorDetails details, Function<String, Object> repeatWithToken) {
        super(details);
        this.repeatWithToken = Objects.requireNonNull(repeatWithToken, "repeatWithToken");
    }

    /**
     * Sends the same request again with {@code X-OpenApp-Confirm} set to the preview token.
     *
     * @param resultType the type the operation returns, such as {@code OrganizationResponse.class}
     * @param <T> that type
     * @return what the confirmed operation returned
     * @throws IllegalStateException if the server sent no preview token
     * @throws OpenAppException if the confirmed request fails
     */
    public <T> T confirm(Class<T> resultType) {
        String token = previewToken().orElseThrow(() ->
                new IllegalStateException("the server asked for confirmation but sent no preview_token"));
        return resultType.cast(repeatWithToken.apply(token));
    }
}
