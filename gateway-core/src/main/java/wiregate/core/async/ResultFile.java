package wiregate.core.async;

import java.io.IOException;
import java.io.InputStream;

/**
 * A finished query's result in storage. {@code etag} changes whenever the content could; reading
 * streams from storage (never the whole file in memory).
 */
public interface ResultFile {
  ResultFormat format();

  long size();

  /** An opaque tag, without the quotes an HTTP ETag header puts around it. */
  String etag();

  /**
   * Bytes {@code first..last} inclusive, as in an HTTP Range; the caller closes the stream.
   *
   * @throws IllegalArgumentException unless {@code 0 <= first <= last < size()}
   */
  InputStream open(long first, long last) throws IOException;
}
