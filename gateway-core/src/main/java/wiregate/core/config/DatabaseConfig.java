package wiregate.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A database the async query API can run queries on, under its id (the key in {@code databases}).
 * SQL is sent to it as written.
 */
public final class DatabaseConfig {
  public Kind kind = Kind.CANONICAL;
  /** canonical: the engine database (default: the engine's default database). */
  public String database;
  /** postgres / mysql: JDBC URL (jdbc:postgresql://... or jdbc:mysql://...). */
  public String url;
  public String user;
  public String password;
  /** Connections kept for async queries on this database. */
  public int poolSize = 4;
  /** Shown by GET /v1/databases. */
  public String description;

  /** Whether a reload left this database as it was (so its pool can stay). */
  public boolean sameSettings(DatabaseConfig other) {
    return other != null && kind == other.kind && java.util.Objects.equals(database, other.database)
        && java.util.Objects.equals(url, other.url) && java.util.Objects.equals(user, other.user)
        && java.util.Objects.equals(password, other.password) && poolSize == other.poolSize
        && java.util.Objects.equals(description, other.description);
  }

  public enum Kind implements ConfigChoice {
    /** The gateway's own canonical engine. */
    CANONICAL("canonical"),
    /** An external PostgreSQL, through pgjdbc. */
    POSTGRES("postgres"),
    /** An external MySQL, through MySQL Connector/J. */
    MYSQL("mysql");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    @JsonValue
    public String key() {
      return key;
    }
  }
}
