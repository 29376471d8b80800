package wiregate.mysql.result;

import java.util.Locale;

/**
 * MySQL 8's information_schema tables are views over its data dictionary whose columns are named in
 * upper case: {@code SELECT column_name FROM information_schema.columns} is labelled
 * {@code COLUMN_NAME}, and the metadata names schema {@code information_schema}, table
 * {@code COLUMNS}. The gateway's information_schema is the dialect's {@code wg_mysql_is} views, with
 * lower-case columns; this gives their result columns MySQL's names. Clients notice: a dict cursor
 * keys rows by label.
 */
final class InformationSchemaLabels {
  /** The engine schema of the dialect's information_schema views. */
  static final String VIEWS_SCHEMA = "wg_mysql_is";

  private InformationSchemaLabels() {}

  static boolean appliesTo(ColumnOrigins.Origin origin) {
    return VIEWS_SCHEMA.equals(origin.schema());
  }

  /** The label: upper case unless the query gave the column an alias of its own. */
  static String label(String label, ColumnOrigins.Origin origin) {
    return label.equals(origin.column()) ? upper(label) : label;
  }

  static String upper(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}
