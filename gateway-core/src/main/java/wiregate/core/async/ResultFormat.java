package wiregate.core.async;

import java.util.Locale;
import java.util.Optional;

/** The file formats a result can be written in; the API names them in lower case. */
public enum ResultFormat {
  JSONL("application/x-ndjson", "jsonl"),
  CSV("text/csv; charset=utf-8", "csv"),
  PARQUET("application/vnd.apache.parquet", "parquet");

  private final String contentType;
  private final String extension;

  ResultFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  /** The name used in requests and responses: jsonl, csv, parquet. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ResultFormat> fromApiName(String name) {
    for (ResultFormat f : values()) {
      if (f.apiName().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
