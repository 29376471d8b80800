package wiregate.http.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.core.config.LiveConfig;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/**
 * {@code POST /v1/admin/reload}: re-reads the configuration as SIGHUP does. 200 with what changed;
 * a rejected configuration is 422 (the request was fine, the configuration it asked to apply is not),
 * with the reason, and the running configuration stays.
 */
public final class ReloadConfig implements Endpoint {
  private final HttpServices services;

  public ReloadConfig(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    LiveConfig.ReloadResult result = services.config().reload();
    if (!result.applied()) {
      ObjectNode body = ApiJson.error("RELOAD_REJECTED", result.message());
      return new ApiResponse.Json(HttpResponseStatus.UNPROCESSABLE_ENTITY, body);
    }
    ObjectNode body = ApiJson.object();
    body.put("applied", true);
    result.changed().forEach(body.putArray("changed")::add);
    result.needRestart().forEach(body.putArray("need_restart")::add);
    body.put("message", result.message());
    return new ApiResponse.Json(HttpResponseStatus.OK, body);
  }
}
