package wiregate.async.store;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a ranged GetObject. Closed before its end (the HTTP client went away mid-download),
 * it aborts the response rather than reading the rest of the range only to keep the connection.
 */
final class S3RangeStream extends FilterInputStream {
  private final ResponseInputStream<?> response;
  private long remaining;

  S3RangeStream(ResponseInputStream<?> response, long length) {
    super(response);
    this.response = response;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    remaining -= skipped;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    if (remaining > 0) {
      response.abort();
    }
    super.close();
  }
}
