package wiregate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.async.DatabaseInfo;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.QueryStats;
import wiregate.core.async.ResultFormat;

/**
 * docs/async-api.openapi.yaml against the implementation: the same routes (paths and methods), and
 * the JSON the API writes has exactly the properties the schemas list.
 */
class OpenApiContractTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static JsonNode document;

  @BeforeAll
  static void read() throws Exception {
    // Surefire runs in the module directory; the document lives in the project's docs/.
    document = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "async-api.openapi.yaml").toFile());
  }

  @Test
  void documentedOperationsAreExactlyTheRoutes(@TempDir Path dir) throws Exception {
    TreeSet<String> documented = new TreeSet<>();
    document.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (METHODS.contains(method)) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    TreeSet<String> routed = new TreeSet<>();
    try (TestGateway gateway = new TestGateway(dir, Optional.empty(), false)) {
      gateway.frontend.router().routes().forEach(r -> routed.add(r.method().name() + " " + r.template()));
    }
    assertEquals(routed, documented);
  }

  @Test
  void publicRoutesAreDocumentedWithoutSecurity(@TempDir Path dir) throws Exception {
    try (TestGateway gateway = new TestGateway(dir, Optional.empty(), false)) {
      for (Route route : gateway.frontend.router().routes()) {
        JsonNode op = document.get("paths").get(route.template()).get(route.method().name().toLowerCase(Locale.ROOT));
        boolean open = op.has("security") && op.get("security").isEmpty();
        assertEquals(route.access() == Route.Access.PUBLIC, open, route.template());
      }
    }
  }

  @Test
  void writtenJsonHasTheSchemasProperties() {
    QueryRequest request = new QueryRequest("default", "select 1", List.of(1L), ResultFormat.CSV, false, 1000L, null);
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    assertProperties("Query", ApiJson.query(new QueryInfo("q1", "alice", QueryState.FAILED, request, "gw-a", now,
        now, now, now, new QueryError("42P01", "no table"))));
    assertProperties("QueryError", (ObjectNode) ApiJson.query(new QueryInfo("q1", "alice", QueryState.FAILED, request,
        "gw-a", now, now, now, now, new QueryError("42P01", "no table"))).get("error"));
    assertProperties("Stats", ApiJson.stats(new QueryStats("q1", QueryState.RUNNING, 1, 2, 3, 4, false)));
    assertProperties("Event", ApiJson.event(new QueryEvent("q1", 1, QueryState.PENDING, now, null)));
    assertProperties("Database", ApiJson.database(new DatabaseInfo("default", "canonical", "engine")));
    assertProperties("Error", ApiJson.error("X", "y"));
  }

  private static void assertProperties(String schema, ObjectNode written) {
    JsonNode properties = document.at("/components/schemas/" + schema + "/properties");
    TreeSet<String> documented = new TreeSet<>();
    properties.fieldNames().forEachRemaining(documented::add);
    TreeSet<String> actual = new TreeSet<>();
    written.fieldNames().forEachRemaining(actual::add);
    assertEquals(documented, actual, schema);
    TreeSet<String> required = new TreeSet<>();
    document.at("/components/schemas/" + schema + "/required").forEach(n -> required.add(n.asText()));
    assertEquals(documented, required, schema + ": every written property is required (nullable when absent)");
  }
}
