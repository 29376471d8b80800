package wiregate.engine.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.engine.CopyIn;
import wiregate.core.engine.CopyOut;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.Notification;
import wiregate.core.engine.ParameterValue;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;
import wiregate.core.model.Statement;
import wiregate.core.model.TransactionStatus;

/**
 * A client session in transaction pool mode: it leases an engine connection when a command needs
 * one and gives it back when the client is idle ({@link #idle()}) with no transaction open and
 * nothing pinning it ({@link SessionPins}). What the session set (run-time settings) and prepared
 * travels with it to whichever connection it leases next; the statements on a lease run through a
 * {@link PostgresEngineSession} exactly as in session mode.
 */
final class PooledEngineSession implements EngineSession {
  private static final Logger log = LoggerFactory.getLogger(PooledEngineSession.class);

  private final ConnectionLeases leases;
  private final int processId;
  private final int fetchSize;
  private final SessionPins pins = new SessionPins();
  /** Orders a cancel against the end of a lease, so a cancel never reaches the connection's next lessee. */
  private final ReentrantLock leaseChange = new ReentrantLock();
  private volatile Lease lease;
  private SessionSettings settings = SessionSettings.DEFAULTS;
  /** A statement of the current lease may have changed settings: read them before giving it back. */
  private boolean settingsMayHaveChanged;
  /** The custom (dotted) settings this session ever set: they are read by name. */
  private final java.util.Set<String> customSettings = new java.util.TreeSet<>();
  private Map<String, String> reported = Map.of();

  private PooledEngineSession(ConnectionLeases leases, int processId, int fetchSize) {
    this.leases = leases;
    this.processId = processId;
    this.fetchSize = fetchSize;
  }

  /**
   * Opens a session: applies the client's start-up settings on a leased connection (a bad one ends
   * the session, as in PostgreSQL), remembers them and what the engine reports, and gives it back.
   */
  static PooledEngineSession open(ConnectionLeases leases, SessionRequest request, int processId, int fetchSize)
      throws GatewayException {
    PooledEngineSession session = new PooledEngineSession(leases, processId, fetchSize);
    try {
      Lease first = session.lease();
      session.settingsMayHaveChanged = !request.settings().isEmpty();
      request.settings().keySet().stream().filter(name -> name.contains("."))
          .map(name -> name.toLowerCase(java.util.Locale.ROOT)).forEach(session.customSettings::add);
      first.link().applySettings(request.settings());
      session.idle();
      return session;
    } catch (SQLException e) {
      session.close();
      throw new GatewayException(EngineErrors.toError(e).withSeverity(GatewayError.FATAL), e);
    } catch (GatewayException e) {
      session.close();
      if (e.error().sqlState().equals(wiregate.core.model.SqlState.TOO_MANY_CONNECTIONS)) {
        throw new GatewayException(GatewayError.fatal(e.error().sqlState(), "sorry, too many clients already")
            .withHint(e.error().hint()), e);
      }
      throw new GatewayException(e.error().withSeverity(GatewayError.FATAL), e);
    }
  }

  /** The current lease, or a new one put into this session's settings. */
  private Lease lease() throws GatewayException {
    Lease current = lease;
    if (current != null) {
      return current;
    }
    Lease next = leases.acquire(fetchSize);
    PhysicalConnection physical = next.physical();
    if (!physical.settings().equals(settings)) {
      try {
        settings.applyTo(next.link().connection());
        physical.settings(settings);
      } catch (SQLException e) {
        leases.giveBack(next, true);
        throw EngineErrors.toGatewayException(e);
      }
    }
    leaseChange.lock();
    try {
      lease = next;
    } finally {
      leaseChange.unlock();
    }
    return next;
  }

  /** The lease held right now, if any (a portal checks that its transaction still holds it). */
  Lease currentLease() {
    return lease;
  }

  private void before(StatementEffects effects) {
    pins.take(effects.pins());
    settingsMayHaveChanged |= effects.mayChangeSettings();
    customSettings.addAll(effects.customSettings());
  }

  private void after(StatementEffects effects) {
    pins.drop(effects.unpins());
  }

  @Override
  public void execute(Statement statement, ResultSink sink) throws GatewayException {
    StatementEffects effects = StatementEffects.of(statement.sql());
    Lease current = lease();
    before(effects);
    current.link().execute(statement, sink);
    after(effects);
  }

  /**
   * Prepares on the current connection and describes, as in session mode; the engine statement is
   * kept on that connection for every session that prepares the same text.
   */
  @Override
  public PreparedQuery prepare(Statement statement, int[] declaredTypes) throws GatewayException {
    Lease current = lease();
    PgPreparedQuery prepared = current.link().prepare(statement, declaredTypes);
    PreparedKey key = PreparedKey.of(statement, declaredTypes);
    current.physical().statement(key, prepared);
    return new PooledPreparedQuery(statement, declaredTypes.clone(), prepared.parameterTypes(), prepared.columns(),
        key);
  }

  /**
   * Nothing to do on the engine: the engine statements belong to their connections, shared by the
   * sessions that prepare the same text, and are closed when a connection keeps too many.
   */
  @Override
  public void release(PreparedQuery query) {}

  @Override
  public PooledPortal bind(PreparedQuery query, List<ParameterValue> values, boolean[] binaryResults) {
    return new PooledPortal(this, (PooledPreparedQuery) query, values, binaryResults);
  }

