package wiregate.mysql.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementShapeTest {
  @Test
  void insertTargetsWithAndWithoutColumnLists() {
    assertEquals(new StatementShape.Target(null, "t", List.of("id", "Odd Name")),
        StatementShape.of("INSERT INTO t (id, \"Odd Name\") VALUES (1, 2)").target());
    assertEquals(new StatementShape.Target("shop", "t", List.of()),
        StatementShape.of("INSERT INTO \"shop\".t VALUES (1, 2) RETURNING id").target());
    assertEquals(new StatementShape.Target(null, "t", List.of()),
        StatementShape.of("INSERT INTO t (SELECT * FROM u)").target());
    assertEquals(new StatementShape.Target(null, "t", List.of("a", "b")),
        StatementShape.of("UPDATE t AS wg_target SET a = f(1, 2), b = 'x, y = 1' WHERE c = 1").target());
    assertNull(StatementShape.of("SELECT 1").target());
  }

  @Test
  void cellsOfValuesRowsAndAssignments() {
    String insert = "INSERT INTO t (a, b) VALUES (1, 'x'), (2, f('(', 3)) ON CONFLICT DO NOTHING";
    assertEquals(new StatementShape.Cell(1, "b"), StatementShape.of(insert).cellAt(insert.indexOf("'x'"), List.of("a", "b")));
    assertEquals(new StatementShape.Cell(2, "b"), StatementShape.of(insert).cellAt(insert.indexOf("3"), List.of("a", "b")));
    assertNull(StatementShape.of(insert).cellAt(insert.indexOf("NOTHING"), List.of("a", "b")));
    String update = "UPDATE t SET a = 1, b = 'abc' WHERE a = 'zz'";
    assertEquals(new StatementShape.Cell(1, "b"), StatementShape.of(update).cellAt(update.indexOf("'abc'"), List.of()));
    assertNull(StatementShape.of(update).cellAt(update.indexOf("'zz'"), List.of()));
  }

  @Test
  void theWritingStatementOfTheDialectsCountingCte() {
    String update = "WITH wg_changed AS (UPDATE s.t SET a = 1, b = 'abc' WHERE (a = 2) AND ROW(a, b)::text IS DISTINCT"
        + " FROM ROW(1, 'abc')::text RETURNING 1) SELECT (SELECT count(*) FROM s.t WHERE a = 2) AS matched";
    StatementShape shape = StatementShape.of(update);
    assertEquals(new StatementShape.Target("s", "t", List.of("a", "b")), shape.target());
    assertEquals(new StatementShape.Cell(1, "b"), shape.cellAt(update.indexOf("'abc'"), List.of()));
    assertEquals("where clause", shape.clauseAt(update.indexOf("a = 2")));
    String upsert = "WITH wg_touched AS (INSERT INTO t (a, b) VALUES (1, 'x') ON CONFLICT (a) DO UPDATE SET b = 'y'"
        + " RETURNING a) SELECT * FROM wg_touched UNION ALL SELECT NULL";
    assertEquals(new StatementShape.Cell(1, "b"),
        StatementShape.of(upsert).cellAt(upsert.indexOf("'x'"), List.of("a", "b")));
  }

  @Test
  void clausesInMySqlsWords() {
    String sql = "SELECT a FROM t JOIN u ON t.id = u.id WHERE (b = 1) GROUP BY c HAVING d > 1 ORDER BY e";
    StatementShape shape = StatementShape.of(sql);
    assertEquals("field list", shape.clauseAt(sql.indexOf("a FROM")));
    assertEquals("on clause", shape.clauseAt(sql.indexOf("t.id")));
    assertEquals("where clause", shape.clauseAt(sql.indexOf("b = 1")));
    assertEquals("group statement", shape.clauseAt(sql.indexOf("c HAVING")));
    assertEquals("having clause", shape.clauseAt(sql.indexOf("d >")));
    assertEquals("order clause", shape.clauseAt(sql.indexOf("e")));
    String quoted = "SELECT 'WHERE' AS \"ORDER\", x FROM t";
    assertEquals("field list", StatementShape.of(quoted).clauseAt(quoted.indexOf("x")));
  }
}
