package wiregate.engine.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads back engine.log, where initdb and postgres write their output. */
final class EngineLog {
  /** Enough for the last few dozen lines; the log of a long-running engine can be large. */
  private static final int TAIL_BYTES = 16 * 1024;

  private EngineLog() {}

  static long size(Path log) throws IOException {
    return Files.isRegularFile(log) ? Files.size(log) : 0;
  }

  /**
   * The last {@code lines} lines written after {@code offset}, i.e. by the current start rather
   * than earlier runs; "" when there are none or the log cannot be read.
   */
  static String tail(Path log, long offset, int lines) {
    try {
      String text = readFrom(log, Math.max(offset, size(log) - TAIL_BYTES));
      List<String> all = text.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Everything written after {@code offset}: the output of whatever ran since then. */
  static String readFrom(Path log, long offset) throws IOException {
    if (!Files.isRegularFile(log)) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.min(offset, file.length());
      byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE, file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
