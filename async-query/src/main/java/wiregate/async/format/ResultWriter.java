package wiregate.async.format;

import java.io.IOException;

/**
 * Writes rows to a stream in one file format, as they arrive. A writer holds at most a bounded
 * buffer (a Parquet row group) and never closes the stream it writes to: its owner does.
 */
public interface ResultWriter {
  /** One row, one value per column in {@link ColumnKind}'s Java types. */
  void write(Object[] row) throws IOException;

  /** Completes the file (for Parquet: the last row group and the footer) and flushes it. */
  void finish() throws IOException;
}
