package wiregate.mysql.command;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.mysql.AuthenticatedClient;
import wiregate.mysql.CommandPhase;
import wiregate.mysql.LoginRefusedException;
import wiregate.mysql.codec.CapabilityFlags;
import wiregate.mysql.codec.ComFieldList;
import wiregate.mysql.codec.ComInitDb;
import wiregate.mysql.codec.ComProcessKill;
import wiregate.mysql.codec.ComQuery;
import wiregate.mysql.codec.ComSetOption;
import wiregate.mysql.codec.ComStmtClose;
import wiregate.mysql.codec.ComStmtFetch;
import wiregate.mysql.codec.ComStmtPrepare;
import wiregate.mysql.codec.ComStmtReset;
import wiregate.mysql.codec.ComStmtSendLongData;
import wiregate.mysql.codec.CommandCode;
import wiregate.mysql.codec.EofPacket;
import wiregate.mysql.codec.ErrPacket;
import wiregate.mysql.codec.MalformedPacketException;
import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.codec.PacketChannel;
import wiregate.mysql.errors.MySqlError;
import wiregate.mysql.session.MySqlException;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.StatementRunner;

/**
 * A logged-in MySQL connection: opens its engine session, then dispatches each command packet to its
 * handler. Runs on the connection's worker thread.
 */
public final class MySqlCommandPhase implements CommandPhase {
  private static final Logger log = LoggerFactory.getLogger(MySqlCommandPhase.class);

  private final MySqlCommandServices services;
  private final PacketChannel channel;
  private final long startedNanos = System.nanoTime();
  /** Read by KILL from other connections' threads. */
  private volatile AuthenticatedClient client;
  private volatile EngineSession engine;
  private final KillTarget killTarget = new KillTarget();
  private MySqlSession session;
  private StatementRunner runner;
  private PreparedStatements statements;
  private QueryCommand query;
  private KillCommand kill;
  private StmtPrepareCommand prepare;
  private StmtExecuteCommand execute;
  private StmtFetchCommand fetch;
  private StmtLifecycleCommands lifecycle;
  private boolean multiStatements;
  private long questions;

  public MySqlCommandPhase(MySqlCommandServices services, PacketChannel channel) {
    this.services = services;
    this.channel = channel;
  }

  @Override
  public void start(AuthenticatedClient newClient) throws LoginRefusedException {
    client = newClient;
    multiStatements = client.has(CapabilityFlags.MULTI_STATEMENTS);
    try {
      Map<String, String> settings = new HashMap<>();
      String program = client.connectAttributes().get("program_name");
      settings.put("application_name", program != null ? program : "mysql client");
      engine = services.engine().openSession(new SessionRequest(services.database(), client.user(), settings));
      services.installer().ensureInstalled(engine);
    } catch (GatewayException e) {
      log.warn("MySQL session for {} could not open its engine session: {}", client.user(), e.getMessage());
      MySqlError error = services.errors().map(e.error(), (String) null);
      throw new LoginRefusedException(new ErrPacket(error.errno(), error.sqlState(), error.message()));
    }
    openSession(client);
    services.connections().register(client.connectionId(), killTarget);
    engine.idle();
  }

  private void openSession(AuthenticatedClient loggedIn) throws LoginRefusedException {
    session = new MySqlSession(engine, services.dialect(), services.origins(), loggedIn.connectionId(),
        loggedIn.user(), loggedIn.collationId());
    session.clientFoundRows(loggedIn.has(CapabilityFlags.FOUND_ROWS));
    runner = new StatementRunner(session, services.errors());
    statements = new PreparedStatements();
    kill = new KillCommand(session, services.connections());
    query = new QueryCommand(session, runner, services.dialect()::split, kill);
    prepare = new StmtPrepareCommand(session, runner, statements);
    execute = new StmtExecuteCommand(session, runner, statements);
    fetch = new StmtFetchCommand(session, runner, statements);
    lifecycle = new StmtLifecycleCommands(session, statements);
    try {
      runner.initialiseEngineSettings();
      if (loggedIn.database() != null && !loggedIn.database().isEmpty()) {
        runner.useDatabase(loggedIn.database().toLowerCase(java.util.Locale.ROOT));
      } else {
        engine.execute(new Statement("SET search_path = wg_mysql, pg_catalog", StatementKind.OTHER, 0, 0),
            new StatementRunner.DiscardingSink());
      }
    } catch (MySqlException e) {
      throw refused(e.error());
    } catch (GatewayException e) {
      throw refused(services.errors().map(e.error(), loggedIn.database()));
    }
  }

  private static LoginRefusedException refused(MySqlError error) {
    return new LoginRefusedException(new ErrPacket(error.errno(), error.sqlState(), error.message()));
  }

  @Override
  public void packet(MySqlPacket packet) {
    try {
      command(packet);
    } finally {
      // transaction pool mode: between commands the engine connection may go back to the pool
      EngineSession current = engine;
      if (current != null) {
        current.idle();
      }
    }
  }

