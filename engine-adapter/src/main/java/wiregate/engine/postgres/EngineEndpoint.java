package wiregate.engine.postgres;

/** Where the canonical engine is and how the gateway logs in to it. */
public record EngineEndpoint(String jdbcUrl, String user, String password) {

  /** The database the URL names ({@code postgres} when it names none). */
  public String database() {
    String prefix = "jdbc:postgresql://";
    int hostEnd = jdbcUrl.indexOf('/', prefix.length());
    int query = jdbcUrl.indexOf('?');
    String path = hostEnd < 0 ? "" : jdbcUrl.substring(hostEnd + 1, query < 0 ? jdbcUrl.length() : query);
    return path.isEmpty() ? "postgres" : java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same server, another database: the client's database name replaces the URL's. */
  public String urlFor(String database) {
    String prefix = "jdbc:postgresql://";
    if (!jdbcUrl.startsWith(prefix)) {
      throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + jdbcUrl);
    }
    int hostEnd = jdbcUrl.indexOf('/', prefix.length());
    int query = jdbcUrl.indexOf('?');
    String hostPart = hostEnd < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, hostEnd);
    String params = query < 0 ? "" : jdbcUrl.substring(query);
    return hostPart + "/" + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20") + params;
  }
}
