package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import wiregate.core.async.AsyncQueryException;
import wiregate.http.ApiException;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/** {@code GET /v1/queries/{id}}: the query's state and options (never waits). */
public final class GetQuery implements Endpoint {
  private final HttpServices services;

  public GetQuery(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) throws ApiException, AsyncQueryException {
    return new ApiResponse.Json(HttpResponseStatus.OK, ApiJson.query(
        services.requireQueries().get(request.user(), request.pathParam("id"), Duration.ZERO)));
  }
}
