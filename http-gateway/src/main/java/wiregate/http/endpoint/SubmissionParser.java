package wiregate.http.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.ResultFormat;
import wiregate.http.ApiException;
import wiregate.http.ApiJson;

/**
 * Reads the body of {@code POST /v1/queries} strictly: a JSON object with known fields of the right
 * types. A typo in a field name is an error, not silently ignored, so a client never runs a query
 * with options it did not mean.
 */
public final class SubmissionParser {
  static final Set<String> FIELDS = Set.of("database_id", "sql", "params", "format", "mode", "timeout_ms",
      "max_rows");

  private SubmissionParser() {}

  public static QueryRequest parse(byte[] body, String defaultDatabase) throws ApiException {
    JsonNode root;
    try {
      root = ApiJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("MALFORMED_JSON", "the request body is not valid JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("MALFORMED_JSON", "the request body cannot be read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw ApiException.badRequest("INVALID_REQUEST", "the request body must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw ApiException.badRequest("UNKNOWN_FIELD", "unknown field '" + field.getKey() + "'; known: "
            + String.join(", ", new java.util.TreeSet<>(FIELDS)));
      }
    }
    String databaseId = optionalText(root, "database_id");
    String sql = optionalText(root, "sql");
    if (sql == null || sql.isBlank()) {
      throw ApiException.badRequest("INVALID_REQUEST", "'sql' is required and must not be empty");
    }
    String formatName = optionalText(root, "format");
    ResultFormat format = formatName == null ? ResultFormat.JSONL : ResultFormat.fromApiName(formatName)
        .orElseThrow(() -> ApiException.badRequest("INVALID_FIELD",
            "'format' must be jsonl, csv or parquet, not '" + formatName + "'"));
    String mode = optionalText(root, "mode");
    if (mode != null && !mode.equals("async") && !mode.equals("sync")) {
      throw ApiException.badRequest("INVALID_FIELD", "'mode' must be async or sync, not '" + mode + "'");
    }
    return new QueryRequest(databaseId == null ? defaultDatabase : databaseId, sql, params(root.get("params")),
        format, "sync".equals(mode), integer(root, "timeout_ms", 1), integer(root, "max_rows", 0));
  }

  private static String optionalText(JsonNode root, String name) throws ApiException {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest("INVALID_FIELD", "'" + name + "' must be a string");
    }
    return value.textValue();
  }

  private static Long integer(JsonNode root, String name, long minimum) throws ApiException {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < minimum) {
      throw ApiException.badRequest("INVALID_FIELD", "'" + name + "' must be an integer of at least " + minimum);
    }
    return value.longValue();
  }

  /** JSON scalars in order: string, integer (Long), other number (BigDecimal), boolean, null. */
  private static List<Object> params(JsonNode params) throws ApiException {
    List<Object> values = new ArrayList<>();
    if (params == null || params.isNull()) {
      return values;
    }
    if (!params.isArray()) {
      throw ApiException.badRequest("INVALID_FIELD", "'params' must be an array of JSON scalars");
    }
    for (int i = 0; i < params.size(); i++) {
      JsonNode p = params.get(i);
      if (p.isNull()) {
        values.add(null);
      } else if (p.isTextual()) {
        values.add(p.textValue());
      } else if (p.isBoolean()) {
        values.add(p.booleanValue());
      } else if (p.isIntegralNumber() && p.canConvertToLong()) {
        values.add(p.longValue());
      } else if (p.isNumber()) {
        values.add(p.decimalValue());
      } else {
        throw ApiException.badRequest("INVALID_FIELD", "params[" + i + "] must be a string, number, boolean or "
            + "null, not " + p.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return values;
  }
}
