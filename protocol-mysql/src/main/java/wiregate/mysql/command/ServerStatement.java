package wiregate.mysql.command;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wiregate.core.engine.EnginePortal;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.ParameterValue;
import wiregate.core.model.GatewayException;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.mysql.MySqlStatement;
import wiregate.mysql.codec.ParameterType;
import wiregate.mysql.result.DescribedColumns;
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
  /**
   * The columns the client was last told about: at prepare, then by an execute that opened a cursor
   * (COM_STMT_FETCH encodes rows after them). Empty: no result set.
   */
  List<ResultColumn> columns;
  /** Parameters whose type the statement leaves open; null if there are none. */
  final boolean[] openParameters;
  /** With open parameters: the query prepared again for each set of engine types bound so far. */
  private final Map<List<Integer>, PreparedQuery> typedQueries = new HashMap<>();
  List<ParameterType> boundTypes;
  /** The result columns its executes describe, kept between them. */
  final DescribedColumns described = new DescribedColumns();
  final Map<Integer, ByteArrayOutputStream> longData = new HashMap<>();
  EnginePortal cursor;

  ServerStatement(int id, MySqlStatement statement, PreparedQuery query, int parameterCount,
      List<ResultColumn> columns, boolean[] openParameters) {
    this.id = id;
    this.statement = statement;
    this.query = query;
    this.parameterCount = parameterCount;
    this.columns = columns;
    this.openParameters = openParameters;
  }

  /**
   * The engine query to bind these values to. With open parameters (typed text by the engine, either
   * because the context wants text or because nothing determines their type, as in SELECT ?), MySQL
   * gives a parameter the type the client binds: the statement is prepared again with them declared so
   * (see {@link BoundParameterTypes}), and result columns made of them follow. When the context does
   * want text (name = ? with a number bound), that prepare fails and the text-typed query serves
   * instead. Either outcome is kept per set of bound types.
   */
  PreparedQuery queryFor(List<ParameterValue> values, Preparer preparer) {
    if (openParameters == null || boundTypes == null) {
      return query;
    }
    int[] declared = BoundParameterTypes.declare(query.parameterTypes(), openParameters, boundTypes, values);
    if (java.util.Arrays.equals(declared, query.parameterTypes())) {
      return query;
    }
    List<Integer> key = java.util.Arrays.stream(declared).boxed().toList();
    PreparedQuery typed = typedQueries.get(key);
    if (typed == null) {
      try {
        typed = preparer.prepare(query.statement(), declared);
      } catch (GatewayException e) {
        typed = query;
      }
      typedQueries.put(key, typed);
    }
    return typed;
  }

  /** Prepares a statement on the engine with these declared parameter types. */
  @FunctionalInterface
  interface Preparer {
    PreparedQuery prepare(wiregate.core.model.Statement statement, int[] declaredTypes) throws GatewayException;
  }

  /** Releases the engine's prepared queries. */
  void release(EngineSession engine) {
    if (query != null) {
      engine.release(query);
    }
    typedQueries.values().stream().filter(typed -> typed != query).forEach(engine::release);
    typedQueries.clear();
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
