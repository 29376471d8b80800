package wiregate.mysql.session;

import java.util.ArrayList;
import java.util.List;
import wiregate.core.model.GatewayError;
import wiregate.mysql.errors.MySqlError;
import wiregate.mysql.errors.MySqlErrorMap;

/**
 * The warnings and notes one statement collects for MySQL's diagnostics area: engine notices, with
 * the number and text the error map gives their SQLSTATE (a WARNING raised with SQLSTATE 22012 is
 * MySQL's warning 1365 "Division by 0"), and the gateway's own.
 */
public final class Warnings {
  private final MySqlErrorMap errors;
  private final String database;
  private final List<Warning> entries = new ArrayList<>();

  public Warnings(MySqlErrorMap errors, String database) {
    this.errors = errors;
    this.database = database;
  }

  public void notice(GatewayError notice) {
    MySqlError mapped = errors.map(notice, database);
    String level = "WARNING".equals(notice.severity()) ? "Warning" : "Note";
    entries.add(new Warning(level, mapped.errno(), mapped.message()));
  }

  public void add(Warning warning) {
    entries.add(warning);
  }

  public int size() {
    return entries.size();
  }

  public List<Warning> entries() {
    return entries;
  }
}
