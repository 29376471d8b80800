package wiregate.pgwire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.ParameterValue;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.model.TransactionStatus;
import wiregate.pgwire.codec.BackendMessages;
import wiregate.pgwire.codec.FrontendMessage;

/**
 * The extended query protocol: Parse, Bind, Describe, Execute and Close against the session's named
 * and unnamed statements and portals, with Sync ending each pipeline.
 *
 * <p>PostgreSQL runs everything between two Syncs in one implicit transaction. When a pipeline holds
 * more than one Execute, the gateway opens that block on the engine before the first one; to know,
 * it holds back the first Execute (and what follows it) until a second Execute, a Sync or a Flush.
 */
final class ExtendedQueryHandler {
  /** Messages held back while deciding on an implicit block; beyond this, the block is opened anyway. */
  private static final int MAX_HELD = 256;

  private final PgSession session;
  private final Map<String, ClientStatement> statements = new HashMap<>();
  private final Map<String, ClientPortal> portals = new HashMap<>();
  private List<FrontendMessage> held;
  /**
   * PostgreSQL checks parameter values at Bind; the engine sees them only when the portal runs. So
   * BindComplete waits until the portal's first Execute (or until anything else needs it out): a
   * parameter error then replaces it, as it would on PostgreSQL.
   */
  private ClientPortal bindCompletePending;
  /** After an error, messages are skipped until Sync. */
  private boolean skipUntilSync;
  private boolean failedInPipeline;

  ExtendedQueryHandler(PgSession session) {
    this.session = session;
  }

  void accept(FrontendMessage message) throws GatewayException {
    if (held != null) {
      held.add(message);
      if (message instanceof FrontendMessage.Execute || held.size() > MAX_HELD) {
        session.engine().beginImplicitBlock();
        release();
      } else if (message instanceof FrontendMessage.Sync || message instanceof FrontendMessage.Flush) {
        release();
      }
      return;
    }
    if (message instanceof FrontendMessage.Execute && !skipUntilSync
        && session.engine().transactionStatus() == TransactionStatus.IDLE) {
      held = new ArrayList<>();
      held.add(message);
      return;
    }
    handle(message);
  }

  private void release() throws GatewayException {
    List<FrontendMessage> messages = held;
    held = null;
    for (FrontendMessage message : messages) {
      handle(message);
    }
  }

  private void handle(FrontendMessage message) throws GatewayException {
    if (!(message instanceof FrontendMessage.Execute e && bindCompletePending != null
        && bindCompletePending.name().equals(e.portal()))) {
      sendPendingBindComplete();
    }
    if (message instanceof FrontendMessage.Sync) {
      sync();
      return;
    }
    if (skipUntilSync) {
      return;
    }
    try {
      switch (message) {
        case FrontendMessage.Parse p -> parse(p);
        case FrontendMessage.Bind b -> bind(b);
        case FrontendMessage.Describe d -> describe(d);
        case FrontendMessage.Execute e -> execute(e);
        case FrontendMessage.Close c -> close(c);
        case FrontendMessage.Flush f -> session.output().flush();
        case FrontendMessage.Invalid i -> throw new GatewayException(i.error());
        case FrontendMessage.Unsupported u -> throw new GatewayException(GatewayError.error(
            SqlState.FEATURE_NOT_SUPPORTED, "message type '" + u.type() + "' is not supported by this gateway yet"));
        default -> throw new GatewayException(GatewayError.error(SqlState.PROTOCOL_VIOLATION,
            "unexpected message " + message.getClass().getSimpleName()));
      }
    } catch (GatewayException e) {
      if (e.isFatal()) {
        throw e;
      }
      session.sendError(e.error());
      // PostgreSQL flushes an error at once: a client waiting after Flush (asyncpg) must see it.
      session.output().flush();
      skipUntilSync = true;
      failedInPipeline = true;
    }
  }

  private void parse(FrontendMessage.Parse p) throws GatewayException {
    if (!p.statement().isEmpty() && statements.containsKey(p.statement())) {
      throw new GatewayException(GatewayError.error("42P05",
          "prepared statement \"" + p.statement() + "\" already exists"));
    }
    Optional<Statement> statement = session.services().dialect().single(p.sql());
    PreparedQuery query = null;
    if (statement.isPresent()) {
      try {
        query = session.engine().prepare(statement.get(), p.parameterTypes());
      } catch (GatewayException e) {
        throw new GatewayException(SimpleQueryHandler.relativeToQueryText(e.error(), statement.get()), e);
      }
    }
    forgetStatement(p.statement());
    statements.put(p.statement(), new ClientStatement(p.statement(), query));
    BackendMessages.parseComplete(session.output().buffer());
  }

