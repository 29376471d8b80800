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
    warnings.notice(GatewayError.of("NOTICE", "42P07", "relation \"t\" already exists, skipping"));
    warnings.notice(GatewayError.of("NOTICE", "42P06", "schema \"d\" already exists, skipping"));
    warnings.notice(GatewayError.of("NOTICE", "00000", "schema \"d\" does not exist, skipping"));
    warnings.notice(GatewayError.of("NOTICE", "00000", "view \"v\" does not exist, skipping"));
    assertEquals(List.of(new Warning("Warning", 1365, "Division by 0"),
        new Warning("Note", 1051, "Unknown table 'testdb.x'"),
        new Warning("Note", 1050, "Table 't' already exists"),
        new Warning("Note", 1007, "Can't create database 'd'; database exists"),
        new Warning("Note", 1008, "Can't drop database 'd'; database doesn't exist"),
        new Warning("Note", 1105, "view \"v\" does not exist, skipping")), warnings.entries());
    assertEquals(6, warnings.size());
  }
}
