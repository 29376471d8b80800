package wiregate.mysql.session;

import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnFlags;
import wiregate.mysql.codec.ColumnType;
import java.util.Locale;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.result.ColumnMapper;

/** Column definitions for results the gateway answers itself, from the MySQL type name the dialect gives. */
final class LocalColumns {
  private LocalColumns() {}

  static ColumnDefinition41 definition(String name, String mysqlType, int collation) {
    String t = mysqlType.toUpperCase(Locale.ROOT);
    if (t.startsWith("BIGINT")) {
      return ColumnDefinition41.computed(name, Collations.BINARY, 21, ColumnType.LONGLONG,
          ColumnFlags.NUM | (t.contains("UNSIGNED") ? ColumnFlags.UNSIGNED : 0), 0);
    }
    if (t.startsWith("INT")) {
      return ColumnDefinition41.computed(name, Collations.BINARY, 11, ColumnType.LONG,
          ColumnFlags.NUM | (t.contains("UNSIGNED") ? ColumnFlags.UNSIGNED : 0), 0);
    }
    if (t.startsWith("DECIMAL")) {
      return ColumnDefinition41.computed(name, Collations.BINARY, 67, ColumnType.NEWDECIMAL,
          ColumnFlags.NUM, 31);
    }
    if (t.startsWith("DATETIME") || t.startsWith("TIMESTAMP")) {
      return ColumnDefinition41.computed(name, Collations.BINARY, 19, ColumnType.DATETIME,
          ColumnFlags.BINARY, 0);
    }
    if (t.startsWith("TEXT") || t.startsWith("LONGTEXT") || t.startsWith("BLOB")) {
      return ColumnDefinition41.computed(name, collation, 4294967295L, ColumnType.BLOB,
          ColumnFlags.BLOB, 0);
    }
    return ColumnDefinition41.computed(name, collation, 256, ColumnType.VAR_STRING, 0, 31);
  }
}
