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

  String etag();

  /** Bytes {@code first..last} inclusive, as in an HTTP Range; the caller closes the stream. */
  InputStream open(long first, long last) throws IOException;
}
