package wiregate.mysql.result;

import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnFlags;
import wiregate.mysql.codec.ColumnType;
import java.util.Locale;
import wiregate.core.mysql.MySqlStatement.SelectItem;

/**
 * Turns a column's catalog origin into what MySQL reports for it: the names, the flags, and for
 * columns whose MySQL type lives in a wg_mysql domain, the MySQL type code and length that domain
 * stands for (TINYINT(1), INT UNSIGNED, ENUM, MEDIUMTEXT, VARBINARY(n), YEAR, ...). A computed
 * column takes what the dialect proved of its select item instead (NOT NULL, a literal's size).
 */
public final class MySqlTypeRefinement {
  private static final int MAX_BYTES_PER_CHAR = 4;

  private MySqlTypeRefinement() {}

  public static ResultColumn refine(ResultColumn base, ColumnOrigins.Origin origin) {
    if (origin == null) {
      return base;
    }
    ColumnDefinition41 d = base.definition();
    int type = d.type();
    long length = d.columnLength();
    int flags = d.flags();
    int collation = d.collationId();
    if (origin.mysqlType() != null) {
      String t = origin.mysqlType().toLowerCase(Locale.ROOT).trim();
      boolean unsigned = t.contains(" unsigned");
      String head = t.replace(" unsigned", "").replace(" zerofill", "");
      int paren = head.indexOf('(');
      String name = paren < 0 ? head : head.substring(0, paren);
      long arg = argument(head);
      switch (name) {
        case "tinyint" -> { type = ColumnType.TINY; length = arg > 0 ? arg : unsigned ? 3 : 4; }
        case "smallint" -> { type = ColumnType.SHORT; length = unsigned ? 5 : 6; }
        case "mediumint" -> { type = ColumnType.INT24; length = unsigned ? 8 : 9; }
        case "int", "integer" -> { type = ColumnType.LONG; length = unsigned ? 10 : 11; }
        case "bigint" -> { type = ColumnType.LONGLONG; length = 20; }
        case "year" -> { type = ColumnType.YEAR; length = 4; flags |= ColumnFlags.UNSIGNED; }
        case "enum" -> { type = ColumnType.STRING; flags |= ColumnFlags.ENUM; length = longestMember(head) * 4L; }
        case "set" -> { type = ColumnType.STRING; flags |= ColumnFlags.SET; length = head.length() * 4L; }
        case "tinytext" -> { type = ColumnType.BLOB; length = 255L * 4; flags |= ColumnFlags.BLOB; }
        case "mediumtext" -> { type = ColumnType.BLOB; length = 16777215L * 4; flags |= ColumnFlags.BLOB; }
        case "longtext" -> { type = ColumnType.BLOB; length = 4294967295L; flags |= ColumnFlags.BLOB; }
        case "binary" -> { type = ColumnType.STRING; length = arg; flags |= ColumnFlags.BINARY; collation = Collations.BINARY; }
        case "varbinary" -> { type = ColumnType.VAR_STRING; length = arg; flags |= ColumnFlags.BINARY; collation = Collations.BINARY; }
        case "tinyblob" -> { type = ColumnType.BLOB; length = 255; flags |= ColumnFlags.BLOB | ColumnFlags.BINARY; }
        case "blob" -> { type = ColumnType.BLOB; length = 65535; flags |= ColumnFlags.BLOB | ColumnFlags.BINARY; }
        case "mediumblob" -> { type = ColumnType.BLOB; length = 16777215; flags |= ColumnFlags.BLOB | ColumnFlags.BINARY; }
        case "longblob" -> { type = ColumnType.BLOB; length = 4294967295L; flags |= ColumnFlags.BLOB | ColumnFlags.BINARY; }
        default -> { }
      }
      if (unsigned) {
        flags |= ColumnFlags.UNSIGNED;
      }
    }
    if (origin.notNull()) {
      flags |= ColumnFlags.NOT_NULL;
    }
    if (origin.primaryKey()) {
      flags |= ColumnFlags.PRI_KEY;
    }
    if (origin.uniqueKey()) {
      flags |= ColumnFlags.UNIQUE_KEY;
    }
    if (origin.multipleKey()) {
      flags |= ColumnFlags.MULTIPLE_KEY;
    }
    if (origin.autoIncrement()) {
      flags |= ColumnFlags.AUTO_INCREMENT;
    }
    if (InformationSchemaLabels.appliesTo(origin)) {
      String table = InformationSchemaLabels.upper(origin.table());
      return new ResultColumn(new ColumnDefinition41("information_schema", table, table,
          InformationSchemaLabels.label(d.name(), origin), InformationSchemaLabels.upper(origin.column()), collation,
          length, type, flags, d.decimals()), base.conversion());
    }
    // The engine does not say which alias the query gave the table: report the table's own name.
    ColumnDefinition41 refined = new ColumnDefinition41(origin.schema(), origin.table(), origin.table(), d.name(),
        origin.column(), collation, length, type, flags, d.decimals());
    return new ResultColumn(refined, base.conversion());
  }

  /**
   * A computed column (no catalog origin) as MySQL reports it for what its select item is: NOT_NULL
   * when the item can never be NULL; a literal's own display length and decimals, and a string
   * literal as VARCHAR rather than the TEXT (BLOB) a PostgreSQL text column maps to.
   */
  public static ResultColumn computed(ResultColumn base, SelectItem item) {
    if (item == null || !item.notNull()) {
      return base;
    }
    ColumnDefinition41 d = base.definition();
    int type = d.type();
    long length = d.columnLength();
    int flags = d.flags() | ColumnFlags.NOT_NULL;
    int decimals = d.decimals();
    if (item.displayChars() >= 0) {
      if ((flags & ColumnFlags.NUM) != 0) {
        length = item.displayChars();
        decimals = item.decimals() >= 0 ? item.decimals() : decimals;
      } else if (type == ColumnType.BLOB) {
        type = ColumnType.VAR_STRING;
        flags &= ~ColumnFlags.BLOB;
        length = (long) item.displayChars() * (d.collationId() == Collations.BINARY ? 1 : MAX_BYTES_PER_CHAR);
      }
    }
    return new ResultColumn(new ColumnDefinition41(d.schema(), d.table(), d.orgTable(), d.name(), d.orgName(),
        d.collationId(), length, type, flags, decimals, d.charset()), base.conversion());
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
