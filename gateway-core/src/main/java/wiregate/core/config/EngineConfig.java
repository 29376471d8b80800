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

  public static final class PoolConfig {
    /** Engine connections per database; each client session holds one while it is open. */
    public int size = 20;
    /** How long a new session waits for a free engine connection. */
    public int connectionTimeoutMs = 10_000;
  }
}
