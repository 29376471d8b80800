package wiregate.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.model.TransactionStatus;

/**
 * {@link EngineSession#atomically} (MySQL's statement atomicity inside a transaction) on a real
 * embedded PostgreSQL: a failed statement is undone alone, in one round trip per statement.
 */
class StatementAtomicityTest extends OnEmbeddedEngine {
  private EngineSession session;

  @BeforeEach
  void begin() throws GatewayException {
    session = engine.openSession(new SessionRequest("postgres", "tester", Map.of()));
    run("CREATE TEMP TABLE t (id int PRIMARY KEY)", StatementKind.OTHER);
    run("BEGIN", StatementKind.TRANSACTION_CONTROL);
    run("INSERT INTO t VALUES (1)", StatementKind.OTHER);
  }

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void aStatementTakesOneRoundTripWithItsSavepoint() throws GatewayException {
    try (SentToEngine sent = new SentToEngine()) {
      session.atomically(() -> run("INSERT INTO t VALUES (2)", StatementKind.OTHER));
      session.atomically(() -> run("SELECT id FROM t ORDER BY id", StatementKind.QUERY));
      assertEquals(2, sent.roundTrips(), "SAVEPOINT goes with the statement, RELEASE after it unanswered");
    }
    assertEquals(List.of("1", "2"), run("SELECT id FROM t ORDER BY id", StatementKind.QUERY).values);
  }

  @Test
  void aFailedStatementIsUndoneAloneAndLeavesNoSavepoint() throws GatewayException {
    GatewayException e = assertThrows(GatewayException.class,
        () -> session.atomically(() -> run("INSERT INTO t VALUES (3), (1)", StatementKind.OTHER)));
    assertEquals("23505", e.error().sqlState());
    assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
    assertEquals(List.of("1"), run("SELECT id FROM t ORDER BY id", StatementKind.QUERY).values);
    GatewayException none = assertThrows(GatewayException.class,
        () -> run("RELEASE SAVEPOINT PGJDBC_AUTOSAVE", StatementKind.TRANSACTION_CONTROL));
    assertEquals("3B001", none.error().sqlState(), "the savepoint pgjdbc rolled back to is released too");
  }

  @Test
  void aResultFailingAfterItsFirstBatchIsUndoneAlone() throws GatewayException {
    run("INSERT INTO t SELECT g FROM generate_series(2, 30) g", StatementKind.OTHER);
    // From id 16 on the subquery returns two rows: the error comes in the second batch.
    RecordingSink rows = new RecordingSink();
    GatewayException e = assertThrows(GatewayException.class, () -> session.atomically(() -> session.execute(
        statement("SELECT (SELECT x.id FROM t x WHERE x.id <= t.id - 14) FROM t ORDER BY id", StatementKind.QUERY),
        rows)));
    assertEquals("21000", e.error().sqlState());
    assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
    assertEquals(List.of("30"), run("SELECT count(*) FROM t", StatementKind.QUERY).values);
    session.atomically(() -> run("INSERT INTO t VALUES (31)", StatementKind.OTHER));
    GatewayException none = assertThrows(GatewayException.class,
        () -> run("RELEASE SAVEPOINT \"wg$stream\"", StatementKind.TRANSACTION_CONTROL));
    assertEquals("3B001", none.error().sqlState(), "no savepoint of the failed statement is left");
  }

  @Test
  void outsideItAFailureAbortsTheTransactionAsInPostgresql() throws GatewayException {
    session.atomically(() -> run("INSERT INTO t VALUES (2)", StatementKind.OTHER));
    assertThrows(GatewayException.class, () -> run("INSERT INTO t VALUES (1)", StatementKind.OTHER));
    assertEquals(TransactionStatus.FAILED, session.transactionStatus());
  }

  private static Statement statement(String sql, StatementKind kind) {
    return new Statement(sql, kind, 0, 0);
  }

  private RecordingSink run(String sql, StatementKind kind) throws GatewayException {
    RecordingSink rows = new RecordingSink();
    session.execute(statement(sql, kind), rows);
    return rows;
  }
}
