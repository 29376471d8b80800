package wiregate.async.meta;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Debian redis-server for tests: 127.0.0.1, a free port, nothing persisted. Tests
 * that need it are skipped when the machine has no redis-server (the pytest suite, which installs
 * it, covers Redis in CI).
 */
final class RedisServerProcess implements AutoCloseable {
  static final Path BINARY = Path.of(System.getProperty("wiregate.redis-server", "/usr/bin/redis-server"));

  private final Process process;
  final int port;

  private RedisServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  static RedisServerProcess start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process process = new ProcessBuilder(BINARY.toString(), "--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--save", "", "--appendonly", "no", "--daemonize", "no")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try {
        new Socket("127.0.0.1", port).close();
        return new RedisServerProcess(process, port);
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException("redis-server exited with status " + process.exitValue());
        }
        Thread.sleep(20);
      }
    }
    process.destroyForcibly();
    throw new IOException("redis-server did not listen on port " + port + " within 10 s");
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
