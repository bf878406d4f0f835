package house.openapp.sdk.testing;

/**
 * An error answer of the fake server, thrown by request handling and turned into a response by
 * {@link FakeOpenApp}: the status, the stable {@code error_code}, a message for people and, for
 * the confirmation flow, a preview token.
 *
 * <p>Whether the answer carries an {@code ApiErrorResponse} body is decided by the route (some
 * routes answer their errors without a body), not by the thrower.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorCode;
  private final String previewToken;
  private final String allow;

  private ApiException(int status, String errorCode, String message, String previewToken, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
    this.previewToken = previewToken;
    this.allow = allow;
  }

  static ApiException of(int status, String errorCode, String message) {
    return new ApiException(status, errorCode, message, null, null);
  }

  static ApiException badRequest(String errorCode, String message) {
    return of(400, errorCode, message);
  }

  static ApiException unauthorized(String errorCode, String message) {
    return of(401, errorCode, message);
  }

  static ApiException forbidden(String message) {
    return of(403, "forbidden", message);
  }

  static ApiException notFound(String message) {
    return of(404, "not_found", message);
  }

  static ApiException conflict(String errorCode, String message) {
    return of(409, errorCode, message);
  }

  static ApiException unprocessable(String errorCode, String message) {
    return of(422, errorCode, message);
  }

  static ApiException confirmationRequired(String message, String previewToken) {
    return new ApiException(409, "confirmation_required", message, previewToken, null);
  }

  static ApiException methodNotAllowed(String message, String allow) {
    return new ApiException(405, "method_not_allowed", message, null, allow);
  }

  int status() {
    return status;
  }

  String errorCode() {
    return errorCode;
  }

  String previewToken() {
    return previewToken;
  }

  String allow() {
    return allow;
  }
}
