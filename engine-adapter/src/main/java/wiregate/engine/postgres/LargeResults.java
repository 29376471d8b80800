package wiregate.engine.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements (by SQL text) whose result outgrew a batch lately on one engine connection: they go
 * straight to a cursor in a transaction block instead of being tried without one first, so a large
 * read is not started twice each time. Least recently used first out.
 */
final class LargeResults {
  private static final int CAPACITY = 64;

  private final Map<String, Boolean> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > CAPACITY;
    }
  };

  boolean contains(String sql) {
    return recent.get(sql) != null;
  }

  void add(String sql) {
    recent.put(sql, Boolean.TRUE);
  }
}
