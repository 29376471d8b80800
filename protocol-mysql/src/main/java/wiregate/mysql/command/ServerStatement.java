package wiregate.mysql.command;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wiregate.core.engine.EnginePortal;
import wiregate.core.engine.EngineSession;
import wiregate.core.model.GatewayException;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.mysql.MySqlStatement;
import wiregate.mysql.codec.ParameterType;
import wiregate.mysql.result.ResultColumn;

/**
 * A statement prepared by COM_STMT_PREPARE: the translation, the engine's prepared query (for
 * statements the engine runs), the parameter types last bound, long data sent for parameters, and an
 * open cursor (COM_STMT_EXECUTE with a cursor flag, read by COM_STMT_FETCH).
 */
final class ServerStatement {
  final int id;
  final MySqlStatement statement;
  /** Null when the gateway answers the statement itself, or it must run as text (a preamble). */
  final PreparedQuery query;
  final int parameterCount;
  /** The columns the client was told about at prepare (empty: no result set). */
  final List<ResultColumn> columns;
  List<ParameterType> boundTypes;
  final Map<Integer, ByteArrayOutputStream> longData = new HashMap<>();
  EnginePortal cursor;

  ServerStatement(int id, MySqlStatement statement, PreparedQuery query, int parameterCount,
      List<ResultColumn> columns) {
    this.id = id;
    this.statement = statement;
    this.query = query;
    this.parameterCount = parameterCount;
    this.columns = columns;
  }

  /**
   * Closes the open cursor, if any, and the implicit block the engine kept open for it (when the
   * cursor was opened outside a transaction).
   */
  void closeCursor(EngineSession engine) {
    if (cursor == null) {
      return;
    }
    cursor.close();
    cursor = null;
    try {
      engine.endImplicitBlock(true);
    } catch (GatewayException e) {
      // the block only read rows: nothing is lost if it cannot commit
    }
  }

  byte[] longData(int parameter) {
    ByteArrayOutputStream data = longData.get(parameter);
    return data == null ? null : data.toByteArray();
  }
}
