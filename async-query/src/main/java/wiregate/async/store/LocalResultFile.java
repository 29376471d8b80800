package wiregate.async.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

/**
 * A committed local result. The etag is made of the id, size and modification time: a committed
 * file never changes, and a rewritten one gets a new time.
 */
record LocalResultFile(Path path, ResultFormat format, long size, String etag) implements ResultFile {

  @Override
  public InputStream open(long first, long last) throws IOException {
    if (first < 0 || last < first || last >= size) {
      throw new IllegalArgumentException("bytes " + first + "-" + last + " are not within the " + size + " of the result");
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    channel.position(first);
    return new BoundedInputStream(Channels.newInputStream(channel), last - first + 1);
  }
}
