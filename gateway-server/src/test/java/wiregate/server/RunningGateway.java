package wiregate.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import wiregate.core.auth.UserAdmin;
import wiregate.core.auth.UserStore;
import wiregate.core.config.ConfigLoader;
import wiregate.core.config.GatewayConfig;

/**
 * A real gateway on the embedded engine, started in-process for JDBC tests, in a temporary data
 * directory under /tmp (when the tests run as root the engine runs as nobody, who must reach it).
 */
final class RunningGateway implements AutoCloseable {
  static final String USER = "jdbc_user";
  static final String PASSWORD = "jdbc-Secret.1";

  private final Path dataDir;
  private final GatewayServer server;
  private final int port;
  private final int mysqlPort;

  private RunningGateway(Path dataDir, GatewayServer server, int port, int mysqlPort) {
    this.dataDir = dataDir;
    this.server = server;
    this.port = port;
    this.mysqlPort = mysqlPort;
  }

  static RunningGateway start() throws Exception {
    return start(mysqlPort -> List.of());
  }

  /** With extra {@code --set} settings, which may use the MySQL port the gateway will listen on. */
  static RunningGateway start(java.util.function.IntFunction<List<String>> extraSets) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "wiregate-junit-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    int port = freePort();
    int mysqlPort = freePort();
    List<String> sets = new ArrayList<>(List.of("data-dir=" + dir, "listeners.postgres.port=" + port,
        "listeners.mysql.port=" + mysqlPort));
    for (String name : List.of("tds", "drda", "oracle", "http", "https", "autodetect")) {
      sets.add("listeners." + name + ".port=0");
    }
    sets.addAll(extraSets.apply(mysqlPort));
    ConfigLoader loader = new ConfigLoader();
    GatewayConfig config = loader.load(null, sets);
    Files.createDirectories(config.dataPath());
    new UserAdmin(UserStore.open(config.usersFile()), 4096, new SecureRandom()).addUser(USER, PASSWORD);
    return new RunningGateway(dir, GatewayServer.start(new wiregate.core.config.LiveConfig(config, () -> loader.load(null, sets), loader)), port, mysqlPort);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable";
  }

  Connection connect(Properties extra) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", PASSWORD);
    props.putAll(extra);
    return DriverManager.getConnection(url(), props);
  }

  /** A MySQL Connector/J connection to database (schema) {@code database}, with extra URL parameters. */
  Connection connectMysql(String database, String parameters) throws SQLException {
    String url = "jdbc:mysql://127.0.0.1:" + mysqlPort + "/" + database
        + "?sslMode=DISABLED&allowPublicKeyRetrieval=true" + (parameters.isEmpty() ? "" : "&" + parameters);
    return DriverManager.getConnection(url, USER, PASSWORD);
  }

  wiregate.core.async.QueryService queryService() {
    return server.queryService();
  }

  Connection connect() throws SQLException {
    return connect(new Properties());
  }

  @Override
  public void close() throws IOException {
    server.close();
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
