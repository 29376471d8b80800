package wiregate.dialect.mysql.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.VariableAssignment;

/** A session for translation tests: a current database and real session variables; no engine. */
class FakeContext implements MySqlContext {
  final TestLiveValues live = new TestLiveValues();
  final SessionVariables variables;
  String database;

  FakeContext(String database) {
    this.database = database;
    GlobalVariables globals = new GlobalVariables(SystemVariableCatalog.standard(), Map.of("hostname", "gw1"));
    live.connectionId = 7;
    live.lastInsertId = 42;
    this.variables = new SessionVariables(globals, live);
  }

  @Override
  public String database() {
    return database;
  }

  @Override
  public Optional<String> systemVariable(VariableAssignment.Scope scope, String name) {
    return variables.systemVariable(scope, name);
  }

  @Override
  public Optional<UserVariable> userVariable(String name) {
    return Optional.empty();
  }

  @Override
  public long lastInsertId() {
    return 42;
  }

  @Override
  public List<List<String>> query(String pgSql) throws GatewayException {
    throw new UnsupportedOperationException("no engine in this test: " + pgSql);
  }
}
