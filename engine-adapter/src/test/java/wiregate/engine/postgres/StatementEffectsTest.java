package wiregate.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wiregate.engine.postgres.StatementEffects.Pin;

class StatementEffectsTest {
  @Test
  void ordinaryStatementsHaveNoEffect() {
    for (String sql : new String[] {"SELECT 1", "insert into temp_readings values (1)",
        "UPDATE t SET x = 1", "select pg_advisory_xact_lock(1)", "SET LOCAL work_mem = '8MB'",
        "CLOSE c", "UNLISTEN one", "DECLARE c CURSOR FOR SELECT 1", "PREPARE TRANSACTION 'x'"}) {
      assertSame(StatementEffects.NONE, StatementEffects.of(sql), sql);
    }
  }

  @Test
  void settingsChangesAreNoticed() {
    assertTrue(StatementEffects.of("SET search_path = a").mayChangeSettings());
    assertTrue(StatementEffects.of("/* c */ -- x\n  reset work_mem").mayChangeSettings());
    assertTrue(StatementEffects.of("select set_config('a.b', '1', false)").mayChangeSettings());
    assertTrue(StatementEffects.of("DISCARD ALL").mayChangeSettings());
  }

  @Test
  void sessionStateThatCannotMovePins() {
    assertEquals(Set.of(Pin.TEMPORARY_OBJECTS), StatementEffects.of("CREATE TEMP TABLE t (x int)").pins());
    assertEquals(Set.of(Pin.TEMPORARY_OBJECTS),
        StatementEffects.of("create global temporary table t (x int)").pins());
    assertEquals(Set.of(Pin.TEMPORARY_OBJECTS), StatementEffects.of("SELECT 1 AS x INTO TEMP t").pins());
    assertEquals(Set.of(Pin.LISTEN), StatementEffects.of("LISTEN ch").pins());
    assertEquals(Set.of(Pin.ADVISORY_LOCK), StatementEffects.of("SELECT pg_advisory_lock(42)").pins());
    assertEquals(Set.of(Pin.ADVISORY_LOCK), StatementEffects.of("select pg_try_advisory_lock_shared (1, 2)").pins());
    assertEquals(Set.of(Pin.HOLD_CURSOR), StatementEffects.of("DECLARE c CURSOR WITH HOLD FOR SELECT 1").pins());
    assertEquals(Set.of(Pin.SQL_PREPARED_STATEMENT), StatementEffects.of("PREPARE p AS SELECT 1").pins());
    assertEquals(Set.of(Pin.SESSION_AUTHORIZATION),
        StatementEffects.of("SET SESSION AUTHORIZATION wgtest").pins());
  }

  @Test
  void onlyStatementsThatSurelyUndoAPinDropIt() {
    assertEquals(Set.of(Pin.LISTEN), StatementEffects.of("UNLISTEN *").unpins());
    assertEquals(Set.of(Pin.ADVISORY_LOCK), StatementEffects.of("SELECT pg_advisory_unlock_all()").unpins());
    assertEquals(Set.of(Pin.HOLD_CURSOR), StatementEffects.of("CLOSE ALL").unpins());
    assertEquals(Set.of(Pin.SQL_PREPARED_STATEMENT), StatementEffects.of("DEALLOCATE ALL").unpins());
    assertEquals(Set.of(Pin.TEMPORARY_OBJECTS), StatementEffects.of("DISCARD TEMP").unpins());
    assertEquals(EnumSet.allOf(Pin.class), StatementEffects.of("discard all").unpins());
    assertFalse(StatementEffects.of("SELECT pg_advisory_unlock(42)").unpins().contains(Pin.ADVISORY_LOCK));
  }

  @Test
  void settingLiteralsAreQuotedWhateverTheyContain() {
    assertEquals("$wg$it's$wg$", SessionSettings.literal("it's"));
    assertEquals("$wg0$a$wg$b$wg0$", SessionSettings.literal("a$wg$b"));
    assertEquals("$wg0$x$wg$wg0$", SessionSettings.literal("x$wg"));
  }
}
