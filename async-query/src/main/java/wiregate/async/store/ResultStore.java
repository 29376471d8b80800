package wiregate.async.store;

import java.io.IOException;
import java.util.Optional;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

/**
 * Where result files live. A result is written as a stream while its query runs and becomes
 * visible only once committed, so a reader never sees half a file. The shape fits object storage:
 * an upload is a multipart upload whose parts are sent as the stream fills them, commit completes
 * it and abort discards it.
 */
public interface ResultStore extends AutoCloseable {
  /** Starts writing the result of query {@code id}. */
  ResultUpload create(String id, ResultFormat format) throws IOException;

  /** The committed result, or empty when there is none (never written, deleted). */
  Optional<ResultFile> open(String id, ResultFormat format) throws IOException;

  /** Deletes the result; deleting a missing one is not an error. */
  void delete(String id, ResultFormat format) throws IOException;

  /** Lets go of connections to storage; the query service closes its store when it closes. */
  @Override
  default void close() {}
}
