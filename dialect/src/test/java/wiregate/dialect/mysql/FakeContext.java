package wiregate.dialect.mysql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.VariableAssignment;

/** A MySqlContext for translation tests: fixed variables, canned catalog answers. */
final class FakeContext implements MySqlContext {
  String database = "shop";
  long lastInsertId = 42;
  long rowCount = -1;
  long foundRows;
  final Map<String, String> systemVariables = new HashMap<>(Map.of("version", "8.0.40-wiregate", "sql_mode",
      "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES", "autocommit", "1", "max_allowed_packet", "67108864",
      "transaction_isolation", "REPEATABLE-READ", "lower_case_table_names", "1"));
  final Map<String, UserVariable> userVariables = new HashMap<>();
  Function<String, List<List<String>>> catalog = sql -> List.of();
  int queries;

  @Override
  public String database() {
    return database;
  }

  @Override
  public Optional<String> systemVariable(VariableAssignment.Scope scope, String name) {
    return Optional.ofNullable(systemVariables.get(name));
  }

  @Override
  public Optional<UserVariable> userVariable(String name) {
    return Optional.ofNullable(userVariables.get(name));
  }

  @Override
  public long lastInsertId() {
    return lastInsertId;
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public long foundRows() {
    return foundRows;
  }

  @Override
  public List<List<String>> query(String pgSql) {
    queries++;
    return catalog.apply(pgSql);
  }
}
