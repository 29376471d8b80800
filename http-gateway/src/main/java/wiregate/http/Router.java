package wiregate.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Finds the route for a method and path, or says why there is none (404, or 405 with Allow). */
public final class Router {
  private final List<Route> routes;

  public Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  public List<Route> routes() {
    return routes;
  }

  public Result route(HttpMethod method, String path) {
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(path);
      if (params.isPresent()) {
        if (route.method().equals(method)) {
          return new Found(route, params.get());
        }
        allowed.add(route.method().name());
      }
    }
    return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(List.copyOf(allowed));
  }

  public sealed interface Result {}

  public record Found(Route route, Map<String, String> pathParams) implements Result {}

  public record NotFound() implements Result {}

  public record MethodNotAllowed(List<String> allowed) implements Result {}
}
