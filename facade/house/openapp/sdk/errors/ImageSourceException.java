package house.openapp.sdk.errors;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An image could not be taken from a caller-given URL (for
 * {@code orgs().uploadImageFromUrl(URI)}): the URL or a redirect broke a safety rule, the host
 * answered with an error, or the content was not an accepted image.
 *
 * <p>{@link #reason()} says which rule was broken; the message names it in words. Messages
 * never contain the userinfo (credentials) or the query of a URL.
 */
public final class ImageSourceException extends OpenAppException {
    private static final long serialVersionUID = 1L;

    /**
     * The rule an image source broke.
     */
    public enum Reason {
        /** The URL, or a redirect, used a scheme other than {@code http} or {@code https}. */
        SCHEME_NOT_ALLOWED,
        /** The host resolved to, or was connected at, an address the fetch policy refuses (such as a private, loopback or cloud metadata address). */
        ADDRESS_NOT_ALLOWED,
        /** The host redirected more often than the fetch policy allows. */
        TOO_MANY_REDIRECTS,
        /** The image is larger than the fetch policy's byte cap. */
        TOO_LARGE,
        /** The bytes are not a JPEG, PNG or WebP image. */
        UNSUPPORTED_CONTENT,
        /** The response declared an image {@code Content-Type} that contradicts its bytes. */
        CONTENT_TYPE_MISMATCH,
        /** The host answered with a status other than 2xx; see {@link #statusCode()}. */
        HTTP_STATUS,
        /** The image could not be downloaded (connection failure, timeout, cut-short body); see {@link #getCause()}. */
        IO_FAILURE
    }

    /** The rule that was broken. */
    private final Reason reason;
    /** The HTTP status for {@link Reason#HTTP_STATUS}, otherwise -1. */
    private final int statusCode;

    /**
     * Creates the error for every reason except {@link Reason#HTTP_STATUS}.
     *
     * @param reason the rule that was broken
     * @param message which rule was broken and where, without credentials or query strings
     * @param cause the underlying failure, or {@code null}
     * @param attempts how many HTTP requests were sent, 0 when none was
     * @throws IllegalArgumentException if {@code reason} is {@link Reason#HTTP_STATUS}, which
     *     needs a status code
     */
    public ImageSourceException(Reason reason, String message, Throwable cause, int attempts) {
        super(message, cause, attempts);
        this.reason = Objects.requireNonNull(reason, "reason");
        if (reason == Reason.HTTP_STATUS) {
            throw new IllegalArgumentException("HTTP_STATUS needs a status code");
        }
        this.statusCode = -1;
    }

    /**
     * Creates the error for {@link Reason#HTTP_STATUS}: the image host answered with a status
     * other than 2xx.
     *
     * @param statusCode the HTTP status of the final response, such as 404
     * @param message which URL answered with which status, without credentials or query strings
     * @param attempts how many HTTP requests were sent
     */
    public ImageSourceException(int statusCode, String message, int attempts) {
        super(message, null, attempts);
        this.reason = Reason.HTTP_STATUS;
        this.statusCode = statusCode;
    }

    /**
     * The rule the image source broke.
     *
     * @return the reason, never {@code null}
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The HTTP status of the final response, for {@link Reason#HTTP_STATUS}.
     *
     * @return the status, empty for every other reason
     */
    public OptionalInt statusCode() {
        return reason == Reason.HTTP_STATUS ? OptionalInt.of(statusCode) : OptionalInt.empty();
    }
}
