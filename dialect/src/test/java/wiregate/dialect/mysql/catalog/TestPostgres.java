package wiregate.dialect.mysql.catalog;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, from the Debian binaries (/usr/lib/postgresql/N/bin, or
 * the directory in WG_TEST_PG_BIN). PostgreSQL refuses to run as root, so as root it runs as
 * {@code nobody} via util-linux setpriv. Tests skip when no binaries are found.
 */
final class TestPostgres implements AutoCloseable {
  private final Path dir;
  private final Process server;
  private final int port;

  private TestPostgres(Path dir, Process server, int port) {
    this.dir = dir;
    this.server = server;
    this.port = port;
  }

  static Optional<Path> binaries() {
    String configured = System.getenv("WG_TEST_PG_BIN");
    if (configured != null) {
      return Optional.of(Path.of(configured));
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static TestPostgres start(Path bin) throws Exception {
    Path dir = Files.createTempDirectory("wg-catalog-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = dir.resolve("data");
    Files.createDirectory(data);
    Path socket = dir.resolve("sock");
    Files.createDirectory(socket);
    if (isRoot()) {
      run(List.of("chown", "nobody:nogroup", data.toString(), socket.toString()));
    }
    run(unprivileged(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
        "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync")));
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process server = new ProcessBuilder(unprivileged(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
        "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + socket,
        "-c", "fsync=off", "-c", "lc_messages=C", "-c", "shared_buffers=16MB")))
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    TestPostgres postgres = new TestPostgres(dir, server, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Connection ignored = postgres.connect()) {
        return postgres;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          postgres.close();
          throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dir.resolve("server.log")), e);
        }
        Thread.sleep(100);
      }
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
  }

  @Override
  public void close() throws Exception {
    server.destroy(); // SIGTERM: smart shutdown once our connections are closed
    if (!server.waitFor(30, TimeUnit.SECONDS)) {
      server.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> unprivileged(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    out.addAll(command);
    return out;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
