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
 * protocol session owns (autocommit, last_insert_id, warning_count, ...) are read from its
 * {@link LiveValues}.
 */
public final class MySqlSystemVariables implements MySqlSessionVariables {
  private final GlobalVariables globals;
  private final LiveValues live;
  private SessionVariables session;

  public MySqlSystemVariables(GlobalVariables globals, LiveValues live) {
    this.globals = globals;
    this.live = live;
    this.session = new SessionVariables(globals, live);
  }

  /**
   * The gateway-wide values every session starts from: the catalog's defaults overlaid with facts
   * about this server ({@code serverValues}, e.g. max_allowed_packet from the configuration).
   */
  public static GlobalVariables standardGlobals(Map<String, String> serverValues) {
    return new GlobalVariables(SystemVariableCatalog.standard(), serverValues);
  }

  @Override
  public Optional<String> get(VariableAssignment.Scope scope, String name) {
    return session.systemVariable(scope, name);
  }

  @Override
  public Assigned set(VariableAssignment.Scope scope, String name, String value) throws GatewayException {
    return assigned(session.apply(new VariableAssignment(scope, name, value, null, false)));
  }

  @Override
  public Assigned setDefault(VariableAssignment.Scope scope, String name) throws GatewayException {
    return assigned(session.apply(new VariableAssignment(scope, name, null, null, true)));
  }

  private static Assigned assigned(SessionVariables.Applied applied) {
    return new Assigned(applied.value(), applied.engineSql());
  }

  @Override
  public List<String> initialEngineStatements() {
    return session.initialEngineStatements();
  }

  @Override
  public void reset() {
    session = new SessionVariables(globals, live);
  }
}
