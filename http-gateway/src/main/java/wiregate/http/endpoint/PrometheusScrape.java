package wiregate.http.endpoint;

import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.Endpoint;
import wiregate.http.HttpServices;

/** {@code GET /metrics}: every meter in the Prometheus text format. */
public final class PrometheusScrape implements Endpoint {
  private final HttpServices services;

  public PrometheusScrape(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    return new ApiResponse.Text(HttpResponseStatus.OK, services.metrics().contentType(), services.metrics().scrape());
  }
}
