package wiregate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The settings (dotted leaf paths) whose values differ between two configuration trees. */
final class ConfigDiff {
  private ConfigDiff() {}

  static List<String> changedKeys(ObjectNode before, ObjectNode after) {
    List<String> changed = new ArrayList<>();
    walk("", before, after, changed);
    return changed;
  }

  private static void walk(String prefix, JsonNode before, JsonNode after, List<String> changed) {
    if (before != null && before.isObject() && after != null && after.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        walk(prefix.isEmpty() ? name : prefix + "." + name, before.get(name), after.get(name), changed);
      }
    } else if (!Objects.equals(orNull(before), orNull(after))) {
      changed.add(prefix);
    }
  }

  private static JsonNode orNull(JsonNode node) {
    return node == null ? NullNode.getInstance() : node;
  }

  /** Copies the value at {@code key} from {@code source} into {@code target}. */
  static void copy(String key, ObjectNode source, ObjectNode target) {
    String[] path = key.split("\\.");
    JsonNode from = source;
    ObjectNode to = target;
    for (int i = 0; i < path.length - 1; i++) {
      from = from == null ? null : from.get(path[i]);
      JsonNode child = to.get(path[i]);
      if (child == null || !child.isObject()) {
        child = to.putObject(path[i]);
      }
      to = (ObjectNode) child;
    }
    JsonNode value = from == null ? null : from.get(path[path.length - 1]);
    to.set(path[path.length - 1], value == null ? NullNode.getInstance() : value.deepCopy());
  }

  static String describe(List<String> keys) {
    Iterator<String> it = keys.iterator();
    StringBuilder out = new StringBuilder();
    while (it.hasNext()) {
      out.append(it.next());
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    return out.toString();
  }
}
