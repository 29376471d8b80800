package wiregate.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import wiregate.core.async.DatabaseInfo;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryStats;

/**
 * The API's JSON shapes, written field by field so the wire format is exactly what the OpenAPI
 * document says (snake_case names, ISO-8601 UTC timestamps, explicit nulls) and cannot drift when a
 * core record gains a field.
 */
public final class ApiJson {
  /** Thread-safe once configured; floats are read as BigDecimal so no digit of a parameter is lost. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ApiJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ObjectNode error(String code, String message) {
    ObjectNode root = object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return root;
  }

  public static ObjectNode query(QueryInfo info) {
    ObjectNode node = object();
    node.put("id", info.id());
    node.put("state", info.state().name());
    QueryRequest request = info.request();
    node.put("database_id", request.databaseId());
    node.put("sql", request.sql());
    ArrayNode params = node.putArray("params");
    request.params().forEach(value -> params.add(MAPPER.valueToTree(value instanceof BigDecimal d ? d : value)));
    node.put("format", request.format().apiName());
    node.put("mode", request.sync() ? "sync" : "async");
    putNullable(node, "timeout_ms", request.timeoutMs());
    putNullable(node, "max_rows", request.maxRows());
    node.put("owner", info.owner());
    putTime(node, "created_at", info.createdAt());
    putTime(node, "started_at", info.startedAt());
    putTime(node, "finished_at", info.finishedAt());
    putTime(node, "expires_at", info.expiresAt());
    putError(node, info.error());
    return node;
  }

  public static ObjectNode stats(QueryStats stats) {
    ObjectNode node = object();
    node.put("id", stats.id());
    node.put("state", stats.state().name());
    node.put("rows", stats.rows());
    node.put("bytes", stats.bytes());
    node.put("queued_ms", stats.queuedMillis());
    node.put("run_ms", stats.runMillis());
    node.put("truncated", stats.truncated());
    return node;
  }

  public static ObjectNode event(QueryEvent event) {
    ObjectNode node = object();
    node.put("query_id", event.queryId());
    node.put("sequence", event.sequence());
    node.put("state", event.state().name());
    putTime(node, "at", event.at());
    putError(node, event.error());
    return node;
  }

  public static ObjectNode database(DatabaseInfo database) {
    ObjectNode node = object();
    node.put("id", database.id());
    node.put("kind", database.kind());
    node.put("description", database.description());
    return node;
  }

  private static void putError(ObjectNode node, QueryError error) {
    if (error == null) {
      node.putNull("error");
    } else {
      ObjectNode e = node.putObject("error");
      e.put("code", error.code());
      e.put("message", error.message());
    }
  }

  private static void putTime(ObjectNode node, String name, Instant at) {
    // Instant.toString is ISO-8601 in UTC with a Z, e.g. 2025-01-31T12:00:00.123Z.
    node.put(name, at == null ? null : at.toString());
  }

  private static void putNullable(ObjectNode node, String name, Long value) {
    if (value == null) {
      node.putNull(name);
    } else {
      node.put(name, value.longValue());
    }
  }
}
