package wiregate.async.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFormat;

/**
 * Turns query records into Redis hash fields and events into the JSON kept in the event list and
 * published on the event channel, and back. Instants are ISO-8601 text (no precision lost); request
 * parameters carry their Java type, so a Long stays a Long and a BigDecimal a BigDecimal.
 */
final class RedisRecordCodec {
  static final String STATE = "state";
  static final String SEQUENCE = "seq";
  static final String OWNER = "owner";
  static final String ROWS = "rows";
  static final String BYTES = "bytes";
  static final String TRUNCATED = "truncated";
  static final String CANCEL = "cancel";
  static final String IDEMPOTENCY_KEY = "idem";
  private static final String ID = "id";
  private static final String USER = "user";
  private static final String REQUEST = "request";
  private static final String CREATED = "created";
  private static final String STARTED = "started";
  private static final String FINISHED = "finished";
  private static final String EXPIRES = "expires";
  private static final String ERROR_CODE = "error_code";
  private static final String ERROR_MESSAGE = "error_message";

  private final ObjectMapper json = new ObjectMapper();

  /** Every field of a new record. */
  Map<String, String> fields(QueryRecord record) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(ID, record.id());
    fields.put(USER, record.user());
    fields.put(OWNER, record.owner());
    fields.put(REQUEST, request(record.request()));
    fields.put(CREATED, record.createdAt().toString());
    fields.put(EXPIRES, record.expiresAt().toString());
    fields.put(ROWS, Long.toString(record.rows()));
    fields.put(BYTES, Long.toString(record.bytes()));
    fields.put(TRUNCATED, record.truncated() ? "1" : "0");
    fields.putAll(stateFields(record));
    return fields;
  }

  /**
   * The fields a state change may set: the state, the sequence, and the timestamps and error that
   * are set (a change never clears one). Progress fields are left alone, they change separately.
   */
  Map<String, String> stateFields(QueryRecord record) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(STATE, record.state().name());
    fields.put(SEQUENCE, Long.toString(record.sequence()));
    putIfSet(fields, STARTED, record.startedAt());
    putIfSet(fields, FINISHED, record.finishedAt());
    if (record.error() != null) {
      fields.put(ERROR_CODE, record.error().code());
      fields.put(ERROR_MESSAGE, record.error().message());
    }
    return fields;
  }

  private static void putIfSet(Map<String, String> fields, String name, Instant at) {
    if (at != null) {
      fields.put(name, at.toString());
    }
  }

  QueryRecord record(Map<String, String> fields) {
    String code = fields.get(ERROR_CODE);
    return new QueryRecord(fields.get(ID), fields.get(USER), request(fields.get(REQUEST)), fields.get(OWNER),
        QueryState.valueOf(fields.get(STATE)), instant(fields.get(CREATED)), instant(fields.get(STARTED)),
        instant(fields.get(FINISHED)), instant(fields.get(EXPIRES)),
        code == null ? null : new QueryError(code, fields.get(ERROR_MESSAGE)),
        Long.parseLong(fields.get(ROWS)), Long.parseLong(fields.get(BYTES)), "1".equals(fields.get(TRUNCATED)),
        Long.parseLong(fields.get(SEQUENCE)));
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  String event(QueryEvent event) {
    ObjectNode node = json.createObjectNode();
    node.put("q", event.queryId());
    node.put("seq", event.sequence());
    node.put("state", event.state().name());
    node.put("at", event.at().toString());
    if (event.error() != null) {
      node.put("code", event.error().code());
      node.put("message", event.error().message());
    }
    return node.toString();
  }

  QueryEvent event(String text) {
    JsonNode node = parse(text);
    QueryError error = node.hasNonNull("code")
        ? new QueryError(node.get("code").asText(), node.path("message").asText(null)) : null;
    return new QueryEvent(node.get("q").asText(), node.get("seq").asLong(), QueryState.valueOf(node.get("state").asText()),
        Instant.parse(node.get("at").asText()), error);
  }

  String request(QueryRequest request) {
    ObjectNode node = json.createObjectNode();
    node.put("database", request.databaseId());
    node.put("sql", request.sql());
    node.put("format", request.format().name());
    node.put("sync", request.sync());
    if (request.timeoutMs() != null) {
      node.put("timeout_ms", request.timeoutMs());
    }
    if (request.maxRows() != null) {
      node.put("max_rows", request.maxRows());
    }
    ArrayNode params = node.putArray("params");
    for (Object value : request.params()) {
      ArrayNode typed = params.addArray();
      switch (value) {
        case null -> typed.add("null");
        case String s -> typed.add("string").add(s);
        case Long l -> typed.add("long").add(l.toString());
        case Integer i -> typed.add("long").add(i.toString());
        case BigInteger b -> typed.add("bigint").add(b.toString());
        case BigDecimal d -> typed.add("decimal").add(d.toString());
        case Double d -> typed.add("double").add(d.toString());
        case Boolean b -> typed.add("boolean").add(b.toString());
        default -> throw new IllegalArgumentException("a parameter of type " + value.getClass().getName());
      }
    }
    return node.toString();
  }

  QueryRequest request(String text) {
    JsonNode node = parse(text);
    List<Object> params = new ArrayList<>();
    for (JsonNode typed : node.get("params")) {
      String value = typed.path(1).asText();
      params.add(switch (typed.get(0).asText()) {
        case "null" -> null;
        case "string" -> value;
        case "long" -> Long.valueOf(value);
        case "bigint" -> new BigInteger(value);
        case "decimal" -> new BigDecimal(value);
        case "double" -> Double.valueOf(value);
        case "boolean" -> Boolean.valueOf(value);
        default -> throw new IllegalStateException("a stored parameter of unknown type: " + typed);
      });
    }
    return new QueryRequest(node.get("database").asText(), node.get("sql").asText(), params,
        ResultFormat.valueOf(node.get("format").asText()), node.get("sync").asBoolean(),
        node.hasNonNull("timeout_ms") ? node.get("timeout_ms").asLong() : null,
        node.hasNonNull("max_rows") ? node.get("max_rows").asLong() : null);
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable metadata in Redis: " + e.getOriginalMessage(), e);
    }
  }
}
