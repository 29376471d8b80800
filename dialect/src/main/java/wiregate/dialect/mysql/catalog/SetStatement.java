package wiregate.dialect.mysql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.VariableAssignment;
import wiregate.core.mysql.VariableAssignment.Scope;
import wiregate.dialect.mysql.catalog.Token.Type;

/**
 * {@code SET} of system and user variables, {@code SET NAMES} and {@code SET CHARACTER SET}, as one
 * {@link MySqlStatement.SetVariables}. Every system variable is checked here against the catalog
 * (unknown, read-only, wrong scope, and constant values), so that a SET either applies completely or
 * fails before anything changed, as in MySQL. A scope keyword applies to the assignments after it
 * until the next one ({@code SET GLOBAL a=1, b=2} sets both globally).
 *
 * <p>Values: literals (strings, numbers, ON/OFF and other bare words for system variables, NULL,
 * DEFAULT) become constants; anything else becomes PostgreSQL SQL through the expression translator,
 * for the session to evaluate. For user variables only string literals and NULL are constants: a
 * number's type (integer or decimal) matters to later use, so numbers go as expressions too.
 */
final class SetStatement {
  private final TokenCursor cursor;
  private final MySqlContext context;
  private final Function<String, String> expressionTranslator;
  private final SystemVariableCatalog catalog;

  private SetStatement(TokenCursor cursor, MySqlContext context, Function<String, String> expressionTranslator,
      SystemVariableCatalog catalog) {
    this.cursor = cursor;
    this.context = context;
    this.expressionTranslator = expressionTranslator;
    this.catalog = catalog;
  }

  /** With the cursor just after SET; empty for the SET forms that are not about variables. */
  static Optional<MySqlStatement> translate(TokenCursor cursor, MySqlContext context,
      Function<String, String> expressionTranslator) throws GatewayException {
    if (isOtherSetStatement(cursor)) {
      return Optional.empty();
    }
    return Optional.of(new SetStatement(cursor, context, expressionTranslator, SystemVariableCatalog.standard()).parse());
  }

  /** SET TRANSACTION, SET PASSWORD, SET ROLE, SET DEFAULT ROLE, SET RESOURCE GROUP: the translator's. */
  private static boolean isOtherSetStatement(TokenCursor cursor) {
    Token first = cursor.peek();
    Token second = cursor.peek(1);
    boolean scoped = first.isWord("GLOBAL") || first.isWord("SESSION") || first.isWord("LOCAL");
    return first.isWord("TRANSACTION") || scoped && second.isWord("TRANSACTION")
        || first.isWord("PASSWORD") && (second.isSymbol("=") || second.isWord("FOR"))
        || first.isWord("ROLE") || first.isWord("DEFAULT") && second.isWord("ROLE")
        || first.isWord("RESOURCE") && second.isWord("GROUP") || first.isWord("STATEMENT");
  }

  private MySqlStatement parse() throws GatewayException {
    List<VariableAssignment> assignments = new ArrayList<>();
    Scope scope = Scope.SESSION;
    do {
      Optional<Scope> keyword = scopeKeyword();
      if (keyword.isPresent()) {
        scope = keyword.get();
      }
      if (cursor.accept("NAMES")) {
        setNames(assignments);
      } else if (cursor.accept("CHARACTER", "SET") || cursor.accept("CHARSET")) {
        setCharacterSet(assignments);
      } else if (cursor.peek().isSymbol("@@")) {
        cursor.next();
        Scope explicit = qualifiedScope().orElse(Scope.SESSION);
        assignments.add(systemAssignment(explicit, variableName()));
      } else if (cursor.peek().isSymbol("@")) {
        cursor.next();
        assignments.add(userAssignment(userVariableName()));
      } else if (cursor.peek().isIdentifier()) {
        assignments.add(systemAssignment(scope, variableName()));
      } else {
        throw cursor.syntaxError();
      }
    } while (cursor.acceptSymbol(","));
    cursor.expectEnd();
    return new MySqlStatement.SetVariables(cursor.text(), assignments);
  }

