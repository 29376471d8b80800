package wiregate.mysql.result;

import java.util.List;
import java.util.function.Supplier;
import wiregate.core.model.Column;

/**
 * A prepared statement's result columns in MySQL terms, described once and reused by its executes
 * while the engine describes the same columns in the same connection collation (SET NAMES changes
 * it), until MySQL DDL invalidates {@link ColumnOrigins} or its expiry passes (so DDL from other
 * protocols shows within twice that expiry). A point select executed thousands of times a second
 * would otherwise map its columns and look up their origins every time.
 */
public final class DescribedColumns {
  private List<Column> engineColumns;
  private List<ResultColumn> columns;
  private int collation;
  private ColumnOrigins.Stamp stamp;

  /** The description of {@code engine}: the kept one while it is current, else {@code describe}'s. */
  public List<ResultColumn> of(List<Column> engine, int collation, ColumnOrigins origins,
      Supplier<List<ResultColumn>> describe) {
    if (columns != null && collation == this.collation && engine.equals(engineColumns) && origins.current(stamp)) {
      return columns;
    }
    ColumnOrigins.Stamp now = origins.stamp(); // before the lookup, so DDL meanwhile is not missed
    columns = describe.get();
    engineColumns = List.copyOf(engine);
    this.collation = collation;
    stamp = now;
    return columns;
  }
}
