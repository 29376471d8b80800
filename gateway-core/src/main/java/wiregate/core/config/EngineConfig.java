package wiregate.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** The canonical engine behind the gateway. */
public final class EngineConfig {
  public Kind kind = Kind.EMBEDDED;
  /** Embedded engine: its data directory (initdb on first start); defaults to engine/ in the data directory. */
  public String dataDir;
  /** Embedded engine: loopback port it listens on; 0 picks a free one at start. */
  public int port = 0;
  /** Embedded engine: the unprivileged account the engine runs as when the gateway runs as root. */
  public String runAs = "nobody";
  /** Embedded engine: how long start-up may take. */
  public int startupTimeoutMs = 120_000;
  /** External engine: JDBC URL, e.g. jdbc:postgresql://db.example:5432/postgres. */
  public String url;
  public String user;
  public String password;
  /** Rows fetched from the engine per round trip when a result streams. */
  public int fetchSize = 1000;
  public PoolConfig pool = new PoolConfig();
  /**
   * When a client session holds an engine connection: for its whole life ({@code session}), or only
   * inside a transaction or while something pins it ({@code transaction}). Restart-only.
   */
  public PoolMode poolMode = PoolMode.SESSION;

  public enum Kind implements ConfigChoice {
    EMBEDDED("embedded"),
    POSTGRES("postgres");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    @JsonValue
    public String key() {
      return key;
    }
  }

  public enum PoolMode implements ConfigChoice {
    SESSION("session"),
    TRANSACTION("transaction");

    private final String key;

    PoolMode(String key) {
      this.key = key;
    }

    @JsonValue
    public String key() {
      return key;
    }
  }

  public static final class PoolConfig {
    /**
     * Engine connections per database. In session pool mode each client session holds one while it
     * is open; in transaction pool mode each open transaction (or pinned session) holds one.
     */
    public int size = 20;
    /** How long a new session waits for a free engine connection. */
    public int connectionTimeoutMs = 10_000;
  }
}
