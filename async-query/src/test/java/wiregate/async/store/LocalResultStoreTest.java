package wiregate.async.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

class LocalResultStoreTest {
  @TempDir Path dir;

  @Test
  void aResultIsVisibleOnlyOnceCommitted() throws Exception {
    LocalResultStore store = new LocalResultStore(dir);
    try (ResultUpload upload = store.create("abc", ResultFormat.CSV)) {
      upload.stream().write("a\r\n1\r\n".getBytes(StandardCharsets.UTF_8));
      assertTrue(store.open("abc", ResultFormat.CSV).isEmpty(), "not before the commit");
      upload.commit();
    }
    ResultFile file = store.open("abc", ResultFormat.CSV).orElseThrow();
    assertEquals(6, file.size());
    assertEquals(ResultFormat.CSV, file.format());
    try (InputStream in = file.open(3, 4)) {
      assertArrayEquals("1\r".getBytes(StandardCharsets.UTF_8), in.readAllBytes(), "a byte range, inclusive");
    }
    assertThrows(IllegalArgumentException.class, () -> file.open(0, 6), "past the end");
    assertTrue(Files.exists(dir.resolve("abc.csv")));
    store.delete("abc", ResultFormat.CSV);
    assertTrue(store.open("abc", ResultFormat.CSV).isEmpty());
    store.delete("abc", ResultFormat.CSV); // deleting twice is fine
  }

  @Test
  void anUploadClosedWithoutCommitLeavesNothing() throws Exception {
    LocalResultStore store = new LocalResultStore(dir);
    try (ResultUpload upload = store.create("abc", ResultFormat.JSONL)) {
      upload.stream().write(new byte[100]);
    }
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void partialFilesOfACrashAreRemovedAtStart() throws Exception {
    Files.writeString(dir.resolve(".abc.jsonl.part"), "half");
    Files.writeString(dir.resolve("def.jsonl"), "{}\n");
    new LocalResultStore(dir);
    assertFalse(Files.exists(dir.resolve(".abc.jsonl.part")));
    assertTrue(Files.exists(dir.resolve("def.jsonl")), "committed results stay");
  }

  @Test
  void theEtagChangesWithTheContent() throws Exception {
    LocalResultStore store = new LocalResultStore(dir);
    String first = write(store, "one");
    Thread.sleep(5);
    String second = write(store, "three");
    assertNotEquals(first, second);
  }

  private static String write(LocalResultStore store, String text) throws Exception {
    try (ResultUpload upload = store.create("abc", ResultFormat.CSV)) {
      upload.stream().write(text.getBytes(StandardCharsets.UTF_8));
      upload.commit();
    }
    return store.open("abc", ResultFormat.CSV).orElseThrow().etag();
  }
}
