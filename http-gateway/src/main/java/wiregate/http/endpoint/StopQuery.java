package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.core.async.AsyncQueryException;
import wiregate.http.ApiException;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/**
 * {@code POST /v1/queries/{id}:stop}: asks the query to stop and answers 200 with its state then
 * (CANCELED, or still RUNNING while the cancel reaches the engine; a finished query is unchanged).
 */
public final class StopQuery implements Endpoint {
  private final HttpServices services;

  public StopQuery(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) throws ApiException, AsyncQueryException {
    return new ApiResponse.Json(HttpResponseStatus.OK, ApiJson.query(
        services.requireQueries().stop(request.user(), request.pathParam("id"))));
  }
}
