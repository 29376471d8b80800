package wiregate.engine.postgres;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a statement does to engine session state that outlives its transaction, read from its text.
 * Transaction pool mode needs it: such state either travels with the client session to the next
 * engine connection (run-time settings) or pins the session to its connection ({@link Pin}).
 *
 * <p>The text can only tell what it says: a function that calls set_config or takes a session lock
 * inside its body goes unnoticed (docs/postgresql.md lists this among the transaction mode
 * differences).
 */
record StatementEffects(boolean mayChangeSettings, Set<String> customSettings, Set<Pin> pins, Set<Pin> unpins) {
  /** Session state that cannot move to another engine connection. */
  enum Pin {
    TEMPORARY_OBJECTS,
    LISTEN,
    ADVISORY_LOCK,
    HOLD_CURSOR,
    SQL_PREPARED_STATEMENT,
    SESSION_AUTHORIZATION
  }

  static final StatementEffects NONE = new StatementEffects(false, Set.of(), Set.of(), Set.of());

  private static final Pattern LEADING_NOISE = Pattern.compile("^(\\s|--[^\\n]*(\\n|$)|/\\*.*?\\*/)+", Pattern.DOTALL);
  private static final Pattern TEMPORARY = Pattern.compile(
      "\\b(temp|temporary)\\s+(table|view|sequence)\\b|\\binto\\s+(temp|temporary|unlogged\\s+temp)\\b");
  private static final Pattern SESSION_LOCK = Pattern.compile("\\bpg_(try_)?advisory_lock(_shared)?\\s*\\(");
  private static final Pattern WITH_HOLD = Pattern.compile("\\bwith\\s+hold\\b");
  private static final Pattern SESSION_AUTH = Pattern.compile("^set\\s+(session\\s+)?session\\s+authorization\\b");
  private static final Pattern SET_LOCAL = Pattern.compile("^set\\s+local\\b");
  /**
   * Custom (dotted) settings: pg_settings does not list them, so their names are collected from SET
   * and set_config(...) and read one by one.
   */
  private static final Pattern SET_CUSTOM = Pattern.compile("^set\\s+(?:session\\s+)?\"?([a-z_][\\w$]*\\.[\\w$.]+)");
  private static final Pattern SET_CONFIG_CUSTOM = Pattern.compile("set_config\\s*\\(\\s*'([a-z_][\\w$]*\\.[\\w$.]+)'");

  static StatementEffects of(String sql) {
    String text = LEADING_NOISE.matcher(sql).replaceFirst("").toLowerCase(Locale.ROOT);
    String first = firstWord(text);
    boolean settings = text.contains("set_config");
    EnumSet<Pin> pins = EnumSet.noneOf(Pin.class);
    EnumSet<Pin> unpins = EnumSet.noneOf(Pin.class);
    switch (first) {
      case "set" -> {
        settings |= !SET_LOCAL.matcher(text).find();
        if (SESSION_AUTH.matcher(text).find()) {
          pins.add(Pin.SESSION_AUTHORIZATION);
        }
      }
      case "reset" -> {
        settings = true;
        if (text.matches("(?s)reset\\s+(all|session\\s+authorization)\\b.*")) {
          unpins.add(Pin.SESSION_AUTHORIZATION);
        }
      }
      case "discard" -> {
        settings = true;
        if (text.matches("(?s)discard\\s+all\\b.*")) {
          unpins.addAll(EnumSet.allOf(Pin.class));
        } else if (text.matches("(?s)discard\\s+temp(orary)?\\b.*")) {
          unpins.add(Pin.TEMPORARY_OBJECTS);
        }
      }
      case "listen" -> pins.add(Pin.LISTEN);
      case "unlisten" -> {
        if (text.matches("(?s)unlisten\\s*\\*.*")) {
          unpins.add(Pin.LISTEN);
        }
      }
      case "declare" -> {
        if (WITH_HOLD.matcher(text).find()) {
          pins.add(Pin.HOLD_CURSOR);
        }
      }
      case "close" -> {
        if (text.matches("(?s)close\\s+all\\b.*")) {
          unpins.add(Pin.HOLD_CURSOR);
        }
      }
      case "prepare" -> {
        // PREPARE TRANSACTION detaches the transaction from the connection: nothing stays behind.
        if (!text.matches("(?s)prepare\\s+transaction\\b.*")) {
          pins.add(Pin.SQL_PREPARED_STATEMENT);
        }
      }
      case "deallocate" -> {
        if (text.matches("(?s)deallocate\\s+(prepare\\s+)?all\\b.*")) {
          unpins.add(Pin.SQL_PREPARED_STATEMENT);
        }
      }
      default -> {
        // CREATE TEMP TABLE, SELECT ... INTO TEMP, or one inside a DO block: all leave a temp schema.
      }
    }
    if (text.contains("temp") && TEMPORARY.matcher(text).find()) {
      pins.add(Pin.TEMPORARY_OBJECTS);
    }
    if (text.contains("advisory")) {
      if (SESSION_LOCK.matcher(text).find()) {
        pins.add(Pin.ADVISORY_LOCK);
      }
      if (text.contains("pg_advisory_unlock_all")) {
        unpins.add(Pin.ADVISORY_LOCK);
      }
    }
    if (!settings && pins.isEmpty() && unpins.isEmpty()) {
      return NONE;
    }
    return new StatementEffects(settings, customSettings(text, first), pins, unpins);
  }

  private static Set<String> customSettings(String text, String first) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    if (first.equals("set")) {
      java.util.regex.Matcher set = SET_CUSTOM.matcher(text);
      if (set.find()) {
        names.add(set.group(1));
      }
    }
    java.util.regex.Matcher call = SET_CONFIG_CUSTOM.matcher(text);
    while (call.find()) {
      names.add(call.group(1));
    }
    return names;
  }

  private static String firstWord(String text) {
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end);
  }
}
