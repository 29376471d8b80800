package wiregate.async;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Debian MariaDB for the MySQL-kind tests: installed into a directory under /tmp and
 * run on a free loopback port, as nobody when the tests run as root (as the pytest harness does).
 * Root logs in over the Unix socket without a password to create the test account.
 */
final class TestMariaDb implements AutoCloseable {
  static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
  static final String USER = "async";
  static final String PASSWORD = "async-Secret.1";
  private static final boolean ROOT = new com.sun.security.auth.module.UnixSystem().getUid() == 0;

  private final Path dir;
  private final Process process;
  final int port;

  private TestMariaDb(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  static boolean available() {
    return Files.isExecutable(MARIADBD) && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"));
  }

  static TestMariaDb start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "wiregate-async-mariadb-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path data = Files.createDirectory(dir.resolve("data"));
    Path run = Files.createDirectory(dir.resolve("run"));
    unprivilegedOwner(data);
    unprivilegedOwner(run);
    exec(dir, unprivileged(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data,
        "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
        "--innodb-buffer-pool-size=32M")));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("mariadb.log");
    Process process = new ProcessBuilder(unprivileged(List.of(MARIADBD.toString(), "--no-defaults",
        "--datadir=" + data, "--socket=" + run.resolve("mysqld.sock"), "--pid-file=" + run.resolve("mysqld.pid"),
        "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve", "--skip-log-bin",
        "--innodb-buffer-pool-size=32M", "--performance-schema=OFF", "--character-set-server=utf8mb4")))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    TestMariaDb server = new TestMariaDb(dir, process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("ready for connections")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String tail = Files.readString(log);
        server.close();
        throw new IllegalStateException("mariadbd did not start:\n" + tail);
      }
      Thread.sleep(100);
    }
    exec(dir, List.of("mariadb", "--no-defaults", "-S", run.resolve("mysqld.sock").toString(), "-u", "root", "-e",
        "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'; GRANT ALL PRIVILEGES ON *.* TO '"
            + USER + "'@'%'; CREATE DATABASE shop;"));
    return server;
  }

  String url() {
    return "jdbc:mysql://127.0.0.1:" + port + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true";
  }

  private static List<String> unprivileged(List<String> argv) {
    if (!ROOT) {
      return argv;
    }
    List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
        "--pdeathsig=TERM"));
    out.addAll(argv);
    return out;
  }

  private static void unprivilegedOwner(Path path) throws IOException {
    if (!ROOT) {
      return;
    }
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(lookup.lookupPrincipalByName("nobody"));
    GroupPrincipal group = lookup.lookupPrincipalByGroupName("nogroup");
    view.setGroup(group);
  }

  private static void exec(Path dir, List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + out);
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy(); // SIGTERM: a clean shutdown
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
