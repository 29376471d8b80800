package wiregate.engine.postgres.wire;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the relay reaches the engine, read from the engine's JDBC URL. Only a single host over plain
 * TCP qualifies: URLs that ask pgjdbc for TLS, several hosts or a custom socket keep sessions on the
 * JDBC path.
 */
record WireAddress(String host, int port) {
  private static final String PREFIX = "jdbc:postgresql://";

  static Optional<WireAddress> of(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int query = jdbcUrl.indexOf('?');
    String params = query < 0 ? "" : jdbcUrl.substring(query + 1).toLowerCase(Locale.ROOT);
    for (String param : params.split("&")) {
      if (asksForTls(param) || param.startsWith("socketfactory=") || param.startsWith("gssencmode=require")) {
        return Optional.empty();
      }
    }
    String rest = jdbcUrl.substring(PREFIX.length(), query < 0 ? jdbcUrl.length() : query);
    int slash = rest.indexOf('/');
    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
    if (hostPort.isEmpty() || hostPort.contains(",")) {
      return Optional.empty();
    }
    String host = hostPort;
    int port = 5432;
    int colon = hostPort.lastIndexOf(':');
    boolean bracketed = hostPort.startsWith("[");
    if (colon > 0 && (!bracketed || hostPort.lastIndexOf(']') < colon)) {
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      host = hostPort.substring(0, colon);
    }
    if (bracketed) {
      host = host.substring(1, host.length() - 1);
    }
    return Optional.of(new WireAddress(host, port));
  }

  private static boolean asksForTls(String param) {
    return param.equals("ssl=true") || param.equals("ssl") || param.equals("sslmode=require")
        || param.equals("sslmode=verify-ca") || param.equals("sslmode=verify-full");
  }
}
