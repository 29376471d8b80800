package wiregate.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses, with the HTTP status, a stable machine-readable code and a message for
 * people. It becomes {@code {"error":{"code":...,"message":...}}} with any extra headers it carries
 * (WWW-Authenticate, Allow, Retry-After, Content-Range).
 */
public final class ApiException extends Exception {
  private final HttpResponseStatus status;
  private final String code;
  private final HttpHeaders headers = new DefaultHttpHeaders();

  public ApiException(HttpResponseStatus status, String code, String message) {
    super(message, null, false, false); // an expected answer, not a bug: no stack trace
    this.status = status;
    this.code = code;
  }

  public ApiException header(CharSequence name, Object value) {
    headers.add(name, value);
    return this;
  }

  public HttpResponseStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public HttpHeaders headers() {
    return headers;
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(HttpResponseStatus.BAD_REQUEST, code, message);
  }
}
