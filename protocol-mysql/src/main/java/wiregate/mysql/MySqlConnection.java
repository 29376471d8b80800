package wiregate.mysql;

import static wiregate.mysql.codec.CapabilityFlags.PLUGIN_AUTH;
import static wiregate.mysql.codec.CapabilityFlags.has;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.mysql.auth.AuthExchange;
import wiregate.mysql.auth.AuthPlugin;
import wiregate.mysql.auth.AuthStep;
import wiregate.mysql.codec.CapabilityFlags;
import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ComChangeUser;
import wiregate.mysql.codec.CommandCode;
import wiregate.mysql.codec.ErrPacket;
import wiregate.mysql.codec.FramingFault;
import wiregate.mysql.codec.HandshakeResponse41;
import wiregate.mysql.codec.HandshakeV10;
import wiregate.mysql.codec.MalformedPacketException;
import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.codec.OkPacket;
import wiregate.mysql.codec.PacketChannel;
import wiregate.mysql.codec.PacketPayload;
import wiregate.mysql.codec.ServerStatus;
import wiregate.mysql.codec.SslRequest;

/**
 * One MySQL connection's state, driven on its worker thread: the login (HandshakeResponse41 and
 * the authentication exchange), then the command phase, which gets every command except
 * COM_CHANGE_USER (re-authentication is handled here, like the login).
 */
final class MySqlConnection {
  private static final Logger log = LoggerFactory.getLogger(MySqlConnection.class);

  private enum State { AWAIT_LOGIN, AUTHENTICATING, COMMANDS, CHANGING_USER, CLOSED }

  private final MySqlServices services;
  private final ConnectionInfo connection;
  private final PacketChannel channel;
  private final byte[] scramble;
  private final int connectionId;
  private final int serverCapabilities;
  private volatile boolean secure;
  private State state = State.AWAIT_LOGIN;
  private AuthExchange exchange;
  private HandshakeResponse41 login;
  private ComChangeUser changeUser;
  private AuthenticatedClient client;
  private CommandPhase phase;

  MySqlConnection(MySqlServices services, ConnectionInfo connection, PacketChannel channel, byte[] scramble,
      int connectionId) {
    this.services = services;
    this.connection = connection;
    this.channel = channel;
    this.scramble = scramble.clone();
    this.connectionId = connectionId;
    this.secure = connection.tlsAtIngress();
    boolean offerTls = services.sslContext() != null && !connection.tlsAtIngress();
    this.serverCapabilities = CapabilityFlags.SERVER_DEFAULT | (offerTls ? CapabilityFlags.SSL : 0);
  }

  HandshakeV10 greeting() {
    return new HandshakeV10(HandshakeV10.SERVER_VERSION, connectionId, scramble, serverCapabilities,
        Collations.UTF8MB4_0900_AI_CI, ServerStatus.AUTOCOMMIT, services.authenticator().plugin().pluginName());
  }

  boolean offersTls() {
    return has(serverCapabilities, CapabilityFlags.SSL);
  }

  /** The client sent SSLRequest and TLS now runs in front of the decoder; the login follows over TLS. */
  void tlsStarted(MySqlPacket sslRequest) {
    if (state != State.AWAIT_LOGIN) {
      return;
    }
    if (!channel.sequence().accept(sslRequest)) {
      fail(ErrPacket.packetsOutOfOrder(), "SSLRequest out of order");
      return;
    }
    secure = true;
  }

  void received(MySqlPacket packet) {
    switch (state) {
      case AWAIT_LOGIN -> login(packet);
      case AUTHENTICATING, CHANGING_USER -> {
        if (!channel.sequence().accept(packet)) {
          fail(ErrPacket.packetsOutOfOrder(), "authentication packet out of order");
          return;
        }
        step(exchange.respond(packet.payload()));
      }
      case COMMANDS -> command(packet);
      case CLOSED -> { }
    }
  }

  void fault(FramingFault fault) {
    if (state == State.CLOSED) {
      return;
    }
    channel.sequence().continueAfter(fault.sequenceId());
    switch (fault) {
      case FramingFault.PacketTooLarge tooLarge -> fail(ErrPacket.packetTooLarge(),
          "packet of " + tooLarge.length() + " bytes exceeds max_allowed_packet " + tooLarge.limit());
      case FramingFault.ContinuationOutOfOrder order -> fail(ErrPacket.packetsOutOfOrder(),
          "continuation packet " + order.sequenceId() + ", expected " + order.expected());
      case FramingFault.LoginOutOfOrder order -> fail(ErrPacket.packetsOutOfOrder(),
          "login packet with sequence id " + order.sequenceId() + ", expected " + order.expected());
    }
  }

  /** The connect timeout passed: a client still logging in gets Bad handshake, as in MySQL. */
  void loginTimedOut() {
    if (state == State.AWAIT_LOGIN || state == State.AUTHENTICATING) {
      fail(ErrPacket.badHandshake(), "no login within the connect timeout");
    }
  }

