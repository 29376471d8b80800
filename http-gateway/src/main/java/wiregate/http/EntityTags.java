package wiregate.http;

/** Entity tags: quoting a storage etag, and matching If-None-Match (weak comparison, as RFC 9110 asks). */
public final class EntityTags {
  private EntityTags() {}

  /** The strong entity tag for a storage etag, quoted once. */
  public static String quote(String etag) {
    String bare = etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2
        ? etag.substring(1, etag.length() - 1) : etag;
    return "\"" + bare.replace("\"", "") + "\"";
  }

  /** Whether an If-None-Match header names {@code tag} (or is {@code *}). */
  public static boolean noneMatchHits(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*")) {
        return true;
      }
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
