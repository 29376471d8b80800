package wiregate.core.config;

/** Per-protocol settings. */
public final class ProtocolsConfig {
  public PostgresProtocolConfig postgres = new PostgresProtocolConfig();
  public MySqlProtocolConfig mysql = new MySqlProtocolConfig();

  public static final class PostgresProtocolConfig {
    /** Largest frontend message accepted; larger ones get an error and the connection is closed. */
    public int maxMessageSize = 64 * 1024 * 1024;

    /**
     * Relay PostgreSQL clients to an engine connection of their own at the wire level (the fast path)
     * when the engine allows it: session pool mode and a plain TCP engine endpoint. Off, or in
     * transaction pool mode, sessions run through the JDBC path.
     */
    public boolean relay = true;
  }

  public static final class MySqlProtocolConfig {
    /** The engine database whose schemas MySQL clients see as their databases. */
    public String database = "postgres";

    /** MySQL's max_allowed_packet: larger client packets get error 1153 and the connection closes. */
    public int maxAllowedPacket = 64 * 1024 * 1024;

    /** The plugin the handshake proposes: caching_sha2_password (MySQL 8's default) or mysql_native_password. */
    public String defaultAuthPlugin = "caching_sha2_password";
  }
}
