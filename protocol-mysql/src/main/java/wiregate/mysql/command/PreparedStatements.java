package wiregate.mysql.command;

import java.util.HashMap;
import java.util.Map;
import wiregate.core.engine.EngineSession;

/** One connection's prepared statements by id. Ids start at 1 and are never reused on a connection. */
final class PreparedStatements {
  private final Map<Integer, ServerStatement> byId = new HashMap<>();
  private int lastId;

  int nextId() {
    return ++lastId;
  }

  void add(ServerStatement statement) {
    byId.put(statement.id, statement);
  }

  ServerStatement get(int id) {
    return byId.get(id);
  }

  /** Closes the statement's cursor and releases it on the engine. */
  void remove(int id, EngineSession engine) {
    ServerStatement statement = byId.remove(id);
    if (statement != null) {
      release(statement, engine);
    }
  }

  /** COM_RESET_CONNECTION and COM_CHANGE_USER drop every statement. */
  void clear(EngineSession engine) {
    for (ServerStatement statement : byId.values()) {
      release(statement, engine);
    }
    byId.clear();
  }

  private static void release(ServerStatement statement, EngineSession engine) {
    statement.closeCursor(engine);
    statement.release(engine);
  }
}
