package wiregate.mysql.errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import wiregate.core.model.GatewayError;

/**
 * Turns a {@link GatewayError} (PostgreSQL SQLSTATE and message, from the engine or raised by the
 * gateway in MySQL's words) into the MySQL error number, SQLSTATE and message a MySQL client expects.
 * The rules are data ({@code mysql-errors.tsv} next to this class), shown in docs/mysql.md.
 */
public final class MySqlErrorMap {
  /** MySQL's limit on an error message (MYSQL_ERRMSG_SIZE), in characters here. */
  private static final int MAX_MESSAGE = 512;

  private final List<ErrorRule> rules;

  public MySqlErrorMap(List<ErrorRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The map in {@code mysql-errors.tsv}. */
  public static MySqlErrorMap standard() {
    return new MySqlErrorMap(load("mysql-errors.tsv"));
  }

  public List<ErrorRule> rules() {
    return rules;
  }

  /**
   * @param currentDatabase the session's database (qualifies table names the way MySQL does), or null
   */
  public MySqlError map(GatewayError error, String currentDatabase) {
    return map(error, ErrorContext.of(currentDatabase));
  }

  /** The MySQL error, with what the context tells about the statement that failed. */
  public MySqlError map(GatewayError error, ErrorContext context) {
    for (ErrorRule rule : rules) {
      if (rule.appliesTo(error.sqlState(), error.message())) {
        ErrorFacts facts = new ErrorFacts(error, context, rule.match());
        String message = facts.render(rule.template());
        if (message == null && rule.triesNextRule()) {
          continue;
        }
        if (message == null) {
          message = rule.fallback() != null ? facts.renderLoosely(rule.fallback()) : facts.renderLoosely(rule.template());
        }
        if (message.length() > MAX_MESSAGE) {
          message = message.substring(0, MAX_MESSAGE);
        }
        return new MySqlError(rule.errno(), rule.sqlState(), message);
      }
    }
    return new MySqlError(1105, "HY000", error.message());
  }

  /** The rules as the Markdown table in docs/mysql.md. */
  public String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| PostgreSQL SQLSTATE | when the message matches | MySQL errno | MySQL SQLSTATE | MySQL message |\n");
    out.append("|---|---|---|---|---|\n");
    for (ErrorRule rule : rules) {
      out.append("| ").append(rule.pgSqlState() == null ? "any" : rule.pgSqlState())
          .append(" | ").append(rule.match() == null ? "" : code(rule.match().pattern()))
          .append(" | ").append(rule.errno())
          .append(" | ").append(rule.sqlState())
          .append(" | ").append(code(rule.template()))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String code(String text) {
    String escaped = text.replace("|", "\\|");
    return escaped.contains("`") ? "`` " + escaped + " ``" : "`" + escaped + "`";
  }

  private static List<ErrorRule> load(String resource) {
    List<ErrorRule> rules = new ArrayList<>();
    try (InputStream in = MySqlErrorMap.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
          throw new IllegalStateException("bad line in " + resource + ": " + line);
        }
        rules.add(new ErrorRule(f[0].equals("*") ? null : f[0], f[1].equals("*") ? null : Pattern.compile(f[1]),
            Integer.parseInt(f[2]), f[3], f[4], f[5].equals("-") ? null : f[5]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rules;
  }
}
