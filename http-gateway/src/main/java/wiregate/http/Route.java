package wiregate.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method and a path template such as {@code /v1/queries/{id}:stop}, with who may call it and how
 * it counts for a drain. A {@code {name}} placeholder matches one path segment up to a {@code /} or
 * {@code :}, so {@code {id}} and {@code {id}:stop} do not overlap.
 */
public record Route(HttpMethod method, String template, Access access, Work work, Endpoint endpoint) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  /** Who may call a route. */
  public enum Access {
    /** Anyone: health, readiness, metrics (probes and scrapers carry no credentials). */
    PUBLIC,
    /** An authenticated gateway user. */
    USER
  }

  /** How a request on this route counts towards a graceful drain. */
  public enum Work {
    /** Not counted: probes must keep answering while a drain waits (can-stop would never be true). */
    PROBE,
    /** Counted as in flight while it is processed; served while draining. */
    REQUEST,
    /** Counted, and refused with 503 while draining: it would start new work. */
    SUBMISSION
  }

  /** The path parameters if {@code path} matches this route's template. */
  public Optional<Map<String, String>> match(String path) {
    Matcher m = pattern().matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    List<String> names = parameterNames();
    for (int i = 0; i < names.size(); i++) {
      params.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(params);
  }

  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private Pattern pattern() {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/:]+)");
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }
}
