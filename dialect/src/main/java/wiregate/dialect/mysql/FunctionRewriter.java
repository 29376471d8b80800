package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * MySQL functions that PostgreSQL lacks or defines differently. Each is rewritten to PostgreSQL
 * expressions or to a {@code wg_mysql} compat function (installed by engineSetup). Functions not
 * named here pass through unchanged: PostgreSQL has the same name and meaning (COALESCE, ROUND, ...).
 */
final class FunctionRewriter {
  static final String SERVER_VERSION = "8.0.40-wiregate";
  private static final Set<String> TIME_SPECIFIERS = Set.of("H", "h", "I", "i", "k", "l", "p", "r", "S", "s", "T",
      "f");
  /** Top-level words and symbols that make an expression a boolean in PostgreSQL already. */
  private static final Set<String> BOOLEAN_OPERATORS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=", "<=>", "!",
      "LIKE", "IN", "IS", "BETWEEN", "EXISTS", "NOT", "AND", "OR", "REGEXP", "RLIKE", "TRUE", "FALSE", "&&", "||");

  private final PgRenderer renderer;
  private final SourceStatement s;
  private final SessionValues session;

  FunctionRewriter(PgRenderer renderer, SourceStatement s, SessionValues session) {
    this.renderer = renderer;
    this.s = s;
    this.session = session;
  }

  /** The call at nameIndex ({@code close} = its ')' or -1 for a bare keyword), or null to keep it. */
  String rewrite(String name, int nameIndex, int close) throws GatewayException {
    Call c = new Call(nameIndex, close);
    return switch (name) {
      case "IFNULL" -> "coalesce(" + c.joined() + ")";
      case "IF" -> {
        c.expect(3);
        yield "CASE WHEN " + condition(c.from(0), c.to(0)) + " THEN " + c.arg(1) + " ELSE " + c.arg(2) + " END";
      }
      case "NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP" ->
          c.count() == 0 ? "date_trunc('second', LOCALTIMESTAMP)" : "LOCALTIMESTAMP(" + c.arg(0) + ")";
      case "SYSDATE" -> c.count() == 0 ? "date_trunc('second', clock_timestamp()::timestamp)"
          : "clock_timestamp()::timestamp(" + c.arg(0) + ")";
      case "CURDATE", "CURRENT_DATE" -> "CURRENT_DATE";
      case "CURTIME", "CURRENT_TIME" -> c.count() == 0 ? "LOCALTIME(0)" : "LOCALTIME(" + c.arg(0) + ")";
      case "UTC_TIMESTAMP" -> "date_trunc('second', now() AT TIME ZONE 'UTC')";
      case "UTC_DATE" -> "CAST(now() AT TIME ZONE 'UTC' AS date)";
      case "UTC_TIME" -> "CAST(now() AT TIME ZONE 'UTC' AS time(0))";
      case "CONCAT" -> concat(c);
      case "GROUP_CONCAT" -> groupConcat(nameIndex + 2, close);
      case "DATE_FORMAT", "TIME_FORMAT" -> "wg_mysql.date_format(" + dateArg(c, 0) + ", " + c.arg(1) + ")";
      case "STR_TO_DATE" -> {
        c.expect(2);
        boolean time = true;
        if (c.to(1) - c.from(1) == 1 && s.get(c.from(1)).kind() == Kind.STRING) {
          time = hasTimeSpecifier(s.get(c.from(1)).value());
        }
        yield (time ? "wg_mysql.str_to_datetime(" : "wg_mysql.str_to_date(") + c.joined() + ")";
      }
      case "UNIX_TIMESTAMP" -> c.count() == 0 ? "CAST(floor(extract(epoch FROM now())) AS bigint)"
          : "wg_mysql.unix_timestamp(" + dateArg(c, 0) + ")";
      case "FROM_UNIXTIME" -> c.count() == 1 ? "CAST(to_timestamp(" + c.arg(0) + ") AS timestamp)"
          : "wg_mysql.date_format(CAST(to_timestamp(" + c.arg(0) + ") AS timestamp), " + c.arg(1) + ")";
      case "DATE_ADD", "ADDDATE" -> dateAdd(c, false);
      case "DATE_SUB", "SUBDATE" -> dateAdd(c, true);
      case "DATEDIFF" -> "(CAST(" + c.arg(0) + " AS date) - CAST(" + c.arg(1) + " AS date))";
      case "TIMESTAMPDIFF" -> {
        c.expect(3);
        yield "wg_mysql.timestampdiff('" + unitName(c, 0) + "', " + c.arg(1) + ", " + c.arg(2) + ")";
      }
      case "TIMESTAMPADD" -> {
        c.expect(3);
        String unit = unitName(c, 0);
        String interval = "(" + c.arg(1) + ") * INTERVAL '" + IntervalUnits.one(unit) + "'";
        yield PgRenderer.dateAdd(unit) + "(" + c.arg(2) + ", "
            + interval + ")";
      }
      case "LAST_INSERT_ID" -> {
        if (c.count() > 0) {
          throw MySqlSyntaxErrors.unsupported("LAST_INSERT_ID(expr)");
        }
        yield session.lastInsertId();
      }
      case "DATABASE", "SCHEMA" -> session.database() == null ? "NULL" : PgText.literal(session.database());
      case "VERSION" -> PgText.literal(SERVER_VERSION);
      case "USER", "SESSION_USER", "SYSTEM_USER" -> session.user("localhost");
      case "CURRENT_USER" -> session.user("%");
      case "CONNECTION_ID" -> session.optionalSystemVariable("pseudo_thread_id").orElse("pg_backend_pid()");
      case "FOUND_ROWS" -> session.foundRows();
      case "ROW_COUNT" -> session.rowCount();
      case "RAND" -> "random()";
      case "LENGTH", "OCTET_LENGTH" -> "wg_mysql.byte_length(" + c.arg(0) + ")";
      case "CHAR_LENGTH", "CHARACTER_LENGTH" -> "char_length(" + c.arg(0) + ")";
      case "SUBSTRING_INDEX" -> "wg_mysql.substring_index(" + c.joined() + ")";
      // Substring searches need a deterministic collation in PostgreSQL (before 18).
      case "LOCATE" -> c.count() == 2 ? "strpos(" + deterministic(c.arg(1)) + ", " + c.arg(0) + ")"
          : "wg_mysql.locate(" + c.joined() + ")";
      case "INSTR" -> "strpos(" + deterministic(c.arg(0)) + ", " + c.arg(1) + ")";
      case "REPLACE" -> c.count() == 3 ? "replace(" + deterministic(c.arg(0)) + ", " + c.arg(1) + ", " + c.arg(2) + ")"
          : null;
      case "LCASE" -> "lower(" + c.arg(0) + ")";
      case "UCASE" -> "upper(" + c.arg(0) + ")";
      case "MID" -> "substring(" + c.joined() + ")";
      case "ISNULL" -> "((" + c.arg(0) + ") IS NULL)";
      case "CAST" -> cast(nameIndex + 2, close);
      case "CONVERT" -> convert(nameIndex + 2, close, c);
      case "JSON_EXTRACT" -> "(CAST(" + c.arg(0) + " AS jsonb) #> " + jsonPath(c, 1) + ")";
      case "JSON_UNQUOTE" -> "(CAST(" + c.arg(0) + " AS jsonb) #>> '{}')";
      case "JSON_OBJECT" -> "jsonb_build_object(" + c.joined() + ")";
      case "JSON_ARRAY" -> "jsonb_build_array(" + c.joined() + ")";
      case "JSON_CONTAINS" -> "(CAST(" + c.arg(0) + " AS jsonb) @> CAST(" + c.arg(1) + " AS jsonb))";
      case "YEAR", "MONTH", "HOUR", "MINUTE", "QUARTER" ->
          "CAST(extract(" + name.toLowerCase() + " FROM " + dateArg(c, 0) + ") AS integer)";
      case "DAY", "DAYOFMONTH" -> "CAST(extract(day FROM " + dateArg(c, 0) + ") AS integer)";
      case "DAYOFYEAR" -> "CAST(extract(doy FROM " + dateArg(c, 0) + ") AS integer)";
      case "SECOND" -> "CAST(floor(extract(second FROM " + dateArg(c, 0) + ")) AS integer)";
      case "DAYOFWEEK" -> "(CAST(extract(dow FROM " + dateArg(c, 0) + ") AS integer) + 1)";
      case "WEEKDAY" -> "(CAST(extract(isodow FROM " + dateArg(c, 0) + ") AS integer) - 1)";
      case "MONTHNAME" -> "to_char(" + dateArg(c, 0) + ", 'FMMonth')";
      case "DAYNAME" -> "to_char(" + dateArg(c, 0) + ", 'FMDay')";
      case "LAST_DAY" -> "CAST(date_trunc('month', CAST(" + c.arg(0) + " AS date)) + INTERVAL '1 month - 1 day' AS date)";
      case "DATE" -> "CAST(" + c.arg(0) + " AS date)";
      case "TIME" -> c.count() == 1 ? "CAST(" + c.arg(0) + " AS time)" : null;
      case "TO_DAYS" -> "(CAST(" + c.arg(0) + " AS date) - DATE '0001-01-01' + 366)";
      case "FIND_IN_SET" -> "wg_mysql.find_in_set(" + c.joined() + ")";
      case "FIELD" -> field(c);
      case "ELT" -> elt(c);
      case "UUID" -> "CAST(gen_random_uuid() AS text)";
      case "TRUNCATE" -> "trunc(CAST(" + c.arg(0) + " AS numeric), " + c.arg(1) + ")";
      case "LOG" -> c.count() == 1 ? "ln(" + c.arg(0) + ")" : "log(" + c.joined() + ")";
      case "LOG2" -> "log(2, " + c.arg(0) + ")";
      case "LOG10" -> "log(" + c.arg(0) + ")";
      case "POW" -> "power(" + c.joined() + ")";
      case "CHAR" -> c.count() == 1 ? "chr(" + c.arg(0) + ")" : null;
      case "SPACE" -> "repeat(' ', " + c.arg(0) + ")";
      case "HEX" -> "wg_mysql.hex(" + c.arg(0) + ")";
      case "SLEEP" -> "wg_mysql.sleep(" + c.arg(0) + ")";
      case "STD", "STDDEV" -> "stddev_pop(" + c.joined() + ")";
      case "VARIANCE" -> "var_pop(" + c.joined() + ")";
      default -> null;
    };
  }

  private static String deterministic(String textExpression) {
    return "(" + textExpression + ") COLLATE " + PgRenderer.DETERMINISTIC;
  }

  /** MySQL treats any non-zero number as true; PostgreSQL wants a boolean. */
  String condition(int from, int to) throws GatewayException {
    String rendered = renderer.render(from, to);
    for (int k = from; k < to; k++) {
      MySqlToken t = s.get(k);
      if (t.isSymbol("(") && s.matching(k) > k) {
        k = s.matching(k);
        continue;
      }
      if (BOOLEAN_OPERATORS.contains(t.kind() == Kind.WORD ? t.keyword() : t.text())
          && (t.kind() == Kind.WORD || t.kind() == Kind.SYMBOL)) {
        return rendered;
      }
    }
    return "wg_mysql.truth(" + rendered + ")";
  }

  private String concat(Call c) throws GatewayException {
    if (c.count() == 0) {
      throw s.syntaxErrorAt(c.nameIndex);
    }
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < c.count(); k++) {
      parts.add("CAST(" + c.arg(k) + " AS text)");
    }
    return "(" + String.join(" || ", parts) + ")";
  }

  private String groupConcat(int from, int close) throws GatewayException {
    boolean distinct = s.isWord(from, "DISTINCT");
    int start = distinct ? from + 1 : from;
    int separator = s.findWord(start, close, "SEPARATOR");
    int valuesEnd = separator > 0 ? separator : close;
    int order = -1;
    for (int k = s.findWord(start, valuesEnd, "ORDER"); k >= 0; k = s.findWord(k + 1, valuesEnd, "ORDER")) {
      if (s.isWord(k + 1, "BY")) {
        order = k;
        break;
      }
    }
    int exprEnd = order > 0 ? order : valuesEnd;
    List<String> parts = new ArrayList<>();
    List<String> rawParts = new ArrayList<>();
    for (int[] r : s.splitCommas(start, exprEnd)) {
      String e = renderer.render(r[0], r[1]);
      rawParts.add(e);
      parts.add("CAST(" + e + " AS text)");
    }
    String value = String.join(" || ", parts);
    String sep = separator > 0 ? renderer.render(separator + 1, close) : "','";
    StringBuilder out = new StringBuilder("string_agg(");
    if (distinct) {
      out.append("DISTINCT ");
    }
    out.append(value).append(", ").append(sep);
    if (order > 0) {
      List<String> items = new ArrayList<>();
      for (int[] r : s.splitCommas(order + 2, valuesEnd)) {
        String item = renderer.render(r[0], r[1]);
        if (distinct && rawParts.size() == 1) {
          // With DISTINCT, PostgreSQL wants ORDER BY expressions that appear in the argument.
          for (String dir : new String[] {"", " ASC", " DESC"}) {
            if (item.equalsIgnoreCase(rawParts.get(0) + dir)) {
              item = parts.get(0) + dir;
            }
          }
        }
        items.add(item);
      }
      out.append(" ORDER BY ").append(String.join(", ", items));
    }
    return out.append(")").toString();
  }

  private String dateAdd(Call c, boolean subtract) throws GatewayException {
    c.expect(2);
    int from = c.from(1);
    int to = c.to(1);
    String interval;
    String unit = "DAY";
    if (s.isWord(from, "INTERVAL")) {
      int unitIndex = renderer.intervalUnit(from + 1, to);
      if (unitIndex < 0) {
        throw s.syntaxErrorAt(from);
      }
      unit = s.keyword(unitIndex);
      interval = renderer.interval(from + 1, unitIndex);
    } else {
      interval = "(" + c.arg(1) + ") * INTERVAL '1 day'";
    }
    if (subtract) {
      interval = "-(" + interval + ")";
    }
    return PgRenderer.dateAdd(unit) + "(" + c.arg(0) + ", " + interval + ")";
  }

  private String unitName(Call c, int k) throws GatewayException {
    String unit = s.keyword(c.from(k));
    if (unit.startsWith("SQL_TSI_")) {
      unit = unit.substring(8);
    }
    if (!MySqlKeywords.INTERVAL_UNITS.contains(unit) || unit.contains("_")) {
      throw s.syntaxErrorAt(c.from(k));
    }
    return unit;
  }

  /** String literal arguments are cast so PostgreSQL can pick the date/time function variant. */
  private String dateArg(Call c, int k) throws GatewayException {
    String a = c.arg(k);
    if (c.to(k) - c.from(k) == 1 && s.get(c.from(k)).kind() == Kind.STRING) {
      return "CAST(" + a + " AS timestamp)";
    }
    return a;
  }

  private String jsonPath(Call c, int k) throws GatewayException {
    if (c.to(k) - c.from(k) == 1 && s.get(c.from(k)).kind() == Kind.STRING) {
      return PgText.literal(JsonPaths.toPgPath(s.get(c.from(k)).value()));
    }
    return "CAST(" + c.arg(k) + " AS text[])";
  }

  private String field(Call c) throws GatewayException {
    List<String> list = new ArrayList<>();
    for (int k = 1; k < c.count(); k++) {
      list.add("CAST(" + c.arg(k) + " AS text)");
    }
    return "coalesce(array_position(ARRAY[" + String.join(", ", list) + "], CAST(" + c.arg(0) + " AS text)), 0)";
  }

  private String elt(Call c) throws GatewayException {
    List<String> list = new ArrayList<>();
    for (int k = 1; k < c.count(); k++) {
      list.add("CAST(" + c.arg(k) + " AS text)");
    }
    return "(ARRAY[" + String.join(", ", list) + "])[" + c.arg(0) + "]";
  }

  private String cast(int from, int close) throws GatewayException {
    int as = s.findWord(from, close, "AS");
    if (as < 0) {
      throw s.syntaxErrorAt(close);
    }
    if (s.isWord(as + 1, "UNSIGNED")) {
      return "wg_mysql.to_unsigned(" + renderer.render(from, as) + ")";
    }
    return "CAST(" + renderer.render(from, as) + " AS " + castType(as + 1, close) + ")";
  }

  private String convert(int from, int close, Call c) throws GatewayException {
    int using = s.findWord(from, close, "USING");
    if (using > 0) {
      return "(" + renderer.render(from, using) + ")";
    }
    c.expect(2);
    if (s.isWord(c.from(1), "UNSIGNED")) {
      return "wg_mysql.to_unsigned(" + c.arg(0) + ")";
    }
    return "CAST(" + c.arg(0) + " AS " + castType(c.from(1), c.to(1)) + ")";
  }

  /** A MySQL CAST target type as a PostgreSQL type. */
  String castType(int from, int to) throws GatewayException {
    String kw = s.keyword(from);
    List<String> numbers = new ArrayList<>();
    int open = -1;
    for (int k = from; k < to; k++) {
      if (s.isSymbol(k, "(")) {
        open = k;
      }
      if (open >= 0 && s.get(k).kind() == Kind.NUMBER) {
        numbers.add(s.get(k).text());
      }
    }
    return switch (kw) {
      case "SIGNED", "UNSIGNED", "INTEGER", "INT", "BIGINT" -> "bigint";
      case "CHAR", "NCHAR", "VARCHAR", "CHARACTER" -> numbers.isEmpty() ? "text" : "varchar(" + numbers.get(0) + ")";
      case "DATE" -> "date";
      case "DATETIME", "TIMESTAMP" -> "timestamp(" + (numbers.isEmpty() ? "0" : numbers.get(0)) + ")";
      case "TIME" -> "time(" + (numbers.isEmpty() ? "0" : numbers.get(0)) + ")";
      case "DECIMAL", "NUMERIC", "DEC" -> numbers.isEmpty() ? "numeric(10,0)"
          : "numeric(" + numbers.get(0) + "," + (numbers.size() > 1 ? numbers.get(1) : "0") + ")";
      case "FLOAT" -> "real";
      case "DOUBLE", "REAL" -> "double precision";
      case "BINARY", "VARBINARY", "BLOB" -> "bytea";
      case "JSON" -> "jsonb";
      case "YEAR" -> "smallint";
      default -> renderer.render(from, to);
    };
  }

  private static boolean hasTimeSpecifier(String format) {
    for (int i = 0; i + 1 < format.length(); i++) {
      if (format.charAt(i) == '%') {
        if (TIME_SPECIFIERS.contains(String.valueOf(format.charAt(i + 1)))) {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  /** The arguments of one call. */
  private final class Call {
    final int nameIndex;
    final List<int[]> args;

    Call(int nameIndex, int close) {
      this.nameIndex = nameIndex;
      this.args = close < 0 ? List.of() : s.splitCommas(nameIndex + 2, close);
    }

    int count() {
      return args.size();
    }

    int from(int k) throws GatewayException {
      check(k);
      return args.get(k)[0];
    }

    int to(int k) throws GatewayException {
      check(k);
      return args.get(k)[1];
    }

    String arg(int k) throws GatewayException {
      check(k);
      return renderer.render(args.get(k)[0], args.get(k)[1]);
    }

    String joined() throws GatewayException {
      List<String> out = new ArrayList<>();
      for (int k = 0; k < args.size(); k++) {
        out.add(arg(k));
      }
      return String.join(", ", out);
    }

    void expect(int n) throws GatewayException {
      if (args.size() != n) {
        throw MySqlSyntaxErrors.error("42883", "Incorrect parameter count in the call to native function '"
            + s.get(nameIndex).text() + "'");
      }
    }

    private void check(int k) throws GatewayException {
      if (k >= args.size() || args.get(k)[0] >= args.get(k)[1]) {
        throw MySqlSyntaxErrors.error("42883", "Incorrect parameter count in the call to native function '"
            + s.get(nameIndex).text() + "'");
      }
    }
  }
}
