package wiregate.pgwire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;
import wiregate.pgwire.codec.FrontendMessage;

/**
 * A StartupMessage read the way PostgreSQL reads it: user, database (defaults to the user), protocol
 * options ({@code _pq_.*}) and run-time settings, including those packed into {@code options}.
 */
record StartupRequest(String user, String database, Map<String, String> settings, List<String> protocolOptions) {

  static StartupRequest from(FrontendMessage.Startup startup) throws GatewayException {
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> protocolOptions = new ArrayList<>();
    String user = null;
    String database = null;
    for (Map.Entry<String, String> p : startup.parameters().entrySet()) {
      switch (p.getKey()) {
        case "user" -> user = p.getValue();
        case "database" -> database = p.getValue();
        case "options" -> parseOptions(p.getValue(), settings);
        case "replication" -> {
          if (!p.getValue().equalsIgnoreCase("false") && !p.getValue().equalsIgnoreCase("off")) {
            throw new GatewayException(GatewayError.fatal(SqlState.FEATURE_NOT_SUPPORTED,
                "replication connections are not supported by this gateway"));
          }
        }
        default -> {
          if (p.getKey().startsWith("_pq_.")) {
            protocolOptions.add(p.getKey());
          } else {
            settings.put(p.getKey(), p.getValue());
          }
        }
      }
    }
    if (user == null || user.isEmpty()) {
      throw new GatewayException(GatewayError.fatal(SqlState.INVALID_AUTHORIZATION,
          "no PostgreSQL user name specified in startup packet"));
    }
    if (database == null || database.isEmpty()) {
      database = user;
    }
    // A real server reports an empty application_name when the client sends none.
    settings.putIfAbsent("application_name", "");
    return new StartupRequest(user, database, settings, protocolOptions);
  }

  /** {@code options}: space-separated {@code -c name=value} or {@code --name=value}, backslash escapes. */
  private static void parseOptions(String options, Map<String, String> settings) throws GatewayException {
    List<String> words = splitWords(options);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String assignment;
      if (word.equals("-c") && i + 1 < words.size()) {
        assignment = words.get(++i);
      } else if (word.startsWith("-c")) {
        assignment = word.substring(2);
      } else if (word.startsWith("--")) {
        assignment = word.substring(2);
      } else {
        throw new GatewayException(GatewayError.fatal(SqlState.FEATURE_NOT_SUPPORTED,
            "unsupported command-line option in startup options: " + word));
      }
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new GatewayException(GatewayError.fatal(SqlState.INVALID_PARAMETER_VALUE,
            "--" + assignment + " requires a value"));
      }
      settings.put(assignment.substring(0, eq).replace('-', '_'), assignment.substring(eq + 1));
    }
  }

  private static List<String> splitWords(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (!current.isEmpty()) {
          words.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (!current.isEmpty()) {
      words.add(current.toString());
    }
    return words;
  }
}
