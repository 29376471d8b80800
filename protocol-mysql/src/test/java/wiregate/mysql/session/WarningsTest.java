package wiregate.mysql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayError;
import wiregate.mysql.errors.MySqlErrorMap;

class WarningsTest {
  @Test
  void engineNoticesGetMySqlNumbersAndLevels() {
    Warnings warnings = new Warnings(MySqlErrorMap.standard(), "testdb");
    warnings.notice(GatewayError.of("WARNING", "22012", "Division by 0"));
    warnings.notice(GatewayError.of("NOTICE", "00000", "table \"x\" does not exist, skipping"));
    assertEquals(List.of(new Warning("Warning", 1365, "Division by 0"),
        new Warning("Note", 1105, "table \"x\" does not exist, skipping")), warnings.entries());
    assertEquals(2, warnings.size());
  }
}
