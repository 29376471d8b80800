package wiregate.dialect.mysql;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;
import wiregate.core.mysql.MySqlStatement.SelectItem;
import wiregate.dialect.mysql.catalog.MySqlSessionStatements;
import wiregate.dialect.postgres.PostgresStatementClassifier;

/** Decides what one MySQL statement is and hands it to the translator for its kind. */
final class StatementRouter {
  /** Statements MySQL users run for MySQL's storage engine only; accepted with a plain OK. */
  private static final Set<String> IGNORED_FIRST_WORDS = Set.of("FLUSH", "UNLOCK", "RESET", "GRANT", "REVOKE",
      "PURGE", "INSTALL", "UNINSTALL", "CACHE");
  /** Table maintenance statements answered with MySQL's one-row status result. */
  private static final Set<String> TABLE_MAINTENANCE = Set.of("ANALYZE", "OPTIMIZE", "REPAIR", "CHECK",
      "CHECKSUM");
  private static final Set<String> SESSION_FIRST_WORDS = Set.of("SHOW", "DESCRIBE", "DESC", "EXPLAIN", "SET", "USE",
      "HELP");
  private static final Set<String> EXPLAINABLE = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH",
      "TABLE", "(", "ANALYZE", "FORMAT", "EXTENDED", "PARTITIONS");

  record Routed(MySqlStatement statement, boolean cacheable) {}

  private final SourceStatement s;
  private final SessionValues session;
  private final TableInfoCache tables;
  private final boolean prepared;

  StatementRouter(SourceStatement s, SessionValues session, TableInfoCache tables, boolean prepared) {
    this.s = s;
    this.session = session;
    this.tables = tables;
    this.prepared = prepared;
  }

  Routed route() throws GatewayException {
    String first = s.keyword(0);
    String text = s.text();
    Optional<MySqlStatement.Transaction> transaction = TransactionStatements.parse(s);
    if (transaction.isPresent()) {
      return new Routed(transaction.get(), true);
    }
    if (SESSION_FIRST_WORDS.contains(first) && !isExplainOfStatement()) {
      Optional<MySqlStatement> handled = delegateToCatalog(text);
      if (handled.isPresent()) {
        return new Routed(handled.get(), false);
      }
      if (first.equals("SET") || first.equals("USE")) {
        throw s.syntaxErrorAt(s.size());
      }
      throw MySqlSyntaxErrors.unsupported("This form of " + first);
    }
    if (IGNORED_FIRST_WORDS.contains(first) || s.words(0, "LOCK", "TABLES") || s.words(0, "LOCK", "TABLE")
        || s.words(0, "LOCK", "INSTANCE")) {
      return new Routed(new MySqlStatement.Ignored(text, ignoredReason(first)), true);
    }
    if (TABLE_MAINTENANCE.contains(first) && (s.isWord(1, "TABLE") || s.isWord(1, "TABLES")
        || s.isWord(2, "TABLE"))) {
      return new Routed(maintenanceResult(first), false);
    }
    return switch (first) {
      case "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE" -> new Routed(new DdlTranslator(s, session).translate(),
          false);
      case "INSERT", "REPLACE" -> new Routed(new InsertTranslator(s, session, tables).translate(), true);
      case "UPDATE", "DELETE" -> new Routed(new UpdateDeleteTranslator(s, session, tables).translate(), true);
      case "SELECT", "WITH", "(", "VALUES", "TABLE", "EXPLAIN", "DESCRIBE", "DESC" -> new Routed(query(), true);
      case "DO" -> throw MySqlSyntaxErrors.unsupported("DO");
      case "KILL" -> new Routed(KillStatement.parse(s, session), false);
      case "CALL", "HANDLER", "LOAD", "XA", "SHUTDOWN", "PREPARE", "EXECUTE", "DEALLOCATE", "IMPORT",
          "CLONE", "RESTART", "BINLOG", "CHANGE", "START", "STOP" -> throw MySqlSyntaxErrors.unsupported(first);
      default -> {
        if (s.isSymbol(0, "(")) {
          yield new Routed(query(), true);
        }
        throw s.syntaxErrorAt(0);
      }
    };
  }

  private boolean isExplainOfStatement() {
    String first = s.keyword(0);
    if (!first.equals("EXPLAIN") && !first.equals("DESCRIBE") && !first.equals("DESC")) {
      return false;
    }
    return EXPLAINABLE.contains(s.keyword(1)) || s.isSymbol(1, "(");
  }

  private Optional<MySqlStatement> delegateToCatalog(String text) throws GatewayException {
    Function<String, String> expressions = expression -> {
      try {
        return expression(expression);
      } catch (GatewayException e) {
        throw new TranslationFailure(e);
      }
    };
    try {
      return MySqlSessionStatements.translate(text, session.context(), expressions);
    } catch (TranslationFailure f) {
      throw f.failure;
    }
  }

  /** MySQL expression text as PostgreSQL expression text (for the catalog helper's SET and SHOW ... WHERE). */
  private String expression(String mysqlExpression) throws GatewayException {
    List<SourceStatement> pieces = SourceStatement.split(mysqlExpression, MySqlLexer.lex(mysqlExpression));
    if (pieces.isEmpty()) {
      return "";
    }
    return new PgRenderer(pieces.get(0), session).render();
  }

  /** SELECT and other statements that are plain expressions over tables. */
  private MySqlStatement query() throws GatewayException {
    PgRenderer r = new PgRenderer(s, session);
    int start = 0;
    if (isExplainOfStatement()) {
      r.replace(0, "EXPLAIN");
      start = 1;
    }
    List<SelectItem> items = List.of();
    if (s.isWord(start, "SELECT") || s.isWord(start, "WITH") || s.isSymbol(start, "(")) {
      if (s.isWord(start, "SELECT")) {
        items = SelectItems.describe(s, start, SelectAssignments.apply(s, r, start));
      }
      SelectAliases.apply(s, r);
    }
    String sql = r.render();
    return new EngineSql(s.text(), List.of(), sql, PostgresStatementClassifier.classify(sql), r.parameterCount(),
        DmlOutcome.NONE, false, items, RerunnableSelect.test(s));
  }

  private static String ignoredReason(String first) {
    return switch (first) {
      case "LOCK", "UNLOCK" -> "table locks are not needed: PostgreSQL transactions and row locks apply";
      case "GRANT", "REVOKE" -> "privileges are managed by the gateway's user configuration";
      default -> first + " has no effect on this server";
    };
  }

  /** ANALYZE/OPTIMIZE/REPAIR/CHECK TABLE: MySQL's status rows, one per table; the engine maintains itself. */
  private MySqlStatement maintenanceResult(String first) {
    int i = s.isWord(1, "TABLE") || s.isWord(1, "TABLES") ? 2 : 3;
    List<List<String>> rows = new java.util.ArrayList<>();
    String op = first.toLowerCase(java.util.Locale.ROOT);
    for (int[] part : s.splitCommas(i, s.size())) {
      if (part[0] >= part[1]) {
        continue;
      }
      String name = qualifiedName(part[0], part[1]);
      if (first.equals("CHECKSUM")) {
        rows.add(java.util.Arrays.asList(name, null));
      } else {
        rows.add(List.of(name, op, "status", "OK"));
      }
    }
    if (first.equals("CHECKSUM")) {
      return new MySqlStatement.LocalResult(s.text(), List.of("Table", "Checksum"), List.of("VARCHAR", "BIGINT"),
          rows);
    }
    return new MySqlStatement.LocalResult(s.text(), List.of("Table", "Op", "Msg_type", "Msg_text"),
        List.of("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"), rows);
  }

  private String qualifiedName(int from, int to) {
    StringBuilder b = new StringBuilder();
    boolean qualified = false;
    for (int k = from; k < to; k++) {
      if (s.isSymbol(k, ".")) {
        qualified = true;
        b.append('.');
      } else if (s.get(k).isIdentifier()) {
        b.append(s.get(k).identifierName());
      } else {
        break;
      }
    }
    String db = session.database();
    return qualified || db == null ? b.toString() : db + "." + b;
  }

  /** Carries a checked translation failure through the catalog helper's Function callback. */
  private static final class TranslationFailure extends RuntimeException {
    final GatewayException failure;

    TranslationFailure(GatewayException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }
}
