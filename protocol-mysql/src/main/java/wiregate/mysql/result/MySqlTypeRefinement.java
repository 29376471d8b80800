package wiregate.mysql.result;

import static wiregate.mysql.result.ColumnMapper.*;

import java.util.Locale;

/**
 * Turns a column's catalog origin into what MySQL reports for it: the names, the flags, and for
 * columns whose MySQL type lives in a wg_mysql domain, the MySQL type code and length that domain
 * stands for (TINYINT(1), INT UNSIGNED, ENUM, MEDIUMTEXT, VARBINARY(n), YEAR, ...).
 */
public final class MySqlTypeRefinement {
  private MySqlTypeRefinement() {}

  public static ResultColumn refine(ResultColumn base, ColumnOrigins.Origin origin) {
    if (origin == null) {
      return base;
    }
    ColumnDefinition d = base.definition();
    int type = d.type();
    long length = d.length();
    int flags = d.flags();
    int collation = d.collation();
    if (origin.mysqlType() != null) {
      String t = origin.mysqlType().toLowerCase(Locale.ROOT).trim();
      boolean unsigned = t.contains(" unsigned");
      String head = t.replace(" unsigned", "").replace(" zerofill", "");
      int paren = head.indexOf('(');
      String name = paren < 0 ? head : head.substring(0, paren);
      long arg = argument(head);
      switch (name) {
        case "tinyint" -> { type = TYPE_TINY; length = arg > 0 ? arg : unsigned ? 3 : 4; }
        case "smallint" -> { type = TYPE_SHORT; length = unsigned ? 5 : 6; }
        case "mediumint" -> { type = TYPE_INT24; length = unsigned ? 8 : 9; }
        case "int", "integer" -> { type = TYPE_LONG; length = unsigned ? 10 : 11; }
        case "bigint" -> { type = TYPE_LONGLONG; length = 20; }
        case "year" -> { type = TYPE_YEAR; length = 4; flags |= UNSIGNED; }
        case "enum" -> { type = TYPE_STRING; flags |= ENUM; length = longestMember(head) * 4L; }
        case "set" -> { type = TYPE_STRING; flags |= SET; length = head.length() * 4L; }
        case "tinytext" -> { type = TYPE_BLOB; length = 255L * 4; flags |= BLOB; }
        case "mediumtext" -> { type = TYPE_BLOB; length = 16777215L * 4; flags |= BLOB; }
        case "longtext" -> { type = TYPE_BLOB; length = 4294967295L; flags |= BLOB; }
        case "binary" -> { type = TYPE_STRING; length = arg; flags |= BINARY; collation = BINARY_COLLATION; }
        case "varbinary" -> { type = TYPE_VAR_STRING; length = arg; flags |= BINARY; collation = BINARY_COLLATION; }
        case "tinyblob" -> { type = TYPE_BLOB; length = 255; flags |= BLOB | BINARY; }
        case "blob" -> { type = TYPE_BLOB; length = 65535; flags |= BLOB | BINARY; }
        case "mediumblob" -> { type = TYPE_BLOB; length = 16777215; flags |= BLOB | BINARY; }
        case "longblob" -> { type = TYPE_BLOB; length = 4294967295L; flags |= BLOB | BINARY; }
        default -> { }
      }
      if (unsigned) {
        flags |= UNSIGNED;
      }
    }
    if (origin.notNull()) {
      flags |= NOT_NULL;
    }
    if (origin.primaryKey()) {
      flags |= PRI_KEY;
    }
    if (origin.uniqueKey()) {
      flags |= UNIQUE_KEY;
    }
    if (origin.multipleKey()) {
      flags |= MULTIPLE_KEY;
    }
    if (origin.autoIncrement()) {
      flags |= AUTO_INCREMENT;
    }
    // The engine does not say which alias the query gave the table: report the table's own name.
    ColumnDefinition refined = new ColumnDefinition(origin.schema(), origin.table(), origin.table(), d.name(),
        origin.column(), collation, length, type, flags, d.decimals());
    return new ResultColumn(refined, base.conversion());
  }

  private static long argument(String type) {
    int open = type.indexOf('(');
    int close = type.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return 0;
    }
    try {
      return Long.parseLong(type.substring(open + 1, close).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int longestMember(String enumType) {
    int longest = 1;
    int start = -1;
    for (int i = enumType.indexOf('(') + 1; i < enumType.length(); i++) {
      char ch = enumType.charAt(i);
      if (ch == '\'') {
        if (start < 0) {
          start = i + 1;
        } else if (i + 1 < enumType.length() && enumType.charAt(i + 1) == '\'') {
          i++; // doubled quote inside a member
        } else {
          longest = Math.max(longest, i - start);
          start = -1;
        }
      }
    }
    return longest;
  }
}
