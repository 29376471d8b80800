package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import wiregate.core.async.AsyncQueryException;
import wiregate.http.ApiException;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/**
 * {@code GET /v1/ws?query_id=}: checks the request before the connection is switched to a
 * WebSocket, so a missing or foreign query is an ordinary JSON 4xx rather than a socket that closes.
 */
public final class SubscribeEvents implements Endpoint {
  private final HttpServices services;

  public SubscribeEvents(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) throws ApiException, AsyncQueryException {
    String upgrade = request.header(HttpHeaderNames.UPGRADE).orElse("");
    if (!upgrade.equalsIgnoreCase(HttpHeaderValues.WEBSOCKET.toString())) {
      throw new ApiException(HttpResponseStatus.UPGRADE_REQUIRED, "UPGRADE_REQUIRED",
          "this endpoint speaks WebSocket: send 'Upgrade: websocket'")
          .header(HttpHeaderNames.UPGRADE, "websocket");
    }
    String id = request.queryParam("query_id").filter(s -> !s.isBlank()).orElseThrow(
        () -> ApiException.badRequest("INVALID_REQUEST", "the query parameter query_id is required"));
    services.requireQueries().get(request.user(), id, Duration.ZERO); // 404 for an unknown or foreign id
    return new ApiResponse.EventStream(request.user(), id);
  }
}
