package wiregate.core.async;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The databases queries may name, looked up on every submission, so a configuration reload can
 * replace the set without restarting the service.
 */
public interface QueryDatabases {
  Optional<QueryDatabase> find(String id);

  List<QueryDatabase> all();

  /** A fixed set, in the given order. */
  static QueryDatabases of(List<QueryDatabase> databases) {
    Map<String, QueryDatabase> byId = new LinkedHashMap<>();
    databases.forEach(d -> byId.put(d.id(), d));
    List<QueryDatabase> copy = List.copyOf(byId.values());
    return new QueryDatabases() {
      @Override
      public Optional<QueryDatabase> find(String id) {
        return Optional.ofNullable(byId.get(id));
      }

      @Override
      public List<QueryDatabase> all() {
        return copy;
      }
    };
  }
}
