package wiregate.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.auth.AuthenticationFailedException;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.PgWireConnection;
import wiregate.core.engine.SessionRequest;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.core.lifecycle.InFlight;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;
import wiregate.core.model.TransactionStatus;
import wiregate.core.session.CancelRegistry;
import wiregate.core.session.ChannelOutput;
import wiregate.core.session.SerialCommandExecutor;
import wiregate.pgwire.auth.AuthExchange;
import wiregate.pgwire.codec.BackendMessages;
import wiregate.pgwire.codec.ClientEncodings;
import wiregate.pgwire.codec.FrontendMessage;

/**
 * One PostgreSQL connection's state, driven on its worker thread: startup, authentication, then
 * commands. Each command message has its own handler; this class keeps what they share.
 */
final class PgSession {
  private static final Logger log = LoggerFactory.getLogger(PgSession.class);

  private enum Phase { STARTUP, AUTHENTICATING, READY, RELAYED, CLOSED }

  private final PgServices services;
  private final ConnectionInfo connection;
  private final Channel channel;
  private final ChannelOutput output;
  private final SimpleQueryHandler simpleQuery;
  private final ExtendedQueryHandler extendedQuery;
  private volatile BackendMessages messages = new BackendMessages(ClientEncodings.forName("UTF8"));
  private volatile boolean tls;
  private Phase phase = Phase.STARTUP;
  private StartupRequest startup;
  private AuthExchange auth;
  private volatile EngineSession engine;
  /** Set when the session is relayed to an engine connection of its own (the fast path). */
  private volatile PgRelay relay;
  private CancelRegistry.Key cancelKey;
  /** Counts this session as in flight from its admission until it closes. */
  private InFlight.Token admitted;
  private final Map<String, String> reported = new HashMap<>();

  /** How often an idle session that LISTENs checks the engine for notifications. */
  private static final long NOTIFICATION_POLL_MS = 50;

  private final SerialCommandExecutor commands;
  private java.util.concurrent.ScheduledFuture<?> notificationPoll;

  PgSession(PgServices services, ConnectionInfo connection, Channel channel, ChannelOutput output,
      SerialCommandExecutor commands) {
    this.services = services;
    this.commands = commands;
    this.connection = connection;
    this.channel = channel;
    this.output = output;
    this.tls = connection.tlsAtIngress();
    this.simpleQuery = new SimpleQueryHandler(this);
    this.extendedQuery = new ExtendedQueryHandler(this);
  }

  Charset charset() {
    return messages.charset();
  }

  BackendMessages messages() {
    return messages;
  }

  ChannelOutput output() {
    return output;
  }

  EngineSession engine() {
    return engine;
  }

  PgServices services() {
    return services;
  }

  void tlsStarted() {
    tls = true;
  }

