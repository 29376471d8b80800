package wiregate.core.engine;

import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.Statement;

/** A statement prepared on the engine: its parameter types and result columns, as the engine describes them. */
public interface PreparedQuery {
  Statement statement();

  /** The engine's type OID of each parameter ($1 first), inferred where the client left it open. */
  int[] parameterTypes();

  /** The result columns, or null when the statement returns no rows. */
  List<Column> columns();
}
