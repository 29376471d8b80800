package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.ErrorMapping;
import wiregate.http.HttpServices;

/** {@code GET /readyz}: 200 while the gateway takes new work, 503 once it drains (out of rotation). */
public final class Readiness implements Endpoint {
  private final HttpServices services;

  public Readiness(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    if (services.lifecycle().isReady()) {
      return new ApiResponse.Json(HttpResponseStatus.OK, ApiJson.object().put("status", "ready"));
    }
    ApiResponse.Json draining = new ApiResponse.Json(HttpResponseStatus.SERVICE_UNAVAILABLE,
        ApiJson.object().put("status", services.lifecycle().state().name().toLowerCase(java.util.Locale.ROOT)));
    draining.headers().set(HttpHeaderNames.RETRY_AFTER, ErrorMapping.RETRY_AFTER_SECONDS);
    return draining;
  }
}
