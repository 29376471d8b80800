package wiregate.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement;

class KillStatementTest {
  private final FakeContext context = new FakeContext();

  private MySqlStatement.Kill kill(String mysql) throws GatewayException {
    List<SourceStatement> statements = SourceStatement.split(mysql, MySqlLexer.lex(mysql));
    assertEquals(1, statements.size());
    return KillStatement.parse(statements.get(0), new SessionValues(context));
  }

  @Test
  void killTakesTheConnectionOrOnlyItsQuery() throws Exception {
    assertEquals(new MySqlStatement.Kill("KILL 42", "42", false), kill("KILL 42"));
    assertEquals(new MySqlStatement.Kill("kill connection 42", "42", false), kill("kill connection 42"));
    assertEquals(new MySqlStatement.Kill("KILL QUERY 7", "7", true), kill("KILL QUERY 7"));
  }

  @Test
  void theIdMayBeAnExpression() throws Exception {
    assertEquals("40 + 2", kill("KILL QUERY 40 + 2").connectionId());
  }

  @Test
  void killWithoutAnIdIsASyntaxError() {
    GatewayException e = assertThrows(GatewayException.class, () -> kill("KILL QUERY"));
    assertEquals("42601", e.error().sqlState());
  }
}
