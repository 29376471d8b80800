package wiregate.dialect.mysql.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import wiregate.core.model.GatewayException;

/**
 * One MySQL system variable: where it lives, whether it can be set, what values it takes and its
 * default. Values are kept as text in MySQL's canonical spelling (ON/OFF for booleans, upper-case
 * enum members); {@link #selectValue} and {@link #showValue} render them the two ways MySQL does.
 */
public record SystemVariable(String name, Scope scope, Access access, Type type, String defaultValue) {

  /** Which scopes the variable has. */
  public enum Scope {
    SESSION,
    GLOBAL,
    BOTH;

    public boolean hasSession() {
      return this != GLOBAL;
    }

    public boolean hasGlobal() {
      return this != SESSION;
    }
  }

  public enum Access {
    READ_WRITE,
    READ_ONLY,
    /** Settable with SET GLOBAL only; the session value is read-only (max_allowed_packet). */
    GLOBAL_WRITABLE
  }

  /** The kind of value, with its bounds or members. */
  public record Type(Kind kind, BigInteger min, BigInteger max, List<String> members) {
    public enum Kind { BOOL, INT, NUMBER, ENUM, SQL_MODE, CHARSET, CHARSET_OR_NULL, COLLATION, TIME_ZONE, ISOLATION, STRING }

    static Type parse(String text) {
      String[] parts = text.split(" ", 2);
      Kind kind = Kind.valueOf(parts[0]);
      return switch (kind) {
        case INT -> {
          String[] range = parts[1].split("\\.\\.");
          yield new Type(kind, new BigInteger(range[0]), new BigInteger(range[1]), List.of());
        }
        case ENUM -> new Type(kind, null, null, List.of(parts[1].split("\\|")));
        case ISOLATION -> new Type(kind, null, null,
            List.of("READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"));
        default -> new Type(kind, null, null, List.of());
      };
    }

    /** True when SELECT @@name returns a number (the translator types the literal by this). */
    public boolean isNumeric() {
      return kind == Kind.BOOL || kind == Kind.INT || kind == Kind.NUMBER;
    }
  }

  /** The value as {@code SELECT @@name} shows it: booleans as 1/0. */
  public String selectValue(String value) {
    if (type.kind() == Type.Kind.BOOL && value != null) {
      return value.equals("ON") ? "1" : "0";
    }
    return value;
  }

  /** The value as {@code SHOW VARIABLES} shows it: booleans as ON/OFF, NULL as empty. */
  public String showValue(String value) {
    if (type.kind() == Type.Kind.BOOL && value != null) {
      return value.equals("1") || value.equals("ON") ? "ON" : "OFF";
    }
    return value == null ? "" : value;
  }

  /**
   * A value a client assigned, checked and put in canonical form. {@code value} is the constant's text
   * (null for NULL). Out-of-range integers are clamped as MySQL does (it warns; the gateway does not).
   */
  public String normalize(String value) throws GatewayException {
    if (value == null) {
      if (type.kind() == Type.Kind.CHARSET_OR_NULL || type.kind() == Type.Kind.STRING && name.equals("init_connect")) {
        return null;
      }
      throw MySqlErrors.wrongValue(name, null);
    }
    String v = value.strip();
    return switch (type.kind()) {
      case BOOL -> switch (v.toUpperCase(Locale.ROOT)) {
        case "ON", "1", "TRUE" -> "ON";
        case "OFF", "0", "FALSE" -> "OFF";
        default -> throw MySqlErrors.wrongValue(name, v);
      };
      case INT -> {
        if (!isNumber(v)) {
          throw MySqlErrors.wrongArgumentType(name);
        }
        BigInteger n = new BigDecimal(v).setScale(0, java.math.RoundingMode.HALF_UP).toBigInteger();
        yield n.max(type.min()).min(type.max()).toString();
      }
      case NUMBER -> {
        if (!isNumber(v)) {
          throw MySqlErrors.wrongArgumentType(name);
        }
        yield new BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
      }
      case ENUM, ISOLATION -> enumMember(v);
      case SQL_MODE -> {
        String modes = isNumber(v) ? SqlModes.fromBits(new BigDecimal(v).longValue()) : SqlModes.normalize(v);
        if (modes == null) {
          throw MySqlErrors.wrongValue(name, v);
        }
        yield modes;
      }
      case CHARSET, CHARSET_OR_NULL -> {
        if (isNumber(v)) {
          yield CharacterSets.collation(Integer.parseInt(v)).map(CharacterSets.Collation::charset)
              .orElseThrow(() -> MySqlErrors.unknownCharacterSet(v));
        }
        yield CharacterSets.characterSet(v).map(CharacterSets.CharacterSet::name)
            .orElseThrow(() -> MySqlErrors.unknownCharacterSet(v));
      }
      case COLLATION -> {
        Optional<CharacterSets.Collation> collation = isNumber(v)
            ? CharacterSets.collation(Integer.parseInt(v)) : CharacterSets.collation(v);
        yield collation.map(CharacterSets.Collation::name).orElseThrow(() -> MySqlErrors.unknownCollation(v));
      }
      case TIME_ZONE -> TimeZones.normalize(v).orElseThrow(() -> MySqlErrors.unknownTimeZone(v));
      case STRING -> v;
    };
  }

  private String enumMember(String v) throws GatewayException {
    List<String> members = type.members();
    if (isNumber(v) && v.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(v);
      if (index >= 0 && index < members.size()) {
        return members.get(index);
      }
      throw MySqlErrors.wrongValue(name, v);
    }
    // MySQL also accepts the SQL spelling of isolation levels with spaces.
    String wanted = type.kind() == Type.Kind.ISOLATION ? v.replace(' ', '-') : v;
    return members.stream().filter(m -> m.equalsIgnoreCase(wanted)).findFirst()
        .orElseThrow(() -> MySqlErrors.wrongValue(name, v));
  }

  private static boolean isNumber(String v) {
    return v.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  }

  /** MySQL's errors for a SET that may not change this variable in that scope (1238, 1228, 1229, 1621). */
  public void checkAssignable(boolean global) throws GatewayException {
    if (access() == SystemVariable.Access.READ_ONLY) {
      throw MySqlErrors.readOnlyVariable(name);
    }
    if (global && !scope().hasGlobal()) {
      throw MySqlErrors.sessionOnlyWithGlobal(name());
    }
    if (!global && !scope().hasSession()) {
      throw MySqlErrors.globalOnlyWithSession(name());
    }
    if (!global && access() == SystemVariable.Access.GLOBAL_WRITABLE) {
      throw MySqlErrors.sessionValueReadOnly(name());
    }
  }
}