  private Optional<Scope> scopeKeyword() {
    if (cursor.accept("GLOBAL")) {
      return Optional.of(Scope.GLOBAL);
    }
    if (cursor.accept("SESSION") || cursor.accept("LOCAL")) {
      return Optional.of(Scope.SESSION);
    }
    if (cursor.accept("PERSIST") || cursor.accept("PERSIST_ONLY")) {
      return Optional.of(Scope.PERSIST);
    }
    return Optional.empty();
  }

  /** After {@code @@}: an optional {@code global.} / {@code session.} / ... qualifier. */
  private Optional<Scope> qualifiedScope() {
    if (cursor.peek(1).isSymbol(".")) {
      String word = cursor.peek().value().toLowerCase(Locale.ROOT);
      Scope scope = switch (word) {
        case "global" -> Scope.GLOBAL;
        case "session", "local" -> Scope.SESSION;
        case "persist", "persist_only" -> Scope.PERSIST;
        default -> null;
      };
      if (scope != null) {
        cursor.next();
        cursor.next();
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }

  private String variableName() throws GatewayException {
    Token token = cursor.peek();
    if (!token.isIdentifier()) {
      throw cursor.syntaxError();
    }
    cursor.next();
    return token.value().toLowerCase(Locale.ROOT);
  }

  /** User variable names are case-insensitive in MySQL; @'quoted' and @`quoted` forms too. */
  private String userVariableName() throws GatewayException {
    Token token = cursor.peek();
    if (!token.isIdentifier() && token.type() != Type.STRING) {
      throw cursor.syntaxError();
    }
    cursor.next();
    return token.value().toLowerCase(Locale.ROOT);
  }

  private void expectAssignmentOperator() throws GatewayException {
    if (!cursor.acceptSymbol("=") && !cursor.acceptSymbol(":=")) {
      throw cursor.syntaxError();
    }
  }

  private VariableAssignment systemAssignment(Scope scope, String name) throws GatewayException {
    expectAssignmentOperator();
    SystemVariable variable = catalog.find(name).orElseThrow(() -> MySqlErrors.unknownSystemVariable(name));
    variable.checkAssignable(scope != Scope.SESSION);
    TokenCursor.Expression value = cursor.expressionUntilComma();
    if (value.isEmpty()) {
      throw cursor.syntaxError();
    }
    List<Token> tokens = value.tokens();
    if (tokens.size() == 1 && (tokens.get(0).isWord("DEFAULT"))) {
      return new VariableAssignment(scope, name, null, null, true);
    }
    Optional<String> constant = constant(tokens, true);
    if (constant.isPresent()) {
      String text = constant.get() == NULL ? null : constant.get();
      variable.normalize(text); // fails now with MySQL's error rather than half-way through applying
      return new VariableAssignment(scope, name, text, null, false);
    }
    return new VariableAssignment(scope, name, null, expressionTranslator.apply(value.raw()), false);
  }

  private VariableAssignment userAssignment(String name) throws GatewayException {
    expectAssignmentOperator();
    TokenCursor.Expression value = cursor.expressionUntilComma();
    if (value.isEmpty()) {
      throw cursor.syntaxError();
    }
    List<Token> tokens = value.tokens();
    if (tokens.size() == 1 && (tokens.get(0).type() == Type.STRING || tokens.get(0).isWord("NULL"))) {
      return new VariableAssignment(Scope.USER, name, tokens.get(0).type() == Type.STRING ? tokens.get(0).value() : null,
          null, false);
    }
    return new VariableAssignment(Scope.USER, name, null, expressionTranslator.apply(value.raw()), false);
  }

  /** Marks a NULL constant (Optional cannot hold null). */
  private static final String NULL = new String("NULL");

  /**
   * The value of a literal expression: a string, a signed number, NULL, TRUE/FALSE, or (for system
   * variables, where MySQL reads bare words as strings: {@code SET autocommit=ON}) a bare word.
   */
  private static Optional<String> constant(List<Token> tokens, boolean bareWords) {
    if (tokens.size() == 2 && (tokens.get(0).isSymbol("-") || tokens.get(0).isSymbol("+"))
        && tokens.get(1).type() == Type.NUMBER) {
      return Optional.of((tokens.get(0).isSymbol("-") ? "-" : "") + tokens.get(1).value());
    }
    if (tokens.size() != 1) {
      return Optional.empty();
    }
    Token token = tokens.get(0);
    return switch (token.type()) {
      case STRING, NUMBER -> Optional.of(token.value());
      case WORD -> {
        if (token.isWord("NULL")) {
          yield Optional.of(NULL);
        }
        if (token.isWord("TRUE")) {
          yield Optional.of("1");
        }
        if (token.isWord("FALSE")) {
          yield Optional.of("0");
        }
        yield bareWords ? Optional.of(token.value()) : Optional.empty();
      }
      case QUOTED_IDENTIFIER -> bareWords ? Optional.of(token.value()) : Optional.empty();
      default -> Optional.empty();
    };
  }

  /**
   * SET NAMES cs [COLLATE co] | DEFAULT: character_set_client, _connection and _results, and
   * collation_connection (the character set's default unless named), as MySQL does.
   */
  private void setNames(List<VariableAssignment> out) throws GatewayException {
    String charset;
    if (cursor.accept("DEFAULT")) {
      charset = "utf8mb4";
    } else {
      charset = charsetName();
    }
    String collation = CharacterSets.characterSet(charset).orElseThrow().defaultCollation();
    if (cursor.accept("COLLATE")) {
      if (!cursor.accept("DEFAULT")) {
        String named = nameOrString();
        CharacterSets.Collation found = CharacterSets.collation(named)
            .orElseThrow(() -> MySqlErrors.unknownCollation(named));
        if (!found.charset().equals(charset)) {
          throw MySqlErrors.collationNotForCharset(named, charset);
        }
        collation = found.name();
      }
    } else if (charset.equals("utf8mb4")) {
      // MySQL 8.0 takes utf8mb4's collation from default_collation_for_utf8mb4.
      collation = context.systemVariable(Scope.SESSION, "default_collation_for_utf8mb4").orElse(collation);
    }
    out.add(constantAssignment("character_set_client", charset));
    out.add(constantAssignment("character_set_connection", charset));
    out.add(constantAssignment("character_set_results", charset));
    out.add(constantAssignment("collation_connection", collation));
  }

  /**
   * SET CHARACTER SET cs | DEFAULT: client and results take cs; the connection character set and
   * collation go back to the database's, as MySQL does.
   */
  private void setCharacterSet(List<VariableAssignment> out) throws GatewayException {
    String charset = cursor.accept("DEFAULT") ? "utf8mb4" : charsetName();
    String databaseCharset = context.systemVariable(Scope.SESSION, "character_set_database").orElse("utf8mb4");
    String databaseCollation = context.systemVariable(Scope.SESSION, "collation_database").orElse("utf8mb4_0900_ai_ci");
    out.add(constantAssignment("character_set_client", charset));
    out.add(constantAssignment("character_set_results", charset));
    out.add(constantAssignment("character_set_connection", databaseCharset));
    out.add(constantAssignment("collation_connection", databaseCollation));
  }

  private String charsetName() throws GatewayException {
    String name = nameOrString();
    return CharacterSets.characterSet(name).map(CharacterSets.CharacterSet::name)
        .orElseThrow(() -> MySqlErrors.unknownCharacterSet(name));
  }

  private String nameOrString() throws GatewayException {
    Token token = cursor.peek();
    if (token.isIdentifier() || token.type() == Type.STRING) {
      cursor.next();
      return token.value();
    }
    throw cursor.syntaxError();
  }

  private static VariableAssignment constantAssignment(String name, String value) {
    return new VariableAssignment(Scope.SESSION, name, value, null, false);
  }
}
