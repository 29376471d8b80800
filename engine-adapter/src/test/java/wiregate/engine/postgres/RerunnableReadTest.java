package wiregate.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wiregate.core.config.EngineConfig;
import wiregate.core.engine.EnginePortal;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.model.TransactionStatus;

/**
 * Rerunnable reads are tried without a transaction block, on a real embedded PostgreSQL. What goes to
 * the engine is read from pgjdbc's own protocol log ({@link SentToEngine}).
 */
class RerunnableReadTest extends OnEmbeddedEngine {
  private EngineSession session;

  @BeforeEach
  void open() throws GatewayException {
    session = engine.openSession(new SessionRequest("postgres", "tester", Map.of()));
    run(new Statement("CREATE OR REPLACE FUNCTION pg_temp.noisy(i int) RETURNS int LANGUAGE plpgsql AS "
        + "$$ BEGIN RAISE NOTICE 'row %', i; RETURN i; END $$", StatementKind.OTHER, 0, 0));
  }

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void aSmallRerunnableReadRunsWithoutABlock() throws GatewayException {
    try (SentToEngine sent = new SentToEngine()) {
      assertEquals(List.of("1"), run(read("SELECT 1", true)).values);
      assertEquals(1, sent.roundTrips(), "no BEGIN, no COMMIT");
      assertEquals(List.of("2"), run(read("SELECT 2", false)).values);
      assertEquals(3, sent.roundTrips(), "other reads keep the block: BEGIN with the statement, then COMMIT");
    }
    assertEquals(TransactionStatus.IDLE, session.transactionStatus());
  }

  @Test
  void aPreparedRerunnableReadRunsWithoutABlock() throws GatewayException {
    PreparedQuery query = session.prepare(read("SELECT $1::int", true), new int[0]);
    try (SentToEngine sent = new SentToEngine()) {
      RecordingSink rows = new RecordingSink();
      EnginePortal portal = session.bind(query, List.of(new wiregate.core.engine.ParameterValue(
          "7".getBytes(StandardCharsets.UTF_8), false)), new boolean[1]);
      portal.run(rows, 0);
      portal.close();
      session.endImplicitBlock(true);
      assertEquals(List.of("7"), rows.values);
      assertEquals(List.of("SELECT 1"), rows.tags);
      assertEquals(1, sent.roundTrips());
    }
  }

  @Test
  void aResultLargerThanABatchRunsAgainInABlockOnceAndThenDirectly() throws GatewayException {
    for (int rowCount : new int[] {BATCH, BATCH + 5, 3 * BATCH}) {
      String sql = "SELECT g FROM generate_series(1, " + rowCount + ") g";
      for (int attempt = 0; attempt < 2; attempt++) {
        try (SentToEngine sent = new SentToEngine()) {
          RecordingSink rows = run(read(sql, true));
          assertEquals(rowCount, rows.values.size(), sql);
          for (int i = 0; i < rowCount; i++) {
            assertEquals(String.valueOf(i + 1), rows.values.get(i), "rows once each, in order");
          }
          assertEquals(List.of("SELECT " + rowCount), rows.tags);
          assertEquals(attempt == 0 ? 2 : 1, sent.parsesOf(sql), "tried without a block the first time only");
        }
        assertEquals(TransactionStatus.IDLE, session.transactionStatus());
      }
    }
  }

  @Test
  void inTransactionPoolModeTheEngineConnectionRemembersALargeResult() throws GatewayException {
    EngineConfig config = new EngineConfig();
    config.fetchSize = BATCH;
    config.poolMode = EngineConfig.PoolMode.TRANSACTION;
    config.pool.size = 1; // every lease gets the same engine connection
    PostgresEngine pooled = postgres.engine(config, "test-txpool");
    String sql = "SELECT g FROM generate_series(1, 25) g";
    try {
      for (int attempt = 0; attempt < 2; attempt++) {
        EngineSession leased = pooled.openSession(new SessionRequest("postgres", "tester", Map.of()));
        try (SentToEngine sent = new SentToEngine()) {
          RecordingSink rows = new RecordingSink();
          leased.execute(read(sql, true), rows);
          leased.idle();
          assertEquals(25, rows.values.size());
          assertEquals(attempt == 0 ? 2 : 1, sent.parsesOf(sql), "remembered across leases and sessions");
        } finally {
          leased.close();
        }
      }
    } finally {
      pooled.close();
    }
  }

  @Test
  void noticesOfADiscardedFirstBatchAreNotRepeated() throws GatewayException {
    RecordingSink small = run(read("SELECT pg_temp.noisy(g) FROM generate_series(1, 3) g", true));
    assertEquals(3, small.notices.size());
    RecordingSink large = run(read("SELECT pg_temp.noisy(g) FROM generate_series(1, 25) g", true));
    assertEquals(25, large.values.size());
    assertEquals(25, large.notices.size(), "one notice per row of the result the client gets");
    assertEquals("row 1", large.notices.get(0));
  }

  @Test
  void anErrorLeavesTheSessionIdleAndUsable() throws GatewayException {
    GatewayException e = assertThrows(GatewayException.class, () -> run(read("SELECT 1 / 0", true)));
    assertEquals("22012", e.error().sqlState());
    assertEquals(TransactionStatus.IDLE, session.transactionStatus());
    assertEquals(List.of("1"), run(read("SELECT 1", true)).values);
  }

  @Test
  void insideATransactionTheReadJoinsIt() throws GatewayException {
    run(new Statement("BEGIN", StatementKind.TRANSACTION_CONTROL, 0, 0));
    run(new Statement("CREATE TEMP TABLE seen AS SELECT 5 AS v", StatementKind.OTHER, 0, 0));
    assertEquals(List.of("5"), run(read("SELECT v FROM seen", true)).values);
    assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
    run(new Statement("ROLLBACK", StatementKind.TRANSACTION_CONTROL, 0, 0));
  }

  private static Statement read(String sql, boolean rerunnable) {
    return new Statement(sql, StatementKind.QUERY, 0, sql.contains("$1") ? 1 : 0, rerunnable);
  }

  private RecordingSink run(Statement statement) throws GatewayException {
    RecordingSink rows = new RecordingSink();
    session.execute(statement, rows);
    return rows;
  }
}
