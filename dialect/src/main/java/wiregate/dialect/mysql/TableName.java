package wiregate.dialect.mysql;

import wiregate.core.model.GatewayException;

/**
 * A table named in MySQL text ({@code t} or {@code db.t}), resolved against the current database: a
 * MySQL database is a PostgreSQL schema (spec 1). {@code schema} is null only for temporary tables.
 */
record TableName(String schema, String table, int next) {

  static TableName read(SourceStatement s, int i, SessionValues session, boolean temporary) throws GatewayException {
    if (i >= s.size() || !s.get(i).isIdentifier()) {
      throw s.syntaxErrorAt(i);
    }
    if (s.isSymbol(i + 1, ".") && i + 2 < s.size() && s.get(i + 2).isIdentifier()) {
      return new TableName(s.get(i).identifierName(), s.get(i + 2).identifierName(), i + 3);
    }
    String table = s.get(i).identifierName();
    if (temporary) {
      return new TableName(null, table, i + 1);
    }
    String db = session.database();
    if (db == null) {
      throw MySqlSyntaxErrors.error("3D000", "No database selected");
    }
    return new TableName(db.toLowerCase(java.util.Locale.ROOT), table, i + 1);
  }

  /** The PostgreSQL name, schema-qualified except for temporary tables. */
  String qualified() {
    return schema == null ? PgText.identifier(table) : PgText.identifier(schema) + "." + PgText.identifier(table);
  }

  /** A name derived from the table (index, sequence, trigger), in the table's schema. */
  String sibling(String suffix) {
    String name = PgText.identifier(table + "_" + suffix);
    return schema == null ? name : PgText.identifier(schema) + "." + name;
  }

  /** The derived name without schema (CREATE INDEX and constraints take no schema). */
  String siblingLocal(String suffix) {
    return PgText.identifier(table + "_" + suffix);
  }
}
