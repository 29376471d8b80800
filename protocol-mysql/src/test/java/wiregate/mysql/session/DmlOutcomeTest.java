package wiregate.mysql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;
import wiregate.mysql.errors.MySqlErrorMap;

class DmlOutcomeTest {
  private final Warnings warnings = new Warnings(MySqlErrorMap.standard(), "testdb");

  private static byte[][] row(String... values) {
    byte[][] out = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  @Test
  void generatedKeysSetLastInsertIdExplicitOnesOnlyTheOkPacket() {
    InsertOutcomeSink generated = new InsertOutcomeSink(DmlOutcome.RETURNING_GENERATED_KEY, false, warnings);
    generated.row(row("4"));
    generated.row(row("5"));
    assertEquals(2, generated.affectedRows());
    assertEquals(4, generated.insertId());
    assertEquals(4, generated.newLastInsertId());
    assertEquals("Records: 2  Duplicates: 0  Warnings: 0", generated.info());

    InsertOutcomeSink explicit = new InsertOutcomeSink(DmlOutcome.RETURNING_EXPLICIT_KEY, false, warnings);
    explicit.row(row("100"));
    assertEquals(100, explicit.insertId());
    assertEquals(0, explicit.newLastInsertId());
    assertNull(explicit.info());
  }

  @Test
  void upsertCountsInsertedOneChangedTwoUnchangedNone() {
    InsertOutcomeSink sink = new InsertOutcomeSink(DmlOutcome.UPSERT_RETURNING, false, warnings);
    sink.row(row("1", "f", "t"));
    sink.row(row("9", "t", "t"));
    sink.row(row(null, null, null));
    assertEquals(3, sink.affectedRows());
    assertEquals(1, sink.insertId());
    assertEquals("Records: 3  Duplicates: 1  Warnings: 0", sink.info());

    InsertOutcomeSink foundRows = new InsertOutcomeSink(DmlOutcome.UPSERT_RETURNING, true, warnings);
    foundRows.row(row(null, null, null));
    assertEquals(1, foundRows.affectedRows());
    assertEquals(0, foundRows.insertId());
  }

  @Test
  void insertIgnoreWarnsForEachSkippedRow() {
    InsertOutcomeSink sink = new InsertOutcomeSink(DmlOutcome.IGNORE_RETURNING, true, warnings);
    sink.row(row(null, null, null));
    sink.row(row("7", "t", "t"));
    assertEquals(1, sink.affectedRows());
    assertEquals(7, sink.newLastInsertId());
    assertEquals(1, warnings.size());
    assertEquals(1062, warnings.entries().get(0).code());
    assertEquals("Warning", warnings.entries().get(0).level());
    assertEquals("Records: 2  Duplicates: 1  Warnings: 1", sink.info());
  }

  @Test
  void updateReportsChangedRowsOrMatchedWithFoundRows() {
    UpdateCountsSink changed = new UpdateCountsSink(false, warnings);
    changed.row(row("2", "1"));
    assertEquals(1, changed.affectedRows());
    assertEquals("Rows matched: 2  Changed: 1  Warnings: 0", changed.info());
    UpdateCountsSink matched = new UpdateCountsSink(true, warnings);
    matched.row(row("2", "0"));
    assertEquals(2, matched.affectedRows());
  }
}