  /** First run of a portal: on the leased connection, with the engine statement prepared there. */
  boolean runFirst(PooledPortal portal, ResultSink sink, int maxRows) throws GatewayException {
    PooledPreparedQuery query = portal.query();
    StatementEffects effects = StatementEffects.of(query.statement().sql());
    Lease current = lease();
    before(effects);
    boolean more = portal.start(current, onConnection(current, query), sink, maxRows);
    after(effects);
    return more;
  }

  /**
   * The engine statement for a client statement on this connection: the one kept there when it
   * still describes the same parameters and columns, else prepared now.
   */
  private PgPreparedQuery onConnection(Lease current, PooledPreparedQuery query) throws GatewayException {
    PgPreparedQuery kept = current.physical().statement(query.key());
    if (kept != null && Arrays.equals(kept.parameterTypes(), query.parameterTypes())
        && Objects.equals(kept.columns(), query.columns())) {
      return kept;
    }
    PgPreparedQuery prepared = current.link().prepare(query.statement(), query.declaredTypes());
    current.physical().statement(query.key(), prepared);
    return prepared;
  }

  /** Inside a transaction the session holds its lease, so the work runs on that connection. */
  @Override
  public void atomically(Work work) throws GatewayException {
    lease().link().atomically(work);
  }

  @Override
  public CopyIn copyIn(Statement statement) throws GatewayException {
    return lease().link().copyIn(statement);
  }

  @Override
  public CopyOut copyOut(Statement statement) throws GatewayException {
    return lease().link().copyOut(statement);
  }

  @Override
  public void beginImplicitBlock() throws GatewayException {
    lease().link().beginImplicitBlock();
  }

  @Override
  public void endImplicitBlock(boolean commit) throws GatewayException {
    Lease current = lease;
    if (current != null) {
      current.link().endImplicitBlock(commit);
    }
  }

  @Override
  public TransactionStatus transactionStatus() {
    Lease current = lease;
    return current == null ? TransactionStatus.IDLE : current.link().transactionStatus();
  }

  /** The gateway's own id for this session: it has no engine backend of its own. */
  @Override
  public int processId() {
    return processId;
  }

  /**
   * Only a LISTEN-pinned session receives notifications, on its own connection. A notification this
   * session sent itself names the id the client knows (its BackendKeyData), not the engine backend.
   */
  @Override
  public List<Notification> takeNotifications() throws GatewayException {
    Lease current = lease;
    if (current == null) {
      return List.of();
    }
    List<Notification> received = current.link().takeNotifications();
    if (received.isEmpty()) {
      return received;
    }
    int backend = current.physical().backendPid();
    List<Notification> out = new ArrayList<>(received.size());
    for (Notification n : received) {
      out.add(n.processId() == backend ? new Notification(processId, n.channel(), n.payload()) : n);
    }
    return out;
  }

  @Override
  public Map<String, String> reportedParameters() {
    Lease current = lease;
    return current == null ? reported : current.link().reportedParameters();
  }

  @Override
  public void cancel() {
    leaseChange.lock();
    try {
      Lease current = lease;
      if (current != null) {
        current.link().cancel();
      }
    } finally {
      leaseChange.unlock();
    }
  }

  /**
   * Gives the connection back unless an open transaction or a pin still needs it. A cancelled
   * statement's connection stays until its transaction ends (the client still sees it failed and
   * rolls it back), and is then evicted by {@link ConnectionLeases#giveBack}.
   */
  @Override
  public void idle() {
    Lease current = lease;
    if (current == null || (!current.link().unusable() && (current.link().holdsBlock() || pins.any()))) {
      return;
    }
    boolean evict = false;
    if (!current.link().unusable()) {
      try {
        if (settingsMayHaveChanged) {
          settings = SessionSettings.read(current.link().connection(), customSettings);
          settingsMayHaveChanged = false;
        }
        current.physical().settings(settings);
        reported = Map.copyOf(current.link().reportedParameters());
        // What a former listener left queued there is nobody's now.
        current.link().executor().getNotifications();
      } catch (SQLException e) {
        log.debug("reading a session's settings failed; evicting its engine connection", e);
        evict = true;
      }
    }
    endLease(current, evict);
  }

  private void endLease(Lease current, boolean evict) {
    leaseChange.lock();
    try {
      lease = null;
    } finally {
      leaseChange.unlock();
    }
    leases.giveBack(current, evict);
  }

  /**
   * Rolls back what is open. A connection that holds pinned state, or settings the session may have
   * changed, is reset with DISCARD ALL (as in session mode); otherwise it goes back as it is.
   */
  @Override
  public void close() {
    Lease current = lease;
    if (current == null) {
      return;
    }
    if (current.link().unusable()) {
      endLease(current, true);
      return;
    }
    boolean reset = pins.any() || settingsMayHaveChanged;
    try {
      if (current.link().holdsBlock()) {
        current.link().endImplicitBlock(false);
        if (current.link().transactionStatus() != TransactionStatus.IDLE) {
          current.link().runQuietly("ROLLBACK");
        }
      }
      if (reset) {
        current.link().runQuietly("DISCARD ALL");
        current.physical().settings(SessionSettings.DEFAULTS);
      } else {
        current.physical().settings(settings);
      }
      endLease(current, false);
    } catch (SQLException | GatewayException e) {
      log.debug("resetting an engine connection failed; evicting it", e);
      endLease(current, true);
    }
  }
}