  private void bind(FrontendMessage.Bind b) throws GatewayException {
    ClientStatement statement = statement(b.statement());
    int[] types = statement.parameterTypes();
    if (b.values().length != types.length) {
      throw protocolError("bind message supplies " + b.values().length + " parameters, but prepared statement \""
          + b.statement() + "\" requires " + types.length);
    }
    boolean[] binaryParameters = formats(b.parameterFormats(), b.values().length, "parameter formats",
        "parameters", true);
    int columns = statement.returnsRows() ? statement.query().columns().size() : 0;
    boolean[] binaryResults = formats(b.resultFormats(), columns, "result formats", "columns", false);
    if (!b.portal().isEmpty() && portals.containsKey(b.portal())) {
      throw new GatewayException(GatewayError.error("42P03", "portal \"" + b.portal() + "\" already exists"));
    }
    List<ParameterValue> values = new ArrayList<>(b.values().length);
    for (int i = 0; i < b.values().length; i++) {
      values.add(b.values()[i] == null ? ParameterValue.NULL : new ParameterValue(b.values()[i], binaryParameters[i]));
    }
    var engine = statement.query() == null ? null
        : session.engine().bind(statement.query(), values, binaryResults);
    forgetPortal(b.portal());
    ClientPortal portal = new ClientPortal(b.portal(), statement, engine, binaryResults, badResultFormat(b));
    portals.put(b.portal(), portal);
    bindCompletePending = portal;
  }

  private void sendPendingBindComplete() {
    if (bindCompletePending != null) {
      bindCompletePending = null;
      BackendMessages.bindComplete(session.output().buffer());
    }
  }

  /** PostgreSQL takes any result format code at Bind and rejects an unknown one at Execute. */
  private static short badResultFormat(FrontendMessage.Bind b) {
    for (short code : b.resultFormats()) {
      if (code != 0 && code != 1) {
        return code;
      }
    }
    return 0;
  }

