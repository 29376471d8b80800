package wiregate.engine.postgres;

import java.sql.SQLException;
import wiregate.core.engine.CopyOut;
import wiregate.core.model.GatewayException;

/** COPY TO STDOUT through pgjdbc's copy API, one CopyData at a time. */
final class PgCopyOut implements CopyOut {
  private final org.postgresql.copy.CopyOut copy;

  PgCopyOut(org.postgresql.copy.CopyOut copy) {
    this.copy = copy;
  }

  @Override
  public int format() {
    return copy.getFormat();
  }

  @Override
  public int[] columnFormats() {
    return CopyFormats.columnFormats(copy);
  }

  @Override
  public byte[] read() throws GatewayException {
    try {
      return copy.readFromCopy();
    } catch (SQLException e) {
      throw EngineErrors.toGatewayException(e);
    }
  }

  @Override
  public long rowCount() {
    return copy.getHandledRowCount();
  }
}
