package wiregate.dialect.mysql.catalog;

/**
 * Optionally implemented by a {@link wiregate.core.mysql.MySqlContext} that knows who is connected
 * (MySqlContext itself does not say); SHOW GRANTS uses it and falls back to {@code root}.
 */
public interface SessionIdentity {
  /** The MySQL user name the client authenticated as. */
  String user();
}
