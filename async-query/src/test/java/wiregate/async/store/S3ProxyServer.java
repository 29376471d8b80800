package wiregate.async.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.s3.S3Client;
import wiregate.core.config.AsyncConfig;
import wiregate.core.config.ConfigException;

/**
 * One s3proxy (an S3-compatible server on the local file system) for all tests of this module's
 * test JVM, stopped when the JVM exits. It runs as a separate process from its
 * jar-with-dependencies: that jar carries its own AWS SDK, Jackson, Jetty and Logback, which must
 * not meet this module's on one class path. Maven passes the jar's path in
 * {@code wiregate.test.s3proxy.jar}.
 */
public final class S3ProxyServer {
  public static final String ACCESS_KEY = "wiregate-test";
  public static final String SECRET_KEY = "wiregate-test-secret";
  public static final String BUCKET = "results";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static S3ProxyServer shared;

  private final Path dir;
  private final Process process;
  private final String endpoint;

  private S3ProxyServer(Path dir, Process process, String endpoint) {
    this.dir = dir;
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The running server with bucket {@value #BUCKET}; skips the test when the jar is not known. */
  public static synchronized S3ProxyServer get() throws Exception {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
      try (S3Client s3 = S3Clients.create(shared.config(BUCKET))) {
        s3.createBucket(r -> r.bucket(BUCKET));
      }
    }
    return shared;
  }

  private static S3ProxyServer start() throws Exception {
    String jar = System.getProperty("wiregate.test.s3proxy.jar", "");
    Assumptions.assumeTrue(!jar.isEmpty() && Files.isRegularFile(Path.of(jar)),
        "no s3proxy jar: run through Maven, which sets wiregate.test.s3proxy.jar");
    Path dir = Files.createTempDirectory("wiregate-s3proxy-");
    Files.createDirectories(dir.resolve("blobs"));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + dir.resolve("blobs"),
        "jclouds.identity=unused",
        "jclouds.credential=unused", ""));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", jar,
        "--properties", dir.resolve("s3proxy.properties").toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!accepts(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("s3proxy did not start on " + endpoint + ":\n" + Files.readString(dir.resolve("s3proxy.log")));
      }
      Thread.sleep(100);
    }
    return new S3ProxyServer(dir, process, endpoint);
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String endpoint() {
    return endpoint;
  }

  /** The gateway's settings for this server and {@code bucket}. */
  public AsyncConfig.S3Config config(String bucket) {
    AsyncConfig.S3Config config = new AsyncConfig.S3Config();
    config.endpoint = endpoint;
    config.bucket = bucket;
    config.accessKey = ACCESS_KEY;
    config.secretKey = SECRET_KEY;
    config.pathStyle = true;
    return config;
  }

  /** A client of its own, for looking at the bucket behind the store's back. */
  public S3Client client() throws ConfigException {
    return S3Clients.create(config(BUCKET));
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
