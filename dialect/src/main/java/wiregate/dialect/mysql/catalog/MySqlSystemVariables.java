package wiregate.dialect.mysql.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlSessionVariables;
import wiregate.core.mysql.VariableAssignment;

/**
 * The dialect's system variables behind the protocol's {@link MySqlSessionVariables}: one
 * {@link SessionVariables} per session over the gateway-wide {@link GlobalVariables}. Values the
 * protocol session owns (last_insert_id, warning_count, ...) are answered by the session itself
 * before it asks here.
 */
public final class MySqlSystemVariables implements MySqlSessionVariables {
  private static final SessionVariables.LiveValues NO_LIVE_VALUES = new SessionVariables.LiveValues() {
    @Override
    public long connectionId() {
      return 0;
    }

    @Override
    public long lastInsertId() {
      return 0;
    }

    @Override
    public int warningCount() {
      return 0;
    }

    @Override
    public int errorCount() {
      return 0;
    }
  };

  private final GlobalVariables globals;
  private SessionVariables session;

  public MySqlSystemVariables(GlobalVariables globals) {
    this.globals = globals;
    this.session = new SessionVariables(globals, NO_LIVE_VALUES);
  }

  /** The gateway-wide values every session starts from. */
  public static GlobalVariables standardGlobals() {
    return new GlobalVariables(SystemVariableCatalog.standard(), Map.of());
  }

  @Override
  public Optional<String> get(VariableAssignment.Scope scope, String name) {
    return session.systemVariable(scope, name);
  }

  @Override
  public Assigned set(VariableAssignment.Scope scope, String name, String value) throws GatewayException {
    SessionVariables.Applied applied = session.apply(new VariableAssignment(scope, name, value, null, value == null));
    return new Assigned(applied.value(), applied.engineSql());
  }

  @Override
  public List<String> initialEngineStatements() {
    return session.initialEngineStatements();
  }

  @Override
  public void reset() {
    session = new SessionVariables(globals, NO_LIVE_VALUES);
  }
}
