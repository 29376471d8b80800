package wiregate.dialect.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * MySQL column types as PostgreSQL column types (spec 5). Types PostgreSQL has exactly map to it; the
 * others become domains in wg_mysql named after the canonical MySQL type, created on demand by
 * {@code wg_mysql.ensure_domain} in the statement's preamble, with the MySQL type in the domain's comment.
 */
final class MySqlTypeMapper {
  private static final Set<String> SPATIAL = Set.of("GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
      "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION");
  private static final Set<String> INTEGER_BASES = Set.of("smallint", "integer", "bigint");

  /**
   * The mapped type. {@code pgType} is what the column is declared as; {@code domainSetup} is the
   * preamble statement creating it (null for built-in types); {@code next} the index after the type.
   */
  record Mapped(String pgType, String domainSetup, String mysqlType, int next, boolean autoIncrementImplied) {
    boolean isIdentityCapable() {
      return INTEGER_BASES.contains(pgType);
    }
  }

  private MySqlTypeMapper() {}

  /** Reads the type starting at token i of s. */
  static Mapped map(SourceStatement s, int i) throws GatewayException {
    String kw = s.keyword(i);
    if (kw.isEmpty()) {
      throw s.syntaxErrorAt(i);
    }
    int k = i + 1;
    if (kw.equals("DOUBLE") && s.isWord(k, "PRECISION")) {
      k++;
    }
    if (kw.equals("NATIONAL") || kw.equals("LONG") && (s.isWord(k, "VARCHAR") || s.isWord(k, "VARBINARY"))) {
      String second = s.keyword(k);
      kw = kw.equals("LONG") ? (second.equals("VARBINARY") ? "MEDIUMBLOB" : "MEDIUMTEXT") : second;
      k++;
    }
    if (kw.equals("CHARACTER") && s.isWord(k, "VARYING")) {
      kw = "VARCHAR";
      k++;
    }
    List<String> args = new ArrayList<>();
    List<String> rawArgs = new ArrayList<>();
    if (s.isSymbol(k, "(")) {
      int close = s.matching(k);
      if (close < 0) {
        throw s.syntaxErrorAt(k);
      }
      for (int[] part : s.splitCommas(k + 1, close)) {
        if (part[1] - part[0] != 1) {
          throw s.syntaxErrorAt(part[0]);
        }
        MySqlToken t = s.get(part[0]);
        args.add(t.kind() == Kind.STRING ? t.value() : t.text());
        rawArgs.add(t.kind() == Kind.STRING ? PgText.literal(t.value()) : t.text());
      }
      k = close + 1;
    }
    boolean unsigned = false;
    while (s.isWord(k, "UNSIGNED") || s.isWord(k, "SIGNED") || s.isWord(k, "ZEROFILL")) {
      unsigned |= !s.isWord(k, "SIGNED");
      k++;
    }
    if (SPATIAL.contains(kw)) {
      throw MySqlSyntaxErrors.unsupported("The spatial type " + kw);
    }
    return switch (kw) {
      case "TINYINT", "INT1" -> {
        if (!unsigned && args.size() == 1 && args.get(0).equals("1")) {
          yield domain("tinyint(1)", "smallint", "VALUE BETWEEN -128 AND 127", k);
        }
        yield unsigned ? domain("tinyint unsigned", "smallint", "VALUE BETWEEN 0 AND 255", k)
            : domain("tinyint", "smallint", "VALUE BETWEEN -128 AND 127", k);
      }
      case "BOOL", "BOOLEAN" -> domain("tinyint(1)", "smallint", "VALUE BETWEEN -128 AND 127", k);
      case "SMALLINT", "INT2" -> unsigned ? domain("smallint unsigned", "integer", "VALUE BETWEEN 0 AND 65535", k)
          : builtin("smallint", k);
      case "MEDIUMINT", "INT3", "MIDDLEINT" -> unsigned
          ? domain("mediumint unsigned", "integer", "VALUE BETWEEN 0 AND 16777215", k)
          : domain("mediumint", "integer", "VALUE BETWEEN -8388608 AND 8388607", k);
      case "INT", "INTEGER", "INT4" -> unsigned ? domain("int unsigned", "bigint", "VALUE BETWEEN 0 AND 4294967295", k)
          : builtin("integer", k);
      case "BIGINT", "INT8" -> unsigned
          ? domain("bigint unsigned", "numeric(20,0)", "VALUE BETWEEN 0 AND 18446744073709551615", k)
          : builtin("bigint", k);
      case "SERIAL" -> {
        Mapped m = domain("bigint unsigned", "numeric(20,0)", "VALUE BETWEEN 0 AND 18446744073709551615", k);
        yield new Mapped(m.pgType(), m.domainSetup(), m.mysqlType(), k, true);
      }
      case "FLOAT" -> {
        String base = args.size() == 1 && Integer.parseInt(args.get(0)) > 24 ? "double precision" : "real";
        yield unsigned ? domain((base.equals("real") ? "float" : "double") + " unsigned", base, "VALUE >= 0", k)
            : builtin(base, k);
      }
      case "DOUBLE", "REAL", "FLOAT8" -> unsigned ? domain("double unsigned", "double precision", "VALUE >= 0", k)
          : builtin("double precision", k);
      case "FLOAT4" -> builtin("real", k);
      case "DECIMAL", "NUMERIC", "DEC", "FIXED" -> {
        String p = args.isEmpty() ? "10" : args.get(0);
        String sc = args.size() > 1 ? args.get(1) : "0";
        String base = "numeric(" + p + "," + sc + ")";
        yield unsigned ? domain("decimal(" + p + "," + sc + ") unsigned", base, "VALUE >= 0", k) : builtin(base, k);
      }
      case "BIT" -> builtin("bit(" + (args.isEmpty() ? "1" : args.get(0)) + ")", k);
      case "CHAR", "CHARACTER", "NCHAR" -> builtin("character(" + (args.isEmpty() ? "1" : args.get(0)) + ")", k);
      case "VARCHAR", "NVARCHAR", "VARCHARACTER" -> {
        if (args.isEmpty()) {
          throw s.syntaxErrorAt(k);
        }
        yield builtin("varchar(" + args.get(0) + ")", k);
      }
      case "TEXT" -> builtin("text", k);
      case "TINYTEXT" -> domain("tinytext", "text", "octet_length(VALUE) <= 255", k);
      case "MEDIUMTEXT" -> domain("mediumtext", "text", "octet_length(VALUE) <= 16777215", k);
      case "LONGTEXT" -> domain("longtext", "text", null, k);
      case "BINARY" -> {
        String n = args.isEmpty() ? "1" : args.get(0);
        yield domain("binary(" + n + ")", "bytea", "octet_length(VALUE) <= " + n, k);
      }
      case "VARBINARY" -> {
        if (args.isEmpty()) {
          throw s.syntaxErrorAt(k);
        }
        yield domain("varbinary(" + args.get(0) + ")", "bytea", "octet_length(VALUE) <= " + args.get(0), k);
      }
      case "TINYBLOB" -> domain("tinyblob", "bytea", "octet_length(VALUE) <= 255", k);
      case "BLOB" -> domain("blob", "bytea", "octet_length(VALUE) <= 65535", k);
      case "MEDIUMBLOB" -> domain("mediumblob", "bytea", "octet_length(VALUE) <= 16777215", k);
      case "LONGBLOB" -> domain("longblob", "bytea", null, k);
      case "DATE" -> builtin("date", k);
      case "TIME" -> builtin("time(" + (args.isEmpty() ? "0" : args.get(0)) + ")", k);
      case "DATETIME" -> builtin("timestamp(" + (args.isEmpty() ? "0" : args.get(0)) + ")", k);
      case "TIMESTAMP" -> builtin("timestamp(" + (args.isEmpty() ? "0" : args.get(0)) + ") with time zone", k);
      case "YEAR" -> domain("year", "smallint", "VALUE = 0 OR VALUE BETWEEN 1901 AND 2155", k);
      case "JSON" -> builtin("jsonb", k);
      case "ENUM" -> domain("enum(" + String.join(",", rawArgs) + ")", "text",
          "VALUE IN (" + String.join(", ", rawArgs) + ")", k);
      case "SET" -> domain("set(" + String.join(",", rawArgs) + ")", "text",
          "VALUE = '' OR string_to_array(VALUE, ',') <@ ARRAY[" + String.join(", ", rawArgs) + "]::text[]", k);
      default -> throw MySqlSyntaxErrors.unsupported("The column type " + s.get(i).text());
    };
  }

  private static Mapped builtin(String pgType, int next) {
    return new Mapped(pgType, null, null, next, false);
  }

  private static Mapped domain(String mysqlType, String base, String check, int next) {
    String name = domainName(mysqlType);
    String setup = "SELECT wg_mysql.ensure_domain(" + PgText.literal(name) + ", " + PgText.literal(base) + ", "
        + (check == null ? "NULL" : PgText.literal(check)) + ", " + PgText.literal(mysqlType) + ")";
    return new Mapped("wg_mysql." + PgText.quoted(name), setup, mysqlType, next, false);
  }

  /** The canonical type text, or a hash-based name when that is longer than PostgreSQL's 63 bytes. */
  static String domainName(String mysqlType) {
    String canonical = mysqlType;
    if (canonical.getBytes(StandardCharsets.UTF_8).length <= 63) {
      return canonical;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return "t_" + HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
