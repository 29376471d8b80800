package wiregate.engine.postgres;

import org.postgresql.copy.CopyOperation;

/** The column formats a COPY announced (CopyInResponse / CopyOutResponse), as the client needs them. */
final class CopyFormats {
  private CopyFormats() {}

  static int[] columnFormats(CopyOperation copy) {
    int[] formats = new int[copy.getFieldCount()];
    for (int i = 0; i < formats.length; i++) {
      formats[i] = copy.getFieldFormat(i);
    }
    return formats;
  }
}
