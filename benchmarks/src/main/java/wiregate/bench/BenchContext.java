package wiregate.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.VariableAssignment;

/**
 * The MySQL session a translation benchmark translates for: fixed system variables, no user
 * variables, and a catalog that knows one shape of table (an AUTO_INCREMENT id primary key and a
 * unique code) for whatever table INSERT or UPDATE translation asks about.
 */
final class BenchContext implements MySqlContext {
  private static final Map<String, String> SYSTEM_VARIABLES = Map.of("version", "8.0.40-wiregate",
      "sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO",
      "autocommit", "1", "max_allowed_packet", "67108864", "transaction_isolation", "REPEATABLE-READ",
      "lower_case_table_names", "0", "character_set_client", "utf8mb4", "time_zone", "SYSTEM");

  /** The table facts query's answer: column rows ('c') and unique key rows ('k'). */
  private static final List<List<String>> TABLE = List.of(
      List.of("c", "id", "t", "1", "bigint"),
      List.of("c", "customer_id", "f", "2", "bigint"),
      List.of("c", "code", "f", "3", "character varying(32)"),
      List.of("c", "total", "f", "4", "numeric(12,2)"),
      List.of("c", "status", "f", "5", "character varying(16)"),
      List.of("k", "id", "p", "16390", "1"),
      List.of("k", "code", "u", "16392", "1"));

  int catalogQueries;

  @Override
  public String database() {
    return "shop";
  }

  @Override
  public Optional<String> systemVariable(VariableAssignment.Scope scope, String name) {
    return Optional.ofNullable(SYSTEM_VARIABLES.get(name));
  }

  @Override
  public Optional<UserVariable> userVariable(String name) {
    return Optional.empty();
  }

  @Override
  public long lastInsertId() {
    return 0;
  }

  @Override
  public List<List<String>> query(String pgSql) {
    catalogQueries++;
    return pgSql.startsWith("SELECT 'c'") ? TABLE : List.of();
  }
}
