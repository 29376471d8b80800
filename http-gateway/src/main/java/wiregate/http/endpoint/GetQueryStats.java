package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.core.async.AsyncQueryException;
import wiregate.http.ApiException;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/** {@code GET /v1/queries/{id}/stats}: rows, bytes, queue and run time. */
public final class GetQueryStats implements Endpoint {
  private final HttpServices services;

  public GetQueryStats(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) throws ApiException, AsyncQueryException {
    return new ApiResponse.Json(HttpResponseStatus.OK, ApiJson.stats(
        services.requireQueries().stats(request.user(), request.pathParam("id"))));
  }
}
