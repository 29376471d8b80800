package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 5,000,000-row result written in a JVM whose heap (-Xmx{@value #HEAP}) is far smaller than the
 * result: the result streams from the engine to the file.
 */
class BigResultTest {
  private static final String HEAP = "96m";
  private static final long ROWS = 5_000_000;

  @TempDir Path results;

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "parquet"})
  void fiveMillionRowsWithASmallHeap(String format) throws Exception {
    TestEngine engine = TestEngine.get();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        BigResultMain.class.getName(), engine.endpoint.jdbcUrl(), engine.endpoint.user(), engine.endpoint.password(),
        results.toString(), format, Long.toString(ROWS)))
        .redirectErrorStream(true).redirectOutput(results.resolve("out.txt").toFile()).start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES));
    String out = Files.readString(results.resolve("out.txt"), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), out);
    String[] last = out.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
    System.out.printf("%s: %s rows, %s bytes in %s ms with -Xmx%s%n", format, last[0], last[1], last[2], HEAP);
    assertEquals(ROWS, Long.parseLong(last[0]));
    Path file = results.resolve(last[3] + "." + format);
    assertEquals(Long.parseLong(last[1]), Files.size(file));
    if (format.equals("jsonl")) {
      try (var lines = Files.lines(file)) {
        assertEquals(ROWS, lines.count());
      }
    }
  }
}
