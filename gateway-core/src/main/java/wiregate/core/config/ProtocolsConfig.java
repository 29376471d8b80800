package wiregate.core.config;

/** Per-protocol settings. */
public final class ProtocolsConfig {
  public PostgresProtocolConfig postgres = new PostgresProtocolConfig();

  public static final class PostgresProtocolConfig {
    /** Largest frontend message accepted; larger ones get an error and the connection is closed. */
    public int maxMessageSize = 64 * 1024 * 1024;
  }
}
