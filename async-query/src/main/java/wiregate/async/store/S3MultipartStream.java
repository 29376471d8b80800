package wiregate.async.store;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One result on its way to S3 while its query runs. Bytes are buffered one part at a time and each
 * part is uploaded as soon as it is full, so memory holds at most one part whatever the result's
 * size. The multipart upload is started by the first full part: a result that never fills one is
 * sent with a single PutObject on {@link #complete()}.
 *
 * <p>Parts are uploaded on the writing (query) thread: the query waits while a part goes out, which
 * is the back-pressure that keeps a fast database from outrunning storage.
 *
 * <p>{@link #close()} only ends writing (result writers close their stream when they finish):
 * publishing is {@link #complete()} and discarding is {@link #abort()}.
 */
final class S3MultipartStream extends OutputStream {
  private static final Logger log = LoggerFactory.getLogger(S3MultipartStream.class);
  /** S3's limit of parts per upload. */
  static final int MAX_PARTS = 10_000;
  /** Parts of one size before the size doubles, see {@link #partSize(int)}. */
  private static final int PARTS_PER_SIZE = 2_000;
  private static final int MAX_DOUBLINGS = 4;

  private final S3Client s3;
  private final S3Location object;
  private final String contentType;
  private final int firstPartSize;
  private final PartBuffer buffer;
  private final List<CompletedPart> parts = new ArrayList<>();
  private final byte[] oneByte = new byte[1];
  private String uploadId;
  private boolean closed;
  private boolean finished;

  /** @param partSize bytes of each part (S3's minimum is 5 MiB for all but the last) */
  S3MultipartStream(S3Client s3, S3Location object, String contentType, int partSize) {
    this.s3 = s3;
    this.object = object;
    this.contentType = contentType;
    this.firstPartSize = partSize;
    this.buffer = new PartBuffer(partSize);
  }

  /**
   * The size of part {@code number} (from 1). With a fixed size S3's 10,000 parts would cap a
   * result at 10,000 parts of the base size (78 GiB for 8 MiB); doubling every 2,000 parts up to
   * 16 times the base lifts the cap to 62 times 2,000 parts (484 GiB for 8 MiB), while results up
   * to 2,000 parts never use more than the base size of memory.
   */
  int partSize(int number) {
    int doublings = Math.min(MAX_DOUBLINGS, (number - 1) / PARTS_PER_SIZE);
    return firstPartSize << doublings;
  }

  @Override
  public void write(int b) throws IOException {
    oneByte[0] = (byte) b;
    write(oneByte, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("the result stream is closed");
    }
    while (length > 0) {
      int limit = partSize(parts.size() + 1);
      int taken = buffer.fill(bytes, offset, length, limit);
      offset += taken;
      length -= taken;
      // Only a full part with more bytes to come goes out now: the last part, whatever its size,
      // waits for complete(), so a result of exactly one part is a single PutObject.
      if (buffer.size() == limit && length > 0) {
        uploadPart();
      }
    }
  }

  private void uploadPart() throws IOException {
    if (parts.size() + 1 > MAX_PARTS) {
      throw new IOException("the result is larger than S3 allows one object to be written in " + MAX_PARTS + " parts");
    }
    try {
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(r -> r.bucket(object.bucket()).key(object.key()).contentType(contentType))
            .uploadId();
      }
      int number = parts.size() + 1;
      String etag = s3.uploadPart(r -> r.bucket(object.bucket()).key(object.key()).uploadId(uploadId)
          .partNumber(number).contentLength((long) buffer.size()), body()).eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      buffer.clear();
    } catch (SdkException e) {
      throw new IOException("uploading part " + (parts.size() + 1) + " of " + object + " failed: " + e.getMessage(), e);
    }
  }

  private RequestBody body() {
    return RequestBody.fromContentProvider(buffer::newStream, buffer.size(), contentType);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  /** Nothing is buffered below the part: parts go out when full or on {@link #complete()}. */
  @Override
  public void flush() {}

  /** Ends writing; neither publishes nor discards (see the class comment). */
  @Override
  public void close() {
    closed = true;
  }

  /** Publishes the object: the last part and the completion, or the one PutObject of a small result. */
  void complete() throws IOException {
    if (finished) {
      throw new IllegalStateException(object + " was already completed or aborted");
    }
    closed = true;
    try {
      if (uploadId == null) {
        s3.putObject(r -> r.bucket(object.bucket()).key(object.key()).contentType(contentType)
            .contentLength((long) buffer.size()), body());
      } else {
        if (buffer.size() > 0) {
          uploadPart();
        }
        s3.completeMultipartUpload(r -> r.bucket(object.bucket()).key(object.key()).uploadId(uploadId)
            .multipartUpload(m -> m.parts(parts)));
      }
      finished = true;
    } catch (SdkException e) {
      throw new IOException("storing " + object + " failed: " + e.getMessage(), e);
    } finally {
      buffer.release();
    }
  }

  /** Discards what was written: the parts already uploaded are deleted with their upload. Never throws. */
  void abort() {
    closed = true;
    buffer.release();
    if (finished) {
      return;
    }
    finished = true;
    if (uploadId == null) {
      return; // nothing reached S3
    }
    try {
      s3.abortMultipartUpload(r -> r.bucket(object.bucket()).key(object.key()).uploadId(uploadId));
    } catch (SdkException e) {
      // S3 keeps the parts until a lifecycle rule removes incomplete uploads (see docs/async-api.md).
      log.warn("could not abort the upload of {} ({} parts): {}", object, parts.size(), e.getMessage());
    }
  }
}
