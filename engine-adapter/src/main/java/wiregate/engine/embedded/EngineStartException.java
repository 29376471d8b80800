package wiregate.engine.embedded;

import java.nio.file.Path;

/** The embedded engine could not be started; the message says why and, when known, quotes engine.log. */
public final class EngineStartException extends RuntimeException {
  private static final int LOG_LINES_QUOTED = 20;

  public EngineStartException(String message) {
    super(message);
  }

  public EngineStartException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Appends what the engine logged since {@code logOffset}, because PostgreSQL reports its
   * reasons there, not to us.
   */
  static EngineStartException withLogTail(String message, Path engineLog, long logOffset, Throwable cause) {
    String tail = EngineLog.tail(engineLog, logOffset, LOG_LINES_QUOTED);
    String full = tail.isEmpty()
        ? message
        : message + "\nlast lines of " + engineLog + ":\n" + tail.indent(2).stripTrailing();
    return new EngineStartException(full, cause);
  }
}
