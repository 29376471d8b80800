package wiregate.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import java.util.List;
import wiregate.http.Route.Access;
import wiregate.http.Route.Work;
import wiregate.http.endpoint.CanStop;
import wiregate.http.endpoint.DownloadResult;
import wiregate.http.endpoint.GetQuery;
import wiregate.http.endpoint.GetQueryStats;
import wiregate.http.endpoint.Health;
import wiregate.http.endpoint.ListDatabases;
import wiregate.http.endpoint.PrometheusScrape;
import wiregate.http.endpoint.Readiness;
import wiregate.http.endpoint.ReloadConfig;
import wiregate.http.endpoint.StopQuery;
import wiregate.http.endpoint.SubmitQuery;
import wiregate.http.endpoint.SubscribeEvents;

/**
 * Every route of the HTTP surface, in one list. docs/async-api.openapi.yaml describes exactly these
 * (a test compares the two). Admin routes take any authenticated user for now: there are no roles yet.
 */
public final class ApiRoutes {
  private ApiRoutes() {}

  public static Router router(HttpServices services) {
    return new Router(List.of(
        new Route(POST, "/v1/queries", Access.USER, Work.SUBMISSION, new SubmitQuery(services)),
        new Route(GET, "/v1/queries/{id}", Access.USER, Work.REQUEST, new GetQuery(services)),
        new Route(POST, "/v1/queries/{id}:stop", Access.USER, Work.REQUEST, new StopQuery(services)),
        new Route(GET, "/v1/queries/{id}/stats", Access.USER, Work.REQUEST, new GetQueryStats(services)),
        new Route(GET, "/v1/queries/{id}/result", Access.USER, Work.REQUEST, new DownloadResult(services)),
        new Route(GET, "/v1/databases", Access.USER, Work.REQUEST, new ListDatabases(services)),
        new Route(GET, "/v1/ws", Access.USER, Work.REQUEST, new SubscribeEvents(services)),
        new Route(POST, "/v1/admin/reload", Access.USER, Work.REQUEST, new ReloadConfig(services)),
        new Route(GET, "/v1/admin/can-stop", Access.USER, Work.PROBE, new CanStop(services)),
        new Route(GET, "/healthz", Access.PUBLIC, Work.PROBE, new Health()),
        new Route(GET, "/readyz", Access.PUBLIC, Work.PROBE, new Readiness(services)),
        new Route(GET, "/metrics", Access.PUBLIC, Work.PROBE, new PrometheusScrape(services))));
  }
}
