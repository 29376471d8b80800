package wiregate.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a representation of {@code size} bytes, both ends inclusive, as in
 * HTTP's {@code Range: bytes=first-last}.
 */
public record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  public long length() {
    return last - first + 1;
  }

  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** Thrown for a well-formed range that selects nothing of the representation (416). */
  public static final class Unsatisfiable extends Exception {
    public Unsatisfiable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Parses a Range header against the size. Empty means "send the whole representation": no header,
   * a header this server ignores (another unit, several ranges, bad syntax), as RFC 9110 lets a
   * server ignore Range.
   *
   * @throws Unsatisfiable when the single range lies wholly beyond the end (or the file is empty)
   */
  public static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2)); // bytes=-n: the last n bytes
        if (suffix == 0 || size == 0) {
          throw new Unsatisfiable("the range selects no bytes of the " + size + "-byte result");
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
      if (last < first) {
        return Optional.empty(); // syntactically invalid: ignored
      }
      if (first >= size) {
        throw new Unsatisfiable("the range starts at byte " + first + ", beyond the end of the " + size
            + "-byte result");
      }
      return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than a long holds: ignored
    }
  }
}
