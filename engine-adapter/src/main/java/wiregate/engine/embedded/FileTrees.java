package wiregate.engine.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Whole-directory operations the JDK lacks. */
final class FileTrees {
  private FileTrees() {}

  /** Deletes a directory and everything under it; symbolic links are removed, never followed. */
  static void deleteIfExists(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path path : listDeepestFirst(root)) {
      Files.delete(path);
    }
  }

  /** Every path under root including root, children before their parents. */
  static List<Path> listDeepestFirst(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.sorted(Comparator.reverseOrder()).toList();
    }
  }
}
