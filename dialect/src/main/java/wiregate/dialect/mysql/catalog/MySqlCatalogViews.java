package wiregate.dialect.mysql.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that installs MySQL's information_schema as views in the engine's schema
 * {@code wg_mysql_is}: schemata, tables, columns, statistics, key_column_usage, table_constraints,
 * referential_constraints, check_constraints, views, routines, processlist (from
 * {@code information-schema.sql}), and character_sets, collations, engines (generated from
 * {@link CharacterSets} and {@link Engines}, so SHOW and the views agree).
 */
public final class MySqlCatalogViews {
  /** The engine schema that MySQL clients see as information_schema. */
  public static final String SCHEMA = "wg_mysql_is";

  private MySqlCatalogViews() {}

  /** Idempotent statements, in order; run in one transaction (MySqlDialect.engineSetup). */
  public static List<String> setupStatements() {
    List<String> statements = new ArrayList<>(splitStatements(resource("information-schema.sql")));
    statements.add(characterSetsView());
    statements.add(collationsView());
    statements.add(enginesView());
    return List.copyOf(statements);
  }

  private static String characterSetsView() {
    String rows = CharacterSets.CHARACTER_SETS.stream()
        .map(c -> "(" + String.join(", ", SqlText.literal(c.name()), SqlText.literal(c.defaultCollation()),
            SqlText.literal(c.description()), Integer.toString(c.maxLength())) + ")")
        .collect(Collectors.joining(",\n  "));
    return "CREATE OR REPLACE VIEW wg_mysql_is.character_sets AS\n"
        + "SELECT character_set_name::varchar(64), default_collate_name::varchar(64), description::varchar(2048),"
        + " maxlen::integer\nFROM (VALUES\n  " + rows
        + ") AS v(character_set_name, default_collate_name, description, maxlen)";
  }

  private static String collationsView() {
    String rows = CharacterSets.COLLATIONS.stream()
        .map(c -> "(" + String.join(", ", SqlText.literal(c.name()), SqlText.literal(c.charset()),
            Integer.toString(c.id()), SqlText.literal(c.isDefault() ? "Yes" : ""), "'Yes'",
            Integer.toString(c.sortLength()), SqlText.literal(c.padAttribute())) + ")")
        .collect(Collectors.joining(",\n  "));
    return "CREATE OR REPLACE VIEW wg_mysql_is.collations AS\n"
        + "SELECT collation_name::varchar(64), character_set_name::varchar(64), id::bigint,"
        + " is_default::varchar(3), is_compiled::varchar(3), sortlen::integer, pad_attribute::varchar(9)\n"
        + "FROM (VALUES\n  " + rows
        + ") AS v(collation_name, character_set_name, id, is_default, is_compiled, sortlen, pad_attribute)";
  }

  private static String enginesView() {
    String rows = Engines.ROWS.stream()
        .map(r -> "(" + r.stream().map(SqlText::literal).collect(Collectors.joining(", ")) + ")")
        .collect(Collectors.joining(",\n  "));
    return "CREATE OR REPLACE VIEW wg_mysql_is.engines AS\n"
        + "SELECT engine::varchar(64), support::varchar(8), comment::varchar(80), transactions::varchar(3),"
        + " xa::varchar(3), savepoints::varchar(3)\nFROM (VALUES\n  " + rows
        + ") AS v(engine, support, comment, transactions, xa, savepoints)";
  }

  /**
   * Splits a script at lines ending in ";" outside $$-quoted bodies; comment lines between
   * statements are dropped.
   */
  static List<String> splitStatements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inBody = false;
    for (String line : script.split("\n")) {
      if (current.isEmpty() && (line.isBlank() || line.startsWith("--"))) {
        continue;
      }
      current.append(line).append('\n');
      int dollars = line.split("\\$\\$", -1).length - 1;
      if (dollars % 2 == 1) {
        inBody = !inBody;
      }
      if (!inBody && line.stripTrailing().endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException("unterminated statement in information-schema.sql: " + current);
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = MySqlCatalogViews.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
