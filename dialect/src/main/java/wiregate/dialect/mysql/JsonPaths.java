package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;

/** MySQL JSON paths ('$.a.b[0]') as PostgreSQL text-array paths ('{a,b,0}') for #> and #>>. */
final class JsonPaths {
  private JsonPaths() {}

  /** The PostgreSQL path, or the input unchanged when it uses wildcards this mapping cannot express. */
  static String toPgPath(String mysqlPath) {
    String p = mysqlPath.trim();
    if (!p.startsWith("$")) {
      return mysqlPath;
    }
    List<String> parts = new ArrayList<>();
    int i = 1;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        i++;
        if (i < p.length() && p.charAt(i) == '"') {
          int end = p.indexOf('"', i + 1);
          if (end < 0) {
            return mysqlPath;
          }
          parts.add(p.substring(i + 1, end));
          i = end + 1;
        } else {
          int start = i;
          while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
            i++;
          }
          String key = p.substring(start, i);
          if (key.equals("*")) {
            return mysqlPath;
          }
          parts.add(key);
        }
      } else if (c == '[') {
        int end = p.indexOf(']', i);
        if (end < 0) {
          return mysqlPath;
        }
        String index = p.substring(i + 1, end).trim();
        if (!index.matches("[0-9]+")) {
          return mysqlPath;
        }
        parts.add(index);
        i = end + 1;
      } else {
        return mysqlPath;
      }
    }
    StringBuilder out = new StringBuilder("{");
    for (int k = 0; k < parts.size(); k++) {
      if (k > 0) {
        out.append(',');
      }
      String part = parts.get(k);
      if (part.matches("[A-Za-z0-9_]+")) {
        out.append(part);
      } else {
        out.append('"').append(part.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return out.append('}').toString();
  }
}
