package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import wiregate.async.store.S3ProxyServer;

/**
 * A 5,000,000-row result written in a JVM whose heap (-Xmx{@value #HEAP}) is far smaller than the
 * result: the result streams from the engine to the file, or to S3 as a multipart upload.
 */
class BigResultTest {
  private static final String HEAP = "96m";
  private static final long ROWS = 5_000_000;

  @TempDir Path results;

  /** Runs BigResultMain in a small-heap JVM; returns its last line: rows bytes millis id. */
  private String[] runWithSmallHeap(String format, List<String> storage) throws Exception {
    TestEngine engine = TestEngine.get();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        BigResultMain.class.getName(), engine.endpoint.jdbcUrl(), engine.endpoint.user(), engine.endpoint.password(),
        results.toString(), format, Long.toString(ROWS)));
    command.addAll(storage);
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(results.resolve("out.txt").toFile()).start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES));
    String out = Files.readString(results.resolve("out.txt"), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), out);
    String[] last = out.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
    System.out.printf("%s%s: %s rows, %s bytes in %s ms with -Xmx%s%n", storage.isEmpty() ? "" : "s3 ", format,
        last[0], last[1], last[2], HEAP);
    assertEquals(ROWS, Long.parseLong(last[0]));
    return last;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "parquet"})
  void fiveMillionRowsWithASmallHeap(String format) throws Exception {
    String[] last = runWithSmallHeap(format, List.of());
    Path file = results.resolve(last[3] + "." + format);
    assertEquals(Long.parseLong(last[1]), Files.size(file));
    if (format.equals("jsonl")) {
      try (var lines = Files.lines(file)) {
        assertEquals(ROWS, lines.count());
      }
    }
  }

  /** Parquet: its writer's buffers and an 8 MiB upload part share the small heap. */
  @Test
  void fiveMillionRowsToS3WithASmallHeap() throws Exception {
    S3ProxyServer s3proxy = S3ProxyServer.get();
    String[] last = runWithSmallHeap("parquet", List.of(s3proxy.endpoint(), S3ProxyServer.BUCKET,
        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
    try (S3Client s3 = s3proxy.client()) {
      HeadObjectResponse head = s3.headObject(r -> r.bucket(S3ProxyServer.BUCKET).key("big/" + last[3] + ".parquet"));
      assertEquals(Long.parseLong(last[1]), head.contentLength());
      assertTrue(head.eTag().matches("\"[0-9a-f]+-\\d+\""), "a multipart upload: " + head.eTag());
    }
  }
}