  /** The client went away: the command phase releases its session. */
  void closed() {
    State was = state;
    state = State.CLOSED;
    if (phase != null && was != State.CLOSED) {
      phase.close();
    }
  }

  private void login(MySqlPacket packet) {
    if (!channel.sequence().accept(packet)) {
      fail(ErrPacket.packetsOutOfOrder(), "login packet out of order");
      return;
    }
    if (SslRequest.matches(packet)) {
      fail(ErrPacket.badHandshake(), offersTls() ? "a second SSLRequest" : "SSLRequest, but TLS is not offered");
      return;
    }
    try {
      login = HandshakeResponse41.decode(packet.buffer());
    } catch (MalformedPacketException e) {
      if (HandshakeResponse41.isPre41Client(packet.payload())) {
        fail(new ErrPacket(ErrPacket.ER_NOT_SUPPORTED_AUTH_MODE, "08004", "Client does not support authentication "
            + "protocol requested by server; consider upgrading MySQL client"), "client without protocol 4.1");
      } else {
        fail(ErrPacket.badHandshake(), "malformed HandshakeResponse41: " + e.getMessage());
      }
      return;
    }
    state = State.AUTHENTICATING;
    exchange = begin(login.userName(), login.authPluginName(), has(login.capabilities(), PLUGIN_AUTH),
        login.authResponse());
    step(exchange.start());
  }

  private AuthExchange begin(String user, String clientPlugin, boolean canSwitch, byte[] authResponse) {
    // A client that names no plugin computed its answer the pre-plugin way: native.
    String plugin = clientPlugin == null || clientPlugin.isEmpty()
        ? AuthPlugin.MYSQL_NATIVE_PASSWORD.pluginName() : clientPlugin;
    return services.authenticator().begin(user, plugin, canSwitch, authResponse, scramble, secure, host());
  }

  private void step(AuthStep step) {
    switch (step) {
      case AuthStep.Continue next -> {
        channel.send(next.request());
        channel.flush();
      }
      case AuthStep.Failure failure -> fail(failure.error(), null);
      case AuthStep.Success success -> {
        exchange = null;
        success.before().forEach(channel::send);
        if (state == State.AUTHENTICATING) {
          loggedIn();
        } else {
          userChanged();
        }
      }
    }
  }

  private void loggedIn() {
    client = new AuthenticatedClient(login.userName(), login.database(), serverCapabilities & login.capabilities(),
        login.collationId(), login.connectAttributes(), connection.remote(), secure, connectionId);
    login = null;
    phase = services.commandPhases().create(channel);
    try {
      phase.start(client);
    } catch (LoginRefusedException e) {
      fail(e.error(), "refused by the command phase: " + e.getMessage());
      return;
    }
    state = State.COMMANDS;
    channel.send(OkPacket.of(ServerStatus.AUTOCOMMIT));
    channel.flush();
  }

  private void command(MySqlPacket packet) {
    if (!channel.sequence().acceptCommand(packet)) {
      fail(ErrPacket.packetsOutOfOrder(), "command packet with sequence id " + packet.sequenceId());
      return;
    }
    if (packet.firstByte() != CommandCode.CHANGE_USER) {
      phase.packet(packet);
      return;
    }
    try {
      changeUser = ComChangeUser.decode(packet.buffer(), client.capabilities(), client.charset());
    } catch (MalformedPacketException e) {
      fail(ErrPacket.malformedPacket(), "malformed COM_CHANGE_USER: " + e.getMessage());
      return;
    }
    state = State.CHANGING_USER;
    exchange = begin(changeUser.userName(), changeUser.authPluginName(), client.has(PLUGIN_AUTH),
        changeUser.authResponse());
    step(exchange.start());
  }

  private void userChanged() {
    int collation = changeUser.collationId() == 0 ? client.collationId() : changeUser.collationId();
    client = new AuthenticatedClient(changeUser.userName(), changeUser.database(), client.capabilities(), collation,
        changeUser.connectAttributes(), client.remoteAddress(), secure, connectionId);
    changeUser = null;
    try {
      phase.userChanged(client);
    } catch (LoginRefusedException e) {
      fail(e.error(), "COM_CHANGE_USER refused by the command phase: " + e.getMessage());
      return;
    }
    state = State.COMMANDS;
    channel.send(OkPacket.of(ServerStatus.AUTOCOMMIT));
    channel.flush();
  }

  /** Sends the error and closes; {@code reason} (if any) is logged, the client sees only the error. */
  private void fail(PacketPayload error, String reason) {
    if (reason != null) {
      log.info("closing MySQL connection {} from {}: {}", connectionId, connection.remote(), reason);
    }
    State was = state;
    state = State.CLOSED;
    channel.send(error);
    channel.flushAndClose();
    if (phase != null && was != State.CLOSED) {
      phase.close();
    }
  }

  /** The client's address as MySQL's messages show it ('user'@'host'), without a DNS lookup. */
  private String host() {
    SocketAddress remote = connection.remote();
    return remote instanceof InetSocketAddress inet ? inet.getHostString() : "localhost";
  }
}