  void handle(FrontendMessage message) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (phase == Phase.RELAYED) {
      // Sent before the client saw ReadyForQuery and decoded before the relay took over the bytes.
      log.warn("closing relayed connection {}: {} arrived before start-up ended", connection.remote(),
          message.getClass().getSimpleName());
      channel.close();
      return;
    }
    try {
      switch (message) {
        case FrontendMessage.Malformed m -> fail(m.error());
        case FrontendMessage.Startup s when phase == Phase.STARTUP -> startup(s);
        case FrontendMessage.AuthenticationResponse r when phase == Phase.AUTHENTICATING -> authenticate(r);
        case FrontendMessage.Terminate t -> close();
        default -> {
          if (phase != Phase.READY) {
            fail(GatewayError.fatal(SqlState.PROTOCOL_VIOLATION,
                "unexpected message during " + phase.name().toLowerCase() + ": " + message.getClass().getSimpleName()));
          } else {
            command(message);
          }
        }
      }
    } catch (GatewayException e) {
      fail(e.error());
    }
  }

  private void command(FrontendMessage message) throws GatewayException {
    if (simpleQuery.copyInProgress()) {
      simpleQuery.copyMessage(message);
      return;
    }
    switch (message) {
      case FrontendMessage.Query q -> {
        extendedQuery.simpleQueryStarted();
        simpleQuery.handle(q);
      }
      case FrontendMessage.Invalid i when i.type() == 'Q' -> {
        sendError(i.error());
        readyForQuery();
      }
      case FrontendMessage.CopyData d -> {
        // CopyData/CopyDone/CopyFail outside COPY: ignored, per protocol (a COPY probably failed).
      }
      case FrontendMessage.CopyDone d -> {
      }
      case FrontendMessage.CopyFail f -> {
      }
      case FrontendMessage.Unsupported u when u.type() == 'F' -> {
        sendError(GatewayError.error(SqlState.FEATURE_NOT_SUPPORTED,
            "the function call protocol message is not supported by this gateway"));
        readyForQuery();
      }
      case FrontendMessage.Unsupported u -> fail(GatewayError.fatal(SqlState.PROTOCOL_VIOLATION,
          "invalid frontend message type " + (int) u.type()));
      default -> extendedQuery.accept(message);
    }
  }

  /** Called with every command tag: some commands drop protocol-level prepared statements. */
  void commandCompleted(String tag) {
    if (tag.equals("DISCARD ALL") || tag.equals("DEALLOCATE ALL")) {
      extendedQuery.forgetAllStatements();
    }
    if (tag.equals("LISTEN") && notificationPoll == null) {
      // The engine sends notifications whenever it likes; an idle client still has to get them.
      notificationPoll = channel.eventLoop().scheduleWithFixedDelay(() -> {
        if (commands.idle()) {
          commands.submit(this::deliverNotifications);
        }
      }, NOTIFICATION_POLL_MS, NOTIFICATION_POLL_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /** NotificationResponse for everything the engine delivered; PostgreSQL sends them while idle. */
  void deliverNotifications() {
    EngineSession current = engine;
    if (phase != Phase.READY || current == null) {
      return;
    }
    try {
      java.util.List<wiregate.core.engine.Notification> received = current.takeNotifications();
      for (wiregate.core.engine.Notification n : received) {
        messages.notificationResponse(output.buffer(), n.processId(), n.channel(), n.payload());
      }
      if (!received.isEmpty()) {
        output.flush();
      }
    } catch (GatewayException e) {
      if (e.isFatal()) {
        fail(e.error());
      }
    }
  }

  private void startup(FrontendMessage.Startup message) throws GatewayException {
    if (message.major() != 3) {
      throw new GatewayException(GatewayError.fatal(SqlState.FEATURE_NOT_SUPPORTED,
          "unsupported frontend protocol " + message.major() + "." + message.minor()
              + ": server supports 3.0 to 3.0"));
    }
    startup = StartupRequest.from(message);
    if (message.minor() > 0 || !startup.protocolOptions().isEmpty()) {
      // PostgreSQL sends the full version number it will speak, 3.0.
      messages.negotiateProtocolVersion(output.buffer(), 3 << 16, startup.protocolOptions());
    }
    String clientEncoding = startup.settings().get("client_encoding");
    if (clientEncoding != null) {
      messages = new BackendMessages(ClientEncodings.forName(clientEncoding));
    }
    // PostgreSQL refuses here too: after the startup packet (and any SSL negotiation), before auth.
    admitted = services.admission().admit("postgres", this::terminate).orElseThrow(() -> new GatewayException(
        GatewayError.fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down")));
    auth = services.authenticator().exchangeFor(startup.user(), tls);
    phase = Phase.AUTHENTICATING;
    auth.start(output.buffer());
    output.flush();
  }

  private void authenticate(FrontendMessage.AuthenticationResponse response) throws GatewayException {
    boolean done;
    try {
      done = auth.respond(response.payload(), output.buffer());
    } catch (AuthenticationFailedException e) {
      log.info("authentication failed for user \"{}\" from {}: {}", startup.user(), connection.remote(),
          e.getMessage());
      throw new GatewayException(GatewayError.fatal(e.sqlState(), e.isProtocolViolation()
          ? e.getMessage()
          : "password authentication failed for user \"" + startup.user() + "\""));
    }
    if (!done) {
      output.flush();
      return;
    }
    BackendMessages.authenticationOk(output.buffer());
    output.flush();
    if (services.relay() != null) {
      startRelay();
      return;
    }
    engine = services.engine().openSession(new SessionRequest(startup.database(), startup.user(),
        startup.settings()));
    cancelKey = services.cancels().register(engine.processId(), this::cancelRunningStatement);
    phase = Phase.READY;
    reportParameterChanges();
    BackendMessages.backendKeyData(output.buffer(), cancelKey.processId(), cancelKey.secret());
    readyForQuery();
  }

  /**
   * The fast path: the session gets an engine connection of its own and the client's bytes are relayed
   * to it from here on; the engine's start-up parameters become the client's.
   */
  private void startRelay() throws GatewayException {
    channel.config().setAutoRead(false); // until the relay reads for the engine
    PgWireConnection wire;
    try {
      wire = services.relay().connect(channel, startup.database(), startup.settings()).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof GatewayException failure) {
        throw failure;
      }
      throw new GatewayException(GatewayError.fatal(SqlState.CONNECTION_FAILURE,
          "the engine connection failed: " + e.getCause()), e);
    }
    cancelKey = services.cancels().register(wire.processId(), wire::cancel);
    ByteBuf greeting = channel.alloc().buffer();
    ByteBuf parameters = wire.startupParameters();
    greeting.writeBytes(parameters);
    parameters.release();
    BackendMessages.backendKeyData(greeting, cancelKey.processId(), cancelKey.secret());
    BackendMessages.readyForQuery(greeting, TransactionStatus.IDLE);
    relay = new PgRelay(channel, wire, services.metrics(), services.maxMessageSize(), messages);
    phase = Phase.RELAYED;
    channel.closeFuture().addListener(f -> commands.submit(this::close));
    relay.start(greeting);
  }

  /** ParameterStatus for every reported parameter that changed since the client last heard of it. */
  void reportParameterChanges() {
    Map<String, String> current = engine.reportedParameters();
    for (Map.Entry<String, String> e : current.entrySet()) {
      if (!e.getValue().equals(reported.get(e.getKey()))) {
        if (e.getKey().equals("client_encoding")) {
          messages = new BackendMessages(ClientEncodings.forName(e.getValue()));
        }
        messages.parameterStatus(output.buffer(), e.getKey(), e.getValue());
        reported.put(e.getKey(), e.getValue());
      }
    }
  }

  void readyForQuery() {
    TransactionStatus status = engine != null ? engine.transactionStatus() : TransactionStatus.IDLE;
    if (status == TransactionStatus.IDLE) {
      extendedQuery.transactionEnded();
      if (notificationPoll != null) {
        deliverNotifications();
      }
    }
    if (engine != null) {
      engine.idle(); // transaction pool mode: the engine connection may go back to the pool
    }
    BackendMessages.readyForQuery(output.buffer(), status);
    output.flush();
  }

  void sendError(GatewayError error) {
    messages.errorResponse(output.buffer(), error);
  }

  /** A FATAL error: tell the client, then close. */
  void fail(GatewayError error) {
    if (phase == Phase.CLOSED) {
      return;
    }
    ByteBuf out = output.buffer();
    messages.errorResponse(out, error.withSeverity(GatewayError.FATAL));
    output.flush();
    close();
  }

  void cancelRunningStatement() {
    EngineSession current = engine;
    if (current != null) {
      current.cancel();
    }
  }

  /**
   * A drain ran out of time: end the session as PostgreSQL's fast shutdown does, cancelling what runs
   * and sending FATAL 57P01. Called from the drain's thread, so the work is handed to the session's
   * own worker through the event loop.
   */
  private void terminate() {
    PgRelay relayed = relay;
    if (relayed != null) {
      relayed.terminate();
      return;
    }
    cancelRunningStatement();
    channel.eventLoop().execute(() -> commands.submit(() -> fail(GatewayError.fatal(SqlState.ADMIN_SHUTDOWN,
        "terminating connection due to administrator command"))));
  }

  void close() {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    if (notificationPoll != null) {
      notificationPoll.cancel(false);
    }
    if (cancelKey != null) {
      services.cancels().unregister(cancelKey);
    }
    EngineSession current = engine;
    engine = null;
    if (current != null) {
      current.close();
    }
    output.flush();
    channel.close();
    if (admitted != null) {
      admitted.close(); // last: the engine connection is back in the pool
    }
  }
}
