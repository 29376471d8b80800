package wiregate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wiregate.core.async.DatabaseInfo;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryService;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

/**
 * The async query service as the gateway wires it: the canonical engine, and a MySQL database
 * reached through MySQL Connector/J, which here is the gateway's own MySQL port.
 */
class AsyncQueryServiceTest {
  private static RunningGateway gateway;
  private static QueryService service;

  @BeforeAll
  static void start() throws Exception {
    gateway = RunningGateway.start(mysqlPort -> List.of(
        "databases.mine.kind=mysql",
        "databases.mine.url=jdbc:mysql://127.0.0.1:" + mysqlPort + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true",
        "databases.mine.user=" + RunningGateway.USER,
        "databases.mine.password=" + RunningGateway.PASSWORD));
    service = gateway.queryService();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
  }

  @Test
  void listsTheConfiguredDatabases() {
    List<DatabaseInfo> databases = service.databases();
    assertEquals(List.of("default", "mine"), databases.stream().map(DatabaseInfo::id).toList());
    assertEquals("canonical", databases.get(0).kind());
    assertEquals("mysql", databases.get(1).kind());
    assertTrue(!databases.get(1).description().contains("allowPublicKeyRetrieval"), "URL parameters are not shown");
  }

  @Test
  void runsOnTheCanonicalEngine() throws Exception {
    assertEquals("{\"n\":1}\n{\"n\":2}\n", run("default", "SELECT n FROM generate_series(1, 2) n", null));
  }

  @Test
  void runsOnMySqlThroughConnectorJ() throws Exception {
    assertEquals("{\"a\":1,\"b\":\"x\",\"d\":2.50}\n",
        run("mine", "SELECT 1 AS a, 'x' AS b, CAST(2.5 AS DECIMAL(5,2)) AS d", null));
  }

  @Test
  void streamsALongMySqlResult() throws Exception {
    String text = run("mine", "SELECT n FROM generate_series(1, 20000) AS g(n)", null);
    assertEquals(20000, text.lines().count());
  }

  @Test
  void maxRowsOnMySql() throws Exception {
    String text = run("mine", "SELECT n FROM generate_series(1, 100000) AS g(n)", 5L);
    assertEquals(5, text.lines().count());
  }

  private static String run(String database, String sql, Long maxRows) throws Exception {
    QueryInfo submitted = service.submit("someone", new QueryRequest(database, sql, List.of(), ResultFormat.JSONL,
        false, null, maxRows), Optional.empty());
    QueryInfo done = service.get("someone", submitted.id(), Duration.ofSeconds(60));
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> String.valueOf(done.error()));
    ResultFile file = service.result("someone", done.id());
    try (InputStream in = file.open(0, file.size() - 1)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
