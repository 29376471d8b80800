package wiregate.dialect.mysql.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.VariableAssignment;

/** A MySqlContext over a JDBC connection, and a runner for what translation produced. */
final class JdbcContext implements MySqlContext {
  private final Connection connection;
  private final FakeContext variables;
  String database;

  JdbcContext(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
    this.variables = new FakeContext(database);
  }

  /** Column labels then rows, as text. */
  record Result(List<String> columns, List<List<String>> rows) {}

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
    return 0;
  }

  @Override
  public List<List<String>> query(String pgSql) throws GatewayException {
    return run(pgSql).rows();
  }

  Result run(MySqlStatement statement) throws GatewayException {
    if (statement instanceof MySqlStatement.LocalResult local) {
      return new Result(local.columnNames(), local.rows());
    }
    MySqlStatement.EngineSql engine = (MySqlStatement.EngineSql) statement;
    for (String pre : engine.preamble()) {
      run(pre);
    }
    return run(engine.sql());
  }

  Result run(String sql) throws GatewayException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return new Result(columns, rows);
    } catch (PSQLException e) {
      var server = e.getServerErrorMessage();
      throw new GatewayException(GatewayError.error(e.getSQLState(), server != null ? server.getMessage() : e.getMessage()), e);
    } catch (SQLException e) {
      throw new GatewayException(GatewayError.error(e.getSQLState(), e.getMessage()), e);
    }
  }
}
