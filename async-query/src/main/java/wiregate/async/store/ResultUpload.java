package wiregate.async.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A result being written. Write to {@link #stream()}, then {@link #commit()} to publish it;
 * {@link #close()} without a commit discards everything written.
 */
public interface ResultUpload extends AutoCloseable {
  /** The sink of the result's bytes; the upload closes it. */
  OutputStream stream();

  /** Makes the result visible under its final name. */
  void commit() throws IOException;

  /** Discards the result unless it was committed. */
  @Override
  void close();
}
