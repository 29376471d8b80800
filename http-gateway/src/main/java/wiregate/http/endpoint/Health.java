package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;

/** {@code GET /healthz}: 200 whenever the process answers at all (liveness, also while draining). */
public final class Health implements Endpoint {
  @Override
  public ApiResponse handle(ApiRequest request) {
    return new ApiResponse.Json(HttpResponseStatus.OK, ApiJson.object().put("status", "ok"));
  }
}