  private void command(MySqlPacket packet) {
    questions++;
    PacketResponses out = new PacketResponses(channel, client.capabilities(), session.charset());
    try {
      switch (packet.firstByte()) {
        case CommandCode.QUERY -> {
          if (query.run(ComQuery.decode(packet.buffer(), session.statementCharset()).query(), multiStatements, out)) {
            channel.flushAndClose();
            return;
          }
        }
        case CommandCode.STMT_PREPARE -> prepare.run(ComStmtPrepare.decode(packet.buffer(), session.statementCharset()).query(),
            out);
        case CommandCode.STMT_EXECUTE -> execute.run(packet, out);
        case CommandCode.STMT_FETCH -> fetch.run(ComStmtFetch.decode(packet.buffer()), out);
        case CommandCode.STMT_SEND_LONG_DATA -> {
          lifecycle.sendLongData(ComStmtSendLongData.decode(packet.buffer()));
          return; // no answer
        }
        case CommandCode.STMT_CLOSE -> {
          lifecycle.close(ComStmtClose.decode(packet.buffer()));
          return; // no answer
        }
        case CommandCode.STMT_RESET -> lifecycle.reset(ComStmtReset.decode(packet.buffer()), out);
        case CommandCode.PING -> out.ok(0, 0, session.status(), 0, null);
        case CommandCode.QUIT -> {
          channel.flushAndClose();
          return;
        }
        case CommandCode.INIT_DB -> initDb(ComInitDb.decode(packet.buffer(), session.clientCharset()).schema(), out);
        case CommandCode.RESET_CONNECTION -> {
          resetConnection();
          out.ok(0, 0, session.status(), 0, null);
        }
        case CommandCode.SET_OPTION -> setOption(ComSetOption.decode(packet.buffer()), out);
        case CommandCode.STATISTICS -> out.raw(statistics().getBytes(StandardCharsets.US_ASCII));
        case CommandCode.FIELD_LIST -> new FieldListCommand(session, runner).run(
            ComFieldList.decode(packet.buffer(), session.clientCharset()), out);
        case CommandCode.PROCESS_KILL -> {
          if (processKill(ComProcessKill.decode(packet.buffer()), out) == KillCommand.After.CLOSE) {
            channel.flushAndClose();
            return;
          }
        }
        case CommandCode.DEBUG, CommandCode.REFRESH -> out.ok(0, 0, session.status(), 0, null);
        default -> QueryCommand.writeError(out, MySqlError.unknownCommand());
      }
    } catch (MalformedPacketException e) {
      QueryCommand.writeError(out, MySqlError.malformedPacket());
    }
    channel.flush();
  }

  private void initDb(String database, PacketResponses out) {
    try {
      runner.run(new MySqlStatement.UseDatabase("USE " + database, database), out, false);
    } catch (MySqlException e) {
      QueryCommand.writeError(out, e.error());
    }
  }

  /** COM_PROCESS_KILL is KILL CONNECTION id sent as a command. */
  private KillCommand.After processKill(ComProcessKill command, PacketResponses out) {
    String id = Long.toString(command.connectionId());
    try {
      return kill.run(new MySqlStatement.Kill("KILL CONNECTION " + id, id, false), out, 0);
    } catch (MySqlException e) {
      QueryCommand.writeError(out, e.error());
    } catch (GatewayException e) {
      QueryCommand.writeError(out, runner.failure(e).error());
    }
    return KillCommand.After.CONTINUE;
  }

  private void setOption(ComSetOption option, PacketResponses out) {
    switch (option.option()) {
      case ComSetOption.MULTI_STATEMENTS_ON -> multiStatements = true;
      case ComSetOption.MULTI_STATEMENTS_OFF -> multiStatements = false;
      default -> {
        QueryCommand.writeError(out, MySqlError.unknownCommand());
        return;
      }
    }
    channel.send(new EofPacket(0, session.status()));
  }

  private String statistics() {
    long uptime = (System.nanoTime() - startedNanos) / 1_000_000_000L;
    return "Uptime: " + Math.max(uptime, 1) + "  Threads: 1  Questions: " + questions
        + "  Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: "
        + String.format(java.util.Locale.ROOT, "%.3f", questions / (double) Math.max(uptime, 1));
  }

  /** MySQL's session reset: roll back, drop statements, variables and temporary tables; keep the database. */
  private void resetConnection() {
    try {
      runner.rollback();
      statements.clear(engine);
      engine.execute(new Statement("DISCARD ALL", StatementKind.OTHER, 0, 0), new StatementRunner.DiscardingSink());
      session.resetState();
      String database = session.database();
      if (database != null) {
        runner.useDatabase(database);
      } else {
        engine.execute(new Statement("SET search_path = wg_mysql, pg_catalog", StatementKind.OTHER, 0, 0),
            new StatementRunner.DiscardingSink());
      }
    } catch (GatewayException | MySqlException e) {
      log.warn("MySQL session reset failed: {}", e.getMessage());
    }
  }

  @Override
  public void userChanged(AuthenticatedClient changed) throws LoginRefusedException {
    client = changed;
    resetConnection();
    statements.clear(engine);
    openSession(changed);
  }

  @Override
  public void close() {
    if (client != null) {
      services.connections().unregister(client.connectionId(), killTarget);
    }
    if (engine != null) {
      if (statements != null) {
        statements.clear(engine);
      }
      engine.close();
      engine = null;
    }
  }

  /** How KILL from another connection reaches this one. */
  private final class KillTarget implements KillableConnections.Target {
    @Override
    public String user() {
      return client.user();
    }

    @Override
    public void cancelStatement() {
      EngineSession running = engine;
      if (running != null) {
        running.cancel();
      }
    }

    @Override
    public void close() {
      services.connections().unregister(client.connectionId(), this);
      cancelStatement();
      channel.channel().close();
    }
  }
}
