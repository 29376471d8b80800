package wiregate.core.model;

import java.util.List;

/**
 * Receives one statement's outcome as it streams from the engine. Values are in the engine's text
 * format and client encoding; null means SQL NULL. Implementations may block in {@link #row} to apply
 * back-pressure; they are called on the session's worker thread, never on an event loop.
 */
public interface ResultSink {
  void columns(List<Column> columns);

  void row(byte[][] values);

  /** The engine's command tag, e.g. {@code INSERT 0 3} or {@code SELECT 10}. */
  void complete(String commandTag);

  void notice(GatewayError notice);
}
