package wiregate.dialect.mysql;

import java.util.Set;

/** Word lists the translator needs to tell keywords from names. */
final class MySqlKeywords {
  private MySqlKeywords() {}

  /** PostgreSQL reserved and column-name key words: written quoted when they name things. */
  static final Set<String> QUOTE_AS_NAME = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with", "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose", "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar");

  /** Words that end a SELECT item list at the same nesting depth. */
  static final Set<String> SELECT_LIST_END = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER",
      "LIMIT", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "FOR", "LOCK", "PROCEDURE");

  /** SELECT modifiers MySQL accepts right after SELECT; the PostgreSQL ones are kept, others dropped. */
  static final Set<String> SELECT_MODIFIERS = Set.of("ALL", "DISTINCT", "DISTINCTROW", "HIGH_PRIORITY",
      "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE",
      "SQL_CALC_FOUND_ROWS");

  static final Set<String> DROPPED_SELECT_MODIFIERS = Set.of("HIGH_PRIORITY", "SQL_SMALL_RESULT",
      "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS");

  /** INTERVAL units, simple and compound. */
  static final Set<String> INTERVAL_UNITS = Set.of("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK",
      "MONTH", "QUARTER", "YEAR", "SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND",
      "HOUR_MICROSECOND", "HOUR_SECOND", "HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND", "DAY_MINUTE",
      "DAY_HOUR", "YEAR_MONTH");

  /** Words that cannot be a bare column alias at the end of a select item. */
  static final Set<String> NOT_AN_ALIAS = Set.of("END", "NULL", "TRUE", "FALSE", "UNKNOWN", "CURRENT_TIMESTAMP",
      "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_USER", "DESC", "ASC",
      "DISTINCT", "AND", "OR", "NOT", "IS", "ELSE", "THEN", "WHEN", "CASE", "BINARY", "UTC_TIMESTAMP",
      "UTC_DATE", "UTC_TIME");
}
