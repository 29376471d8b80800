package wiregate.mysql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlDialect;
import wiregate.core.mysql.MySqlSessionVariables;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.VariableAssignment.Scope;
import wiregate.mysql.codec.Collations;

/** The session's part of system variables: live values it owns, and the character sets it derives. */
class MySqlSessionVariablesTest {
  private final MapVariables variables = new MapVariables();
  private final MySqlDialect dialect = new VariablesOnlyDialect(variables);

  @Test
  void theHandshakeCollationSetsTheConnectionCharacterSets() {
    MySqlSession session = new MySqlSession(null, dialect, null, 7, "u", Collations.LATIN1_SWEDISH_CI);
    assertEquals("latin1", variables.values.get("character_set_client"));
    assertEquals("latin1", variables.values.get("character_set_results"));
    assertEquals("latin1_swedish_ci", variables.values.get("collation_connection"));
    assertEquals("windows-1252", session.clientCharset().name());
    assertEquals("windows-1252", session.charset().name());
    assertEquals(Collations.LATIN1_SWEDISH_CI, session.collation());
  }

  @Test
  void resultsFollowCharacterSetResults() throws GatewayException {
    MySqlSession session = new MySqlSession(null, dialect, null, 7, "u", Collations.UTF8MB4_GENERAL_CI);
    assertEquals(Collations.UTF8MB4_GENERAL_CI, session.collation());
    variables.set(Scope.SESSION, "collation_connection", "utf8mb4_unicode_ci");
    session.characterSetsChanged();
    assertEquals(Collations.UTF8MB4_UNICODE_CI, session.collation(), "SET NAMES ... COLLATE labels text results");

    variables.set(Scope.SESSION, "character_set_results", "latin1");
    session.characterSetsChanged();
    assertEquals("windows-1252", session.charset().name());
    assertEquals(Collations.LATIN1_SWEDISH_CI, session.collation());
    assertEquals(StandardCharsets.UTF_8, session.clientCharset(), "the client still writes utf8mb4");
    assertEquals(RawBytesUtf8.INSTANCE, session.statementCharset(), "statements keep raw bytes");

    variables.set(Scope.SESSION, "character_set_results", null);
    session.characterSetsChanged();
    assertEquals(StandardCharsets.UTF_8, session.charset(), "NULL: unconverted, as the engine stores text");
    assertEquals(Collations.UTF8MB4_UNICODE_CI, session.collation());
  }

  @Test
  void liveValuesAreTheSessionsOwn() {
    MySqlSession session = new MySqlSession(null, dialect, null, 7, "u", Collations.UTF8MB4_0900_AI_CI);
    MySqlSessionVariables.LiveValues live = variables.live;
    assertEquals(7, live.connectionId());
    session.lastInsertId(12);
    session.autocommit(false);
    session.warnings(List.of(new Warning("Warning", 1365, "Division by 0"), new Warning("Error", 1146, "x")));
    assertEquals(12, live.lastInsertId());
    assertEquals(false, live.autocommit());
    assertEquals(2, live.warningCount());
    assertEquals(1, live.errorCount());
    session.resetState();
    assertEquals(0, live.lastInsertId());
    assertEquals(true, live.autocommit());
    assertEquals(0, live.warningCount());
  }

  /** Variables as a plain map (null values are NULL), remembering the live values they were given. */
  private static final class MapVariables implements MySqlSessionVariables {
    final Map<String, String> values = new HashMap<>();
    LiveValues live;

    @Override
    public Optional<String> get(Scope scope, String name) {
      return Optional.ofNullable(values.get(name));
    }

    @Override
    public Assigned set(Scope scope, String name, String value) {
      values.put(name, value);
      return new Assigned(value, Optional.empty());
    }

    @Override
    public Assigned setDefault(Scope scope, String name) {
      values.remove(name);
      return new Assigned(null, Optional.empty());
    }

    @Override
    public List<String> initialEngineStatements() {
      return List.of();
    }

    @Override
    public void reset() {
      values.clear();
    }
  }

  private record VariablesOnlyDialect(MapVariables variables) implements MySqlDialect {
    @Override
    public List<String> split(String text) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<MySqlStatement> translate(String text, MySqlContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MySqlStatement prepare(String text, MySqlContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> engineSetup() {
      return List.of();
    }

    @Override
    public MySqlSessionVariables newSessionVariables(MySqlSessionVariables.LiveValues live) {
      variables.live = live;
      return variables;
    }

    @Override
    public void invalidateCaches() {}
  }
}
