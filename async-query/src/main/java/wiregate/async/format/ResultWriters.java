package wiregate.async.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import wiregate.core.async.ResultFormat;

/** Opens the writer of a result format. */
public final class ResultWriters {
  /** Parquet buffers one row group in memory before it is written: this bounds it. */
  public static final long PARQUET_ROW_GROUP_BYTES = 32L * 1024 * 1024;

  private ResultWriters() {}

  public static ResultWriter open(ResultFormat format, List<ResultColumn> columns, OutputStream stream)
      throws IOException {
    return switch (format) {
      case JSONL -> new JsonlResultWriter(columns, stream);
      case CSV -> new CsvResultWriter(columns, stream);
      case PARQUET -> new ParquetResultWriter(columns, stream, PARQUET_ROW_GROUP_BYTES);
    };
  }
}
