package wiregate.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayException;

class DateStyleGuardTest {
  @Test
  void isoStylesPass() {
    assertDoesNotThrow(() -> DateStyleGuard.checkStatement("SET datestyle TO 'ISO'"));
    assertDoesNotThrow(() -> DateStyleGuard.checkStatement("set DateStyle = 'ISO, DMY'"));
    assertDoesNotThrow(() -> DateStyleGuard.checkStatement("SET SESSION datestyle TO DEFAULT"));
    assertDoesNotThrow(() -> DateStyleGuard.checkStatement("select 'set datestyle to german'"));
    assertDoesNotThrow(() -> DateStyleGuard.checkStatement("SET search_path TO public"));
  }

  @Test
  void otherStylesAreRefusedWithAnError() {
    GatewayException e = assertThrows(GatewayException.class,
        () -> DateStyleGuard.checkStatement("SET LOCAL DateStyle TO German"));
    assertEquals("0A000", e.error().sqlState());
    assertThrows(GatewayException.class, () -> DateStyleGuard.checkValue("SQL, DMY"));
  }
}
