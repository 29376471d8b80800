package wiregate.mysql.session;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.engine.EngineSession;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;

/**
 * Installs what translated MySQL SQL relies on (the dialect's {@code engineSetup()}: the wg_mysql
 * schema of functions, domains and catalog views) once per gateway process, before the first MySQL
 * session runs anything. The statements are idempotent; one transaction under an advisory lock keeps
 * two gateways on one engine from interleaving.
 */
public final class CompatSchemaInstaller {
  private static final Logger log = LoggerFactory.getLogger(CompatSchemaInstaller.class);
  /** An arbitrary advisory lock key that names "wiregate MySQL setup". */
  private static final long LOCK_KEY = 0x77674d7953514cL;

  private final List<String> statements;
  private volatile boolean installed;

  public CompatSchemaInstaller(List<String> statements) {
    this.statements = List.copyOf(statements);
  }

  /** Installs on the first call (using the caller's engine session); later calls return at once. */
  public void ensureInstalled(EngineSession engine) throws GatewayException {
    if (installed) {
      return;
    }
    synchronized (this) {
      if (installed) {
        return;
      }
      long started = System.nanoTime();
      StatementRunner.DiscardingSink discard = new StatementRunner.DiscardingSink();
      run(engine, "BEGIN", StatementKind.TRANSACTION_CONTROL, discard);
      try {
        run(engine, "SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")", StatementKind.OTHER, discard);
        for (String sql : statements) {
          run(engine, sql, StatementKind.OTHER, discard);
        }
        run(engine, "COMMIT", StatementKind.TRANSACTION_CONTROL, discard);
      } catch (GatewayException e) {
        run(engine, "ROLLBACK", StatementKind.TRANSACTION_CONTROL, discard);
        throw e;
      }
      installed = true;
      log.info("MySQL compatibility schema ready ({} statements, {} ms)", statements.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static void run(EngineSession engine, String sql, StatementKind kind, StatementRunner.DiscardingSink sink)
      throws GatewayException {
    engine.execute(new Statement(sql, kind, 0, 0), sink);
  }
}
