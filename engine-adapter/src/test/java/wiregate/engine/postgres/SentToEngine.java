package wiregate.engine.postgres;

import java.util.ArrayList;
import java.util.List;

/** What pgjdbc sends while open, from its FINEST protocol log: Parse messages and Syncs (round trips). */
final class SentToEngine extends java.util.logging.Handler implements AutoCloseable {
  private static final java.util.logging.Logger PROTOCOL =
      java.util.logging.Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
  private final List<String> parses = java.util.Collections.synchronizedList(new ArrayList<>());
  private final java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.logging.Level previous = PROTOCOL.getLevel();

  SentToEngine() {
    setLevel(java.util.logging.Level.FINEST);
    PROTOCOL.setLevel(java.util.logging.Level.FINEST);
    PROTOCOL.addHandler(this);
  }

  @Override
  public void publish(java.util.logging.LogRecord record) {
    String message = record.getMessage();
    if (message != null && message.startsWith(" FE=> Parse(")) {
      parses.add(message);
    } else if (" FE=> Sync".equals(message)) {
      syncs.incrementAndGet();
    }
  }

  int roundTrips() {
    return syncs.get();
  }

  int parsesOf(String sql) {
    return (int) parses.stream().filter(m -> m.contains("query=\"" + sql + "\"")).count();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    PROTOCOL.removeHandler(this);
    PROTOCOL.setLevel(previous);
  }
}
