package wiregate.dialect.mysql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster from Debian's binaries for execution tests: initdb into a temp dir,
 * run as {@code nobody} when we are root (PostgreSQL refuses root), stopped at close. Absent binaries
 * make {@link #start()} return null so tests can be skipped.
 */
final class ScratchPostgres implements AutoCloseable {
  private final Path dir;
  private final Process server;
  private final int port;

  private ScratchPostgres(Path dir, Process server, int port) {
    this.dir = dir;
    this.server = server;
    this.port = port;
  }

  static ScratchPostgres start() throws Exception {
    Path bin = findBin();
    if (bin == null) {
      return null;
    }
    Path dir = Files.createTempDirectory("wg-dialect-pg");
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    if (root) {
      run(List.of("chown", "-R", "nobody:nogroup", dir.toString()));
    }
    run(asUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
        "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync")));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server = new ProcessBuilder(asUser(root, List.of(bin.resolve("postgres").toString(), "-D",
        data.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c",
        "unix_socket_directories=" + dir, "-c", "fsync=off", "-c", "shared_buffers=16MB")))
        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    ScratchPostgres pg = new ScratchPostgres(dir, server, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Connection c = pg.connect()) {
        return pg;
      } catch (Exception e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          pg.close();
          throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dir.resolve("log")), e);
        }
        Thread.sleep(200);
      }
    }
  }

  Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
  }

  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder()).orElse(null);
    }
  }

  private static List<String> asUser(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> out = new java.util.ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
        "--clear-groups", "--"));
    out.addAll(command);
    return out;
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
  }

  @Override
  public void close() throws Exception {
    server.destroy();
    server.waitFor(20, TimeUnit.SECONDS);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
