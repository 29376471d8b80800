package wiregate.mysql.session;

/** Reads MySQL's affected-row count from a PostgreSQL command tag ("INSERT 0 3", "UPDATE 2", "SELECT 5"). */
final class CommandTags {
  private CommandTags() {}

  static long affectedRows(String tag) {
    if (tag == null) {
      return 0;
    }
    if (tag.startsWith("INSERT ") || tag.startsWith("UPDATE ") || tag.startsWith("DELETE ")
        || tag.startsWith("MERGE ") || tag.startsWith("COPY ")) {
      int space = tag.lastIndexOf(' ');
      try {
        return Long.parseLong(tag.substring(space + 1));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  static boolean isInsert(String tag) {
    return tag != null && tag.startsWith("INSERT ");
  }

  static boolean isUpdate(String tag) {
    return tag != null && tag.startsWith("UPDATE ");
  }
}
