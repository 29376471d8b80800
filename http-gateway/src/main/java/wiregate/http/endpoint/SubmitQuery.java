package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Optional;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryService;
import wiregate.http.ApiException;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/**
 * {@code POST /v1/queries}: 202 with the new (or, for a repeated Idempotency-Key, the earlier) query.
 * {@code mode: sync} then waits for a terminal state, at most {@code timeout_ms} or
 * {@link #SYNC_WAIT_CAP}, and answers 200 with it; a query still running when the wait ends is
 * answered 202 like an async one, and the client polls.
 */
public final class SubmitQuery implements Endpoint {
  /** The longest a sync request holds its connection, whatever timeout_ms says. */
  public static final Duration SYNC_WAIT_CAP = Duration.ofMinutes(5);
  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final HttpServices services;

  public SubmitQuery(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) throws ApiException, AsyncQueryException {
    requireJson(request);
    QueryRequest submission = SubmissionParser.parse(request.body(),
        services.config().current().async.defaultDatabase);
    Optional<String> key = idempotencyKey(request);
    QueryService queries = services.requireQueries();
    QueryInfo info = queries.submit(request.user(), submission, key);
    if (submission.sync() && !info.state().isTerminal()) {
      Duration wait = submission.timeoutMs() == null ? SYNC_WAIT_CAP
          : Duration.ofMillis(Math.min(submission.timeoutMs(), SYNC_WAIT_CAP.toMillis()));
      info = queries.get(request.user(), info.id(), wait);
    }
    HttpResponseStatus status = submission.sync() && info.state().isTerminal()
        ? HttpResponseStatus.OK : HttpResponseStatus.ACCEPTED;
    ApiResponse.Json response = new ApiResponse.Json(status, ApiJson.query(info));
    response.headers().set(HttpHeaderNames.LOCATION, "/v1/queries/" + info.id());
    return response;
  }

  static void requireJson(ApiRequest request) throws ApiException {
    String type = request.header(HttpHeaderNames.CONTENT_TYPE).orElse("");
    String mime = type.split(";", 2)[0].trim();
    if (!mime.equalsIgnoreCase(HttpHeaderValues.APPLICATION_JSON.toString())) {
      throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
          "the request body must be JSON, sent with Content-Type: application/json"
              + (type.isEmpty() ? "" : " (got '" + type + "')"));
    }
  }

  private static Optional<String> idempotencyKey(ApiRequest request) throws ApiException {
    Optional<String> key = request.header("Idempotency-Key");
    if (key.isPresent()) {
      String k = key.get();
      if (k.isEmpty() || k.length() > MAX_IDEMPOTENCY_KEY || !k.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw ApiException.badRequest("INVALID_IDEMPOTENCY_KEY",
            "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters");
      }
    }
    return key;
  }
}
