package wiregate.async.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

/**
 * Result files in a local directory: {@code <id>.<extension>}. A result is written under a hidden
 * temporary name and renamed into place on commit, so a file under its final name is always whole.
 */
public final class LocalResultStore implements ResultStore {
  private static final Logger log = LoggerFactory.getLogger(LocalResultStore.class);
  private static final String PARTIAL = ".part";
  private static final int BUFFER = 64 * 1024;

  private final Path dir;

  public LocalResultStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    removeLeftovers();
  }

  /** Partial files of a gateway that died while writing can never be committed. */
  private void removeLeftovers() throws IOException {
    try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, "*" + PARTIAL)) {
      for (Path partial : partials) {
        Files.deleteIfExists(partial);
        log.info("removed the unfinished result {}", partial);
      }
    }
  }

  private Path finalPath(String id, ResultFormat format) {
    return dir.resolve(id + "." + format.extension());
  }

  @Override
  public ResultUpload create(String id, ResultFormat format) throws IOException {
    Path target = finalPath(id, format);
    Path partial = dir.resolve("." + target.getFileName() + PARTIAL);
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), BUFFER);
    return new ResultUpload() {
      private boolean committed;
      private boolean closed;

      @Override
      public OutputStream stream() {
        return out;
      }

      @Override
      public void commit() throws IOException {
        out.close();
        closed = true;
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
      }

      @Override
      public void close() {
        if (committed) {
          return;
        }
        try {
          if (!closed) {
            out.close();
          }
          Files.deleteIfExists(partial);
        } catch (IOException e) {
          log.warn("could not discard the unfinished result {}: {}", partial, e.toString());
        }
      }
    };
  }

  @Override
  public Optional<ResultFile> open(String id, ResultFormat format) throws IOException {
    Path path = finalPath(id, format);
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return Optional.of(new LocalResultFile(path, format, attributes.size(),
          id + "-" + Long.toHexString(attributes.size()) + "-"
              + Long.toHexString(attributes.lastModifiedTime().toMillis())));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void delete(String id, ResultFormat format) throws IOException {
    Files.deleteIfExists(finalPath(id, format));
  }
}
