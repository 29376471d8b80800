package wiregate.mysql.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import wiregate.core.model.Column;
import wiregate.core.mysql.MySqlStatement.SelectItem;
import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.codec.ColumnFlags;
import wiregate.mysql.codec.ColumnType;

/** Computed result columns described as MySQL describes them (compared with MariaDB's). */
class ComputedColumnsTest {
  private static ColumnDefinition41 computed(int typeOid, SelectItem item) {
    ResultColumn base = ColumnMapper.map(new Column("c", 0, (short) 0, typeOid, (short) -1, -1),
        Collations.UTF8MB4_0900_AI_CI);
    return MySqlTypeRefinement.computed(base, item).definition();
  }

  @Test
  void anIntegerLiteralIsNotNullWithItsDigitsAsLength() {
    ColumnDefinition41 d = computed(23, new SelectItem(null, true, 1, 0)); // SELECT 1
    assertEquals(ColumnType.LONG, d.type());
    assertEquals(1, d.columnLength());
    assertEquals(ColumnFlags.NOT_NULL, d.flags() & ColumnFlags.NOT_NULL);
    assertEquals(0, d.decimals());
  }

  @Test
  void aDecimalLiteralHasItsScale() {
    ColumnDefinition41 d = computed(1700, new SelectItem(null, true, 4, 1)); // SELECT 1.5
    assertEquals(ColumnType.NEWDECIMAL, d.type());
    assertEquals(4, d.columnLength());
    assertEquals(1, d.decimals());
  }

  @Test
  void aStringLiteralIsAVarcharOfItsLength() {
    ColumnDefinition41 d = computed(25, new SelectItem(null, true, 3, -1)); // SELECT 'abc'
    assertEquals(ColumnType.VAR_STRING, d.type());
    assertEquals(12, d.columnLength());
    assertEquals(ColumnFlags.NOT_NULL, d.flags());
  }

  @Test
  void aNotNullExpressionKeepsItsTypeAndLength() {
    ColumnDefinition41 d = computed(1114, new SelectItem(null, true, -1, -1)); // NOW()
    assertEquals(ColumnType.DATETIME, d.type());
    assertEquals(19, d.columnLength());
    assertEquals(ColumnFlags.NOT_NULL | ColumnFlags.BINARY, d.flags());
  }

  @Test
  void anUnknownItemIsLeftAsTheEngineDescribesIt() {
    ResultColumn base = ColumnMapper.map(new Column("c", 0, (short) 0, 23, (short) 4, -1), Collations.BINARY);
    assertSame(base, MySqlTypeRefinement.computed(base, SelectItem.UNKNOWN));
    assertSame(base, MySqlTypeRefinement.computed(base, null));
  }
}
