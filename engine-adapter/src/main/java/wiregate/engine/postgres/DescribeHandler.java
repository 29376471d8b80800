package wiregate.engine.postgres;

import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;
import wiregate.core.model.Column;

/** Captures the row description of a describe-only round trip (none means the statement returns no rows). */
final class DescribeHandler extends ResultHandlerBase {
  private List<Column> columns;

  @Override
  public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
    columns = columns(fields);
  }

  @Override
  public void handleWarning(SQLWarning warning) {
    // Preparing raises no notices worth relaying.
  }

  List<Column> columns() {
    return columns;
  }

  static List<Column> columns(Field[] fields) {
    List<Column> columns = new ArrayList<>(fields.length);
    for (Field f : fields) {
      columns.add(new Column(f.getColumnLabel(), f.getTableOid(), (short) f.getPositionInTable(), f.getOID(),
          f.getLength(), f.getMod()));
    }
    return columns;
  }
}
