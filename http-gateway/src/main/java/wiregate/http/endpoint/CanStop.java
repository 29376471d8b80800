package wiregate.http.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.core.lifecycle.Lifecycle;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/** {@code GET /v1/admin/can-stop}: whether stopping now would lose work, and what is in flight. */
public final class CanStop implements Endpoint {
  private final HttpServices services;

  public CanStop(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    Lifecycle lifecycle = services.lifecycle();
    ObjectNode body = ApiJson.object();
    body.put("can_stop", lifecycle.canStop());
    body.put("in_flight", lifecycle.inFlight().count());
    body.put("state", lifecycle.state().name());
    ObjectNode byKind = body.putObject("in_flight_by_kind");
    lifecycle.inFlight().byKind().forEach(byKind::put);
    return new ApiResponse.Json(HttpResponseStatus.OK, body);
  }
}
