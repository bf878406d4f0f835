package house.openapp.sdk.internal;

import house.openapp.sdk.errors.AuthenticationException;
import house.openapp.sdk.errors.BadRequestException;
import house.openapp.sdk.errors.ConfirmationRequiredException;
import house.openapp.sdk.errors.ConflictException;
import house.openapp.sdk.errors.ErrorDetails;
import house.openapp.sdk.errors.NotFoundException;
import house.openapp.sdk.errors.OpenAppApiException;
import house.openapp.sdk.errors.OpenAppConnectionException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.errors.PermissionDeniedException;
import house.openapp.sdk.errors.ProxyAuthenticationException;
import house.openapp.sdk.errors.QuotaExceededException;
import house.openapp.sdk.errors.RateLimitException;
import house.openapp.sdk.errors.RedirectException;
import house.openapp.sdk.errors.ServerException;
import house.openapp.sdk.errors.UnprocessableEntityException;
import house.openapp.sdk.generated.model.ApiErrorResponse;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.function.Function;

/**
 * Turns error responses and I/O failures into the SDK's exception hierarchy. Internal: not
 * part of the SDK's API.
 */
public final class ErrorMapper {
    /** How much of a server's text a message quotes. */
    public static final int QUOTE_CHARS = 200;

    private ErrorMapper() {
    }

    /**
     * Maps a non-2xx response (whose body is buffered) to its exception.
     *
     * @param response the response
     * @param attempts how many attempts were made
     * @param confirm repeats the request with a confirmation token, for
     *     {@code confirmation_required}
     * @return the exception to throw
     */
    public static OpenAppApiException fromResponse(Response response, int attempts, Function<String, Object> confirm) {
        String text = "";
        try {
            if (response.body() != null) {
                text = response.body().string();
            }
        } catch (IOException unreadable) {
            // read as no body
        }
        ApiErrorResponse body = RequestExtras.read(text, ApiErrorResponse.class);
        boolean structured = body != null && body.getMessage() != null;
        ErrorDetails details = new ErrorDetails(response.code(), structured ? body : null, response.header("X-Request-Id"),
                response.headers().toMultimap(), structured ? null : text, attempts);
        CallState state = response.request().tag(CallState.class);
        if (state != null && state.refusedRedirect() != null && response.isRedirect()) {
            return new RedirectException(details, state.refusedRedirect());
        }
        String errorCode = details.errorCode();
        if ("confirmation_required".equals(errorCode) && details.previewToken() != null) {
            return new ConfirmationRequiredException(details, confirm);
        }
        return switch (response.code()) {
            case 400 -> new BadRequestException(details);
            case 401 -> new AuthenticationException(details);
            case 403 -> new PermissionDeniedException(details);
            case 404 -> new NotFoundException(details);
            case 407 -> new ProxyAuthenticationException(details);
            case 409 -> new ConflictException(details);
            case 422 -> new UnprocessableEntityException(details);
            case 429 -> "quota_exceeded".equals(errorCode) ? new QuotaExceededException(details) : new RateLimitException(details);
            default -> response.code() >= 500 ? new ServerException(details) : new OpenAppApiException(details);
        };
    }

    /**
     * Maps an I/O failure to a connection or timeout error, with why it was not retried.
     *
     * @param failure the failure
     * @param method the request's method
     * @param url the request's URL, without query
     * @param attempts how many attempts were made
     * @param note why the failure was not retried, or {@code null}
     * @return the exception to throw
     */
    public static OpenAppException fromIo(IOException failure, String method, String url, int attempts, String note) {
        String where = method + " " + url;
        String tail = note == null ? "" : "; " + note;
        if (failure instanceof BodyTooLargeException tooLarge) {
            return tooLarge.toPublic(where, attempts);
        }
        if (RetryInterceptor.PROXY_AUTH_FAILED.equals(failure.getMessage())) {
            return new ProxyAuthenticationException(new ErrorDetails(407, new ApiErrorResponse().message("the proxy refused the tunnel to "
                    + url + " (HTTP 407) and no proxy authenticator answered"), null, java.util.Map.of(), null, attempts));
        }
        if (failure instanceof SocketTimeoutException
                || (failure instanceof InterruptedIOException && "timeout".equals(failure.getMessage()))) {
            return new OpenAppTimeoutException(where + " timed out after " + attempts(attempts) + ": " + failure.getMessage() + tail,
                    failure, attempts);
        }
        return new OpenAppConnectionException(where + " failed after " + attempts(attempts) + ": " + failure + tail, failure, attempts);
    }

    /**
     * Renders an attempt count for messages.
     *
     * @param attempts the count
     * @return {@code "1 attempt"} or {@code "N attempts"}
     */
    public static String attempts(int attempts) {
        return attempts == 1 ? "1 attempt" : attempts + " attempts";
    }

    /**
     * Cuts a text quoted in a message to {@value #QUOTE_CHARS} characters.
     *
     * @param text the text
     * @return the text, or its start followed by {@code ...}
     */
    public static String quote(String text) {
        return text.length() <= QUOTE_CHARS ? text : text.substring(0, QUOTE_CHARS) + "...";
    }
}
