package wiregate.mysql.session;

import java.util.Locale;
import wiregate.mysql.result.ColumnDefinition;
import wiregate.mysql.result.ColumnMapper;

/** Column definitions for results the gateway answers itself, from the MySQL type name the dialect gives. */
final class LocalColumns {
  private LocalColumns() {}

  static ColumnDefinition definition(String name, String mysqlType, int collation) {
    String t = mysqlType.toUpperCase(Locale.ROOT);
    if (t.startsWith("BIGINT")) {
      return ColumnDefinition.computed(name, ColumnMapper.TYPE_LONGLONG, ColumnMapper.BINARY_COLLATION, 21,
          ColumnMapper.NUM | (t.contains("UNSIGNED") ? ColumnMapper.UNSIGNED : 0), 0);
    }
    if (t.startsWith("INT")) {
      return ColumnDefinition.computed(name, ColumnMapper.TYPE_LONG, ColumnMapper.BINARY_COLLATION, 11,
          ColumnMapper.NUM | (t.contains("UNSIGNED") ? ColumnMapper.UNSIGNED : 0), 0);
    }
    if (t.startsWith("DECIMAL")) {
      return ColumnDefinition.computed(name, ColumnMapper.TYPE_NEWDECIMAL, ColumnMapper.BINARY_COLLATION, 67,
          ColumnMapper.NUM, 31);
    }
    if (t.startsWith("DATETIME") || t.startsWith("TIMESTAMP")) {
      return ColumnDefinition.computed(name, ColumnMapper.TYPE_DATETIME, ColumnMapper.BINARY_COLLATION, 19,
          ColumnMapper.BINARY, 0);
    }
    if (t.startsWith("TEXT") || t.startsWith("LONGTEXT") || t.startsWith("BLOB")) {
      return ColumnDefinition.computed(name, ColumnMapper.TYPE_BLOB, collation, 4294967295L,
          ColumnMapper.BLOB, 0);
    }
    return ColumnDefinition.computed(name, ColumnMapper.TYPE_VAR_STRING, collation, 256, 0, 31);
  }
}
