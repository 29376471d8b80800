package wiregate.core.async;

import java.util.List;
import java.util.Objects;

/**
 * What a consumer asked to run. {@code params} are JSON scalars (String, Long/BigDecimal/Double,
 * Boolean, null) bound to the statement's placeholders in order; the SQL is sent to the target as
 * written. {@code timeoutMs} and {@code maxRows} are null when not given.
 */
public record QueryRequest(String databaseId, String sql, List<Object> params, ResultFormat format, boolean sync,
    Long timeoutMs, Long maxRows) {

  public QueryRequest {
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(format, "format");
    params = params == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }
}