  /** Format codes: none (all text), one for all, or one each; anything else is a protocol error. */
  private static boolean[] formats(short[] codes, int count, String what, String of, boolean strict)
      throws GatewayException {
    if (codes.length > 1 && codes.length != count) {
      throw protocolError("bind message has " + codes.length + " " + what + " but " + count + " " + of);
    }
    boolean[] binary = new boolean[count];
    for (int i = 0; i < count; i++) {
      short code = codes.length == 0 ? 0 : codes.length == 1 ? codes[0] : codes[i];
      if (strict && code != 0 && code != 1) {
        throw new GatewayException(GatewayError.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + code));
      }
      binary[i] = code == 1;
    }
    return binary;
  }

  private void describe(FrontendMessage.Describe d) throws GatewayException {
    var out = session.output().buffer();
    if (d.kind() == 'S') {
      ClientStatement statement = statement(d.name());
      BackendMessages.parameterDescription(out, statement.parameterTypes());
      if (statement.returnsRows()) {
        session.messages().rowDescription(out, statement.query().columns(), null);
      } else {
        BackendMessages.noData(out);
      }
    } else if (!portals.containsKey(d.name()) && !d.name().isEmpty()) {
      describeSqlCursor(d.name());
    } else {
      ClientPortal portal = portal(d.name());
      if (portal.statement().returnsRows()) {
        session.messages().rowDescription(out, portal.statement().query().columns(), portal.binaryResults());
      } else {
        BackendMessages.noData(out);
      }
    }
  }

  /**
   * A cursor made with SQL DECLARE is a portal too, and clients (psycopg 3) describe it by name. The
   * engine describes it without moving it: a prepared FETCH's row description is the cursor's.
   */
  private void describeSqlCursor(String name) throws GatewayException {
    String sql = "FETCH FORWARD 0 FROM \"" + name.replace("\"", "\"\"") + "\"";
    PreparedQuery fetch = session.engine().prepare(new Statement(sql, StatementKind.QUERY, 0, 0), new int[0]);
    try {
      // Every SQL cursor returns rows; a FETCH that describes as NoData found no cursor.
      if (fetch.columns() == null) {
        throw new GatewayException(GatewayError.error("34000", "portal \"" + name + "\" does not exist"));
      }
      session.messages().rowDescription(session.output().buffer(), fetch.columns(), null);
    } finally {
      session.engine().release(fetch);
    }
  }

  private void execute(FrontendMessage.Execute e) throws GatewayException {
    ClientPortal portal = portal(e.portal());
    boolean firstRun = bindCompletePending == portal;
    bindCompletePending = null;
    if (portal.engine() == null) {
      bindCompleteIf(firstRun);
      BackendMessages.emptyQueryResponse(session.output().buffer());
      return;
    }
    if (portal.badResultFormat() != 0) {
      bindCompleteIf(firstRun);
      throw new GatewayException(GatewayError.error(SqlState.INVALID_PARAMETER_VALUE,
          "unsupported format code: " + portal.badResultFormat()));
    }
    RowStreamWriter writer = new RowStreamWriter(session.messages(), session.output(), false,
        session::commandCompleted);
    FirstOutput output = new FirstOutput(writer, firstRun);
    try {
      if (portal.engine().run(output, Math.max(e.maxRows(), 0))) {
        output.before();
        BackendMessages.portalSuspended(session.output().buffer());
      }
    } catch (GatewayException failure) {
      GatewayError error = SimpleQueryHandler.relativeToQueryText(failure.error(),
          portal.statement().query().statement());
      if (!(firstRun && isBindError(error))) {
        output.before();
      }
      throw new GatewayException(clientPortalContext(error, portal), failure);
    }
  }

  private void bindCompleteIf(boolean firstRun) {
    if (firstRun) {
      BackendMessages.bindComplete(session.output().buffer());
    }
  }

  /** Errors PostgreSQL raises while binding: the value of a parameter did not convert. */
  private static boolean isBindError(GatewayError error) {
    return (error.where() != null && error.where().contains("parameter $"))
        || "08P01".equals(error.sqlState()) || "22P03".equals(error.sqlState());
  }

  /** The engine names its own portal in error context; the client knows its portal by its name. */
  private static GatewayError clientPortalContext(GatewayError error, ClientPortal portal) {
    if (error.where() == null) {
      return error;
    }
    String name = portal.name().isEmpty() ? "unnamed portal" : "portal \"" + portal.name() + "\"";
    return error.withWhere(
        error.where().replaceAll("portal \"C_\\d+\"", java.util.regex.Matcher.quoteReplacement(name)));
  }

  /** Sends the deferred BindComplete just before the portal's first output. */
  private final class FirstOutput implements wiregate.core.model.ResultSink {
    private final RowStreamWriter writer;
    private boolean pending;

    FirstOutput(RowStreamWriter writer, boolean bindCompletePending) {
      this.writer = writer;
      this.pending = bindCompletePending;
    }

    void before() {
      if (pending) {
        pending = false;
        BackendMessages.bindComplete(session.output().buffer());
      }
    }

    @Override
    public void columns(List<wiregate.core.model.Column> columns) {
      before();
      writer.columns(columns);
    }

    @Override
    public void row(byte[][] values) {
      before();
      writer.row(values);
    }

    @Override
    public void complete(String commandTag) {
      before();
      writer.complete(commandTag);
    }

    @Override
    public void notice(GatewayError notice) {
      before();
      writer.notice(notice);
    }
  }

  private void close(FrontendMessage.Close c) {
    if (c.kind() == 'S') {
      forgetStatement(c.name());
    } else {
      forgetPortal(c.name());
    }
    BackendMessages.closeComplete(session.output().buffer());
  }

  private void sync() throws GatewayException {
    skipUntilSync = false;
    boolean failed = failedInPipeline;
    failedInPipeline = false;
    EngineSession engine = session.engine();
    try {
      engine.endImplicitBlock(!failed);
    } catch (GatewayException e) {
      if (e.isFatal()) {
        throw e;
      }
      session.sendError(e.error());
    }
    session.reportParameterChanges();
    session.readyForQuery();
  }

  /** Portals live until their transaction ends, whichever message ended it. */
  void transactionEnded() {
    new ArrayList<>(portals.keySet()).forEach(this::forgetPortal);
  }

  /** A simple Query destroys the unnamed statement and portal, as in PostgreSQL. */
  void simpleQueryStarted() {
    forgetPortal("");
    forgetStatement("");
  }

  /** DEALLOCATE ALL and DISCARD ALL drop protocol-level statements too. */
  void forgetAllStatements() {
    new ArrayList<>(portals.keySet()).forEach(this::forgetPortal);
    new ArrayList<>(statements.keySet()).forEach(this::forgetStatement);
  }

  private ClientStatement statement(String name) throws GatewayException {
    ClientStatement statement = statements.get(name);
    if (statement == null) {
      throw new GatewayException(GatewayError.error("26000", name.isEmpty()
          ? "unnamed prepared statement does not exist" : "prepared statement \"" + name + "\" does not exist"));
    }
    return statement;
  }

  private ClientPortal portal(String name) throws GatewayException {
    ClientPortal portal = portals.get(name);
    if (portal == null) {
      throw new GatewayException(GatewayError.error("34000", "portal \"" + name + "\" does not exist"));
    }
    return portal;
  }

  private void forgetStatement(String name) {
    ClientStatement old = statements.remove(name);
    if (old != null && old.query() != null) {
      session.engine().release(old.query());
    }
  }

  private void forgetPortal(String name) {
    ClientPortal old = portals.remove(name);
    if (old != null && old.engine() != null) {
      old.engine().close();
    }
  }

  private static GatewayException protocolError(String message) {
    return new GatewayException(GatewayError.error(SqlState.PROTOCOL_VIOLATION, message));
  }
}
