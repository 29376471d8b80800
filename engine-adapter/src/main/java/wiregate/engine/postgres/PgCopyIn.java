package wiregate.engine.postgres;

import java.sql.SQLException;
import wiregate.core.engine.CopyIn;
import wiregate.core.model.GatewayException;

/** COPY FROM STDIN through pgjdbc's copy API: each client CopyData is written on. */
final class PgCopyIn implements CopyIn {
  private final org.postgresql.copy.CopyIn copy;

  PgCopyIn(org.postgresql.copy.CopyIn copy) {
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
  public void write(byte[] data) throws GatewayException {
    try {
      copy.writeToCopy(data, 0, data.length);
    } catch (SQLException e) {
      throw EngineErrors.toGatewayException(e);
    }
  }

  @Override
  public long finish() throws GatewayException {
    try {
      return copy.endCopy();
    } catch (SQLException e) {
      throw EngineErrors.toGatewayException(e);
    }
  }

  @Override
  public void abort() {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // The engine answers a cancelled copy with an error: that is the expected outcome.
    }
  }
}
