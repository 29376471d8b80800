package wiregate.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiregate.core.ingress.ConnectionInfo;

/**
 * One request as endpoints see it, detached from Netty's reference-counted buffers so it can travel
 * to a worker thread. {@code user} is the authenticated gateway user (null on public routes).
 */
public record ApiRequest(HttpMethod method, String uri, String path, Map<String, List<String>> query,
    HttpHeaders headers, byte[] body, Map<String, String> pathParams, ConnectionInfo connection, String user) {

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Optional<String> header(CharSequence name) {
    return Optional.ofNullable(headers.get(name));
  }

  public ApiRequest withUser(String authenticated) {
    return new ApiRequest(method, uri, path, query, headers, body, pathParams, connection, authenticated);
  }
}
