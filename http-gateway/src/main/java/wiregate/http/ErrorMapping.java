package wiregate.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.core.async.AsyncQueryException;

/** How the query service's refusals become HTTP answers. */
public final class ErrorMapping {
  /** Seconds a refused client is asked to wait before it tries again (or another instance). */
  public static final int RETRY_AFTER_SECONDS = 5;

  private ErrorMapping() {}

  public static ApiException toApi(AsyncQueryException e) {
    String message = e.getMessage();
    return switch (e.problem()) {
      case INVALID_REQUEST -> ApiException.badRequest("INVALID_REQUEST", message);
      // The body named a database that does not exist: the request is wrong, the URL is fine.
      case UNKNOWN_DATABASE -> ApiException.badRequest("UNKNOWN_DATABASE", message);
      case NOT_FOUND -> new ApiException(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", message);
      case RESULT_NOT_READY -> new ApiException(HttpResponseStatus.CONFLICT, "RESULT_NOT_READY", message);
      case EXPIRED -> new ApiException(HttpResponseStatus.GONE, "EXPIRED", message);
      case RANGE_NOT_SATISFIABLE ->
          new ApiException(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "RANGE_NOT_SATISFIABLE", message);
      case UNAVAILABLE -> unavailable(message);
    };
  }

  public static ApiException unavailable(String message) {
    return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", message)
        .header(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
  }
}
