package wiregate.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wiregate.http.Route.Access;
import wiregate.http.Route.Work;

class RouterTest {
  private static final Endpoint NONE = request -> null;
  private final Router router = new Router(List.of(
      new Route(POST, "/v1/queries", Access.USER, Work.SUBMISSION, NONE),
      new Route(GET, "/v1/queries/{id}", Access.USER, Work.REQUEST, NONE),
      new Route(POST, "/v1/queries/{id}:stop", Access.USER, Work.REQUEST, NONE),
      new Route(GET, "/v1/queries/{id}/result", Access.USER, Work.REQUEST, NONE)));

  @Test
  void matchesTemplatesAndExtractsParameters() {
    Router.Found found = assertInstanceOf(Router.Found.class, router.route(GET, "/v1/queries/q-1"));
    assertEquals("/v1/queries/{id}", found.route().template());
    assertEquals(Map.of("id", "q-1"), found.pathParams());
    Router.Found stop = assertInstanceOf(Router.Found.class, router.route(POST, "/v1/queries/q-1:stop"));
    assertEquals("/v1/queries/{id}:stop", stop.route().template());
    assertEquals(Map.of("id", "q-1"), stop.pathParams());
    assertEquals("/v1/queries/{id}/result",
        assertInstanceOf(Router.Found.class, router.route(GET, "/v1/queries/x/result")).route().template());
  }

  @Test
  void aParameterNeverSpansSegmentsOrTheActionSuffix() {
    assertInstanceOf(Router.NotFound.class, router.route(GET, "/v1/queries/a/b"));
    assertInstanceOf(Router.NotFound.class, router.route(GET, "/v1/queries/"));
    assertInstanceOf(Router.NotFound.class, router.route(POST, "/v1/queries/a:pause"));
    // Ids are taken literally, never as patterns.
    assertEquals(Map.of("id", ".*"),
        assertInstanceOf(Router.Found.class, router.route(GET, "/v1/queries/.*")).pathParams());
  }

  @Test
  void wrongMethodListsTheAllowedOnes() {
    Router.MethodNotAllowed wrong = assertInstanceOf(Router.MethodNotAllowed.class,
        router.route(DELETE, "/v1/queries/q1"));
    assertEquals(List.of("GET"), wrong.allowed());
    assertEquals(List.of("POST"),
        assertInstanceOf(Router.MethodNotAllowed.class, router.route(GET, "/v1/queries")).allowed());
  }
}
