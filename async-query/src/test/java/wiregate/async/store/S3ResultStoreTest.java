package wiregate.async.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;
import wiregate.core.config.AsyncConfig;
import wiregate.core.config.ConfigException;

/** S3ResultStore against a real S3-compatible server (s3proxy, see {@link S3ProxyServer}). */
class S3ResultStoreTest {
  /** S3's smallest part: results of a few parts stay small enough for a quick test. */
  private static final int PART = 5 * 1024 * 1024;

  private S3ProxyServer server;
  private S3Client s3;
  private S3ResultStore store;
  private String prefix;

  @BeforeEach
  void start() throws Exception {
    server = S3ProxyServer.get();
    s3 = server.client();
    // a prefix per test: the bucket is shared by all tests of the JVM
    prefix = "t" + System.nanoTime() + "/";
    store = new S3ResultStore(server.client(), S3ProxyServer.BUCKET, prefix, PART);
  }

  @AfterEach
  void stop() {
    store.close();
    s3.close();
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Writes in uneven pieces, as result writers do. */
  private static void writeInPieces(OutputStream out, byte[] bytes) throws IOException {
    int offset = 0;
    for (int piece = 1; offset < bytes.length; piece = piece * 3 % 200_003 + 1) {
      int n = Math.min(piece, bytes.length - offset);
      out.write(bytes, offset, n);
      offset += n;
    }
  }

  private static byte[] read(ResultFile file, long first, long last) throws IOException {
    try (InputStream in = file.open(first, last)) {
      return in.readAllBytes();
    }
  }

  private long objectsUnderPrefix() {
    return s3.listObjectsV2Paginator(r -> r.bucket(S3ProxyServer.BUCKET).prefix(prefix)).contents().stream().count();
  }

  @Test
  void aSmallResultIsOneObjectVisibleOnlyOnceCommitted() throws Exception {
    byte[] content = "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8);
    try (ResultUpload upload = store.create("small", ResultFormat.CSV)) {
      upload.stream().write(content);
      upload.stream().close(); // writers close their stream; that is not the commit
      assertTrue(store.open("small", ResultFormat.CSV).isEmpty(), "not before the commit");
      upload.commit();
    }
    ResultFile file = store.open("small", ResultFormat.CSV).orElseThrow();
    assertEquals(content.length, file.size());
    assertEquals(ResultFormat.CSV, file.format());
    // one PutObject: the ETag is the MD5 of the content, and it comes without S3's quotes
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)), file.etag());
    assertArrayEquals(content, read(file, 0, content.length - 1));
    assertArrayEquals("1,2".getBytes(StandardCharsets.UTF_8), read(file, 5, 7), "a byte range, inclusive");
    assertThrows(IllegalArgumentException.class, () -> file.open(0, content.length), "past the end");
    S3Object object = s3.listObjectsV2(r -> r.bucket(S3ProxyServer.BUCKET).prefix(prefix)).contents().getFirst();
    assertEquals(prefix + "small.csv", object.key());
    assertEquals("text/csv; charset=utf-8",
        s3.headObject(r -> r.bucket(S3ProxyServer.BUCKET).key(object.key())).contentType());
  }

  @Test
  void anEmptyResultIsAnEmptyObject() throws Exception {
    try (ResultUpload upload = store.create("empty", ResultFormat.JSONL)) {
      upload.commit();
    }
    assertEquals(0, store.open("empty", ResultFormat.JSONL).orElseThrow().size());
  }

  @Test
  void aResultLargerThanOnePartIsAMultipartUploadReadableInRanges() throws Exception {
    byte[] content = randomBytes(2 * PART + 1_234_567, 42);
    try (ResultUpload upload = store.create("big", ResultFormat.PARQUET)) {
      writeInPieces(upload.stream(), content);
      assertTrue(store.open("big", ResultFormat.PARQUET).isEmpty(), "parts are uploaded, the object is not there yet");
      upload.commit();
    }
    ResultFile file = store.open("big", ResultFormat.PARQUET).orElseThrow();
    assertEquals(content.length, file.size());
    assertTrue(file.etag().endsWith("-3"), "a multipart ETag names its 3 parts: " + file.etag());
    assertFalse(file.etag().contains("\""), file.etag());
    assertArrayEquals(content, read(file, 0, content.length - 1));
    // ranges across the part boundaries, and the last byte
    for (long[] range : new long[][] {{PART - 10, PART + 10}, {PART - 1, 2L * PART}, {123, 2L * PART + 99},
        {content.length - 1, content.length - 1}}) {
      assertArrayEquals(Arrays.copyOfRange(content, (int) range[0], (int) range[1] + 1), read(file, range[0], range[1]),
          "bytes " + range[0] + "-" + range[1]);
    }
  }

  @Test
  void aResultOfExactlyOnePartIsOneObject() throws Exception {
    byte[] content = randomBytes(PART, 7);
    try (ResultUpload upload = store.create("one", ResultFormat.JSONL)) {
      upload.stream().write(content);
      upload.commit();
    }
    ResultFile file = store.open("one", ResultFormat.JSONL).orElseThrow();
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)), file.etag());
  }

  @Test
  void anUploadClosedWithoutCommitLeavesNoObjectAndNoParts() throws Exception {
    try (ResultUpload upload = store.create("aborted", ResultFormat.JSONL)) {
      writeInPieces(upload.stream(), randomBytes(2 * PART + 10, 1)); // two parts went out
    }
    assertTrue(store.open("aborted", ResultFormat.JSONL).isEmpty());
    assertEquals(0, objectsUnderPrefix());
    assertTrue(s3.listMultipartUploads(r -> r.bucket(S3ProxyServer.BUCKET).prefix(prefix)).uploads().isEmpty(),
        "the aborted upload is gone with its parts");
  }

  @Test
  void deleteRemovesTheObjectAndToleratesAMissingOne() throws Exception {
    try (ResultUpload upload = store.create("gone", ResultFormat.CSV)) {
      upload.stream().write(new byte[] {'x'});
      upload.commit();
    }
    assertEquals(1, objectsUnderPrefix());
    store.delete("gone", ResultFormat.CSV);
    assertTrue(store.open("gone", ResultFormat.CSV).isEmpty());
    assertEquals(0, objectsUnderPrefix());
    store.delete("gone", ResultFormat.CSV);
  }

  @Test
  void aReadOfAnObjectThatChangedSinceItWasLookedUpFails() throws Exception {
    for (String text : new String[] {"first", "second"}) {
      try (ResultUpload upload = store.create("changed", ResultFormat.CSV)) {
        upload.stream().write(text.getBytes(StandardCharsets.UTF_8));
        upload.commit();
      }
      if (text.equals("first")) {
        ResultFile stale = store.open("changed", ResultFormat.CSV).orElseThrow();
        assertEquals("first", new String(read(stale, 0, 4), StandardCharsets.UTF_8));
        s3.putObject(r -> r.bucket(S3ProxyServer.BUCKET).key(prefix + "changed.csv"),
            RequestBody.fromString("other"));
        IOException e = assertThrows(IOException.class, () -> read(stale, 0, 4));
        assertTrue(e.getMessage().contains("changed since"), e.getMessage());
      }
    }
  }

  @Test
  void aMissingBucketFailsAtStartWithAClearMessage() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> S3ResultStore.connect(server.config("no-such-bucket")));
    assertTrue(e.getMessage().contains("'async.storage.s3.bucket'") && e.getMessage().contains("does not exist"),
        e.getMessage());
  }

  @Test
  void wrongCredentialsFailAtStartWithAClearMessage() throws Exception {
    AsyncConfig.S3Config config = server.config(S3ProxyServer.BUCKET);
    config.secretKey = "wrong";
    ConfigException e = assertThrows(ConfigException.class, () -> S3ResultStore.connect(config));
    assertTrue(e.getMessage().contains("denied"), e.getMessage());
    config.secretKey = null;
    e = assertThrows(ConfigException.class, () -> S3ResultStore.connect(config));
    assertTrue(e.getMessage().contains("access-key and secret-key go together"), e.getMessage());
  }

  @Test
  void connectWorksWithTheConfiguredSettings() throws Exception {
    AsyncConfig.S3Config config = server.config(S3ProxyServer.BUCKET);
    config.prefix = prefix;
    try (S3ResultStore connected = S3ResultStore.connect(config)) {
      try (ResultUpload upload = connected.create("via-config", ResultFormat.JSONL)) {
        upload.stream().write("{}\n".getBytes(StandardCharsets.UTF_8));
        upload.commit();
      }
      assertEquals(3, connected.open("via-config", ResultFormat.JSONL).orElseThrow().size());
    }
  }

  @Test
  void partsDoubleEveryTwoThousandSoTenThousandPartsHoldALargeResult() {
    S3MultipartStream stream = new S3MultipartStream(s3, new S3Location("b", "k"), "text/csv", PART);
    assertEquals(PART, stream.partSize(1));
    assertEquals(PART, stream.partSize(2000));
    assertEquals(2 * PART, stream.partSize(2001));
    assertEquals(16 * PART, stream.partSize(8001));
    assertEquals(16 * PART, stream.partSize(S3MultipartStream.MAX_PARTS));
  }
}
