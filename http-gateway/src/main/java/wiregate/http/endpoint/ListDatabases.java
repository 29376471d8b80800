package wiregate.http.endpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.http.ApiException;
import wiregate.http.ApiJson;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/** {@code GET /v1/databases}: the database ids a submission may name, and which one is the default. */
public final class ListDatabases implements Endpoint {
  private final HttpServices services;

  public ListDatabases(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) throws ApiException {
    ObjectNode body = ApiJson.object();
    body.put("default", services.config().current().async.defaultDatabase);
    ArrayNode list = body.putArray("databases");
    services.requireQueries().databases().forEach(d -> list.add(ApiJson.database(d)));
    return new ApiResponse.Json(HttpResponseStatus.OK, body);
  }
}
