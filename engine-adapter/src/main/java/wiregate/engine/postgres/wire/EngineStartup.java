package wiregate.engine.postgres.wire;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.exception.ScramException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;
import wiregate.engine.postgres.EngineErrors;

/**
 * The gateway's side of an engine connection's start-up: sends the StartupMessage, answers the
 * engine's authentication request (SCRAM-SHA-256, MD5 or cleartext, with the engine credentials),
 * keeps the ParameterStatus messages and the BackendKeyData, and completes at ReadyForQuery. Reads
 * whole frames (the frame decoder sits before it).
 */
final class EngineStartup extends SimpleChannelInboundHandler<ByteBuf> {
  private static final int PROTOCOL_3_0 = 3 << 16;

  private final String user;
  private final String password;
  private final String database;
  private final Map<String, String> settings;
  private final CompletableFuture<Started> done = new CompletableFuture<>();
  private ByteBuf parameters;
  private ScramClient scram;
  private int processId;
  private int secret;

  /** What start-up produced: the ParameterStatus frames (owned by the receiver) and the cancel key. */
  record Started(ByteBuf parameters, int processId, int secret) {}

  EngineStartup(String user, String password, String database, Map<String, String> settings) {
    this.user = user;
    this.password = password;
    this.database = database;
    this.settings = settings;
  }

  CompletableFuture<Started> done() {
    return done;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    parameters = ctx.alloc().buffer(512);
    ByteBuf out = ctx.alloc().buffer(256);
    out.writeInt(0).writeInt(PROTOCOL_3_0);
    cString(cString(out, "user"), user);
    cString(cString(out, "database"), database);
    settings.forEach((name, value) -> cString(cString(out, name), value));
    out.writeByte(0);
    out.setInt(0, out.readableBytes());
    ctx.writeAndFlush(out);
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws Exception {
    byte type = frame.readByte();
    frame.skipBytes(4);
    switch (type) {
      case 'R' -> authenticate(ctx, frame);
      case 'S' -> parameters.writeByte('S').writeInt(frame.readableBytes() + 4).writeBytes(frame);
      case 'K' -> {
        processId = frame.readInt();
        secret = frame.readInt();
      }
      case 'E' -> fail(ctx, EngineErrors.fatalFromFields(frame.toString(StandardCharsets.UTF_8)));
      case 'Z' -> {
        ctx.channel().config().setAutoRead(false);
        ByteBuf handed = parameters;
        parameters = null;
        done.complete(new Started(handed, processId, secret));
      }
      default -> { } // NoticeResponse, NegotiateProtocolVersion: nothing the client needs
    }
  }

  private void authenticate(ChannelHandlerContext ctx, ByteBuf frame) throws GatewayException {
    int code = frame.readInt();
    switch (code) {
      case 0 -> { }
      case 3 -> sendPassword(ctx, cString(ctx.alloc().buffer(), password));
      case 5 -> {
        byte[] salt = new byte[4];
        frame.readBytes(salt);
        sendPassword(ctx, cString(ctx.alloc().buffer(), md5Password(salt)));
      }
      case 10 -> startScram(ctx, frame);
      case 11 -> {
        try {
          scram.serverFirstMessage(frame.toString(StandardCharsets.UTF_8));
        } catch (ScramException e) {
          throw authFailed("the engine's SCRAM exchange failed: " + e.getMessage());
        }
        sendClientFinalOffLoop(ctx);
      }
      case 12 -> {
        try {
          scram.serverFinalMessage(frame.toString(StandardCharsets.UTF_8));
        } catch (ScramException e) {
          throw authFailed("the engine's SCRAM signature did not verify: " + e.getMessage());
        }
      }
      default -> throw authFailed("the engine asked for authentication method " + code
          + ", which the gateway does not speak");
    }
  }

  /**
   * The client-final message derives the salted password (PBKDF2, 4096 iterations by default: a few
   * milliseconds of CPU), which must not stall the other sessions on this event loop; a virtual
   * thread computes it and the loop sends it.
   */
  private void sendClientFinalOffLoop(ChannelHandlerContext ctx) {
    ScramClient exchange = scram;
    Thread.ofVirtual().name("engine-scram").start(() -> {
      byte[] clientFinal;
      try {
        clientFinal = exchange.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        ctx.executor().execute(() -> fail(ctx, GatewayError.fatal(SqlState.CONNECTION_FAILURE,
            "the engine's SCRAM exchange failed: " + e.getMessage())));
        return;
      }
      ctx.executor().execute(() -> {
        if (ctx.channel().isActive()) {
          sendPassword(ctx, ctx.alloc().buffer(clientFinal.length).writeBytes(clientFinal));
        }
      });
    });
  }

  private void startScram(ChannelHandlerContext ctx, ByteBuf frame) throws GatewayException {
    List<String> mechanisms = new ArrayList<>();
    while (frame.isReadable()) {
      int nul = frame.bytesBefore((byte) 0);
      if (nul <= 0) {
        break;
      }
      mechanisms.add(frame.readCharSequence(nul, StandardCharsets.UTF_8).toString());
      frame.skipBytes(1);
    }
    if (!mechanisms.contains("SCRAM-SHA-256")) {
      throw authFailed("the engine offered SASL mechanisms " + mechanisms + " without SCRAM-SHA-256");
    }
    // Channel binding needs TLS, which the relay does not use: plain SCRAM-SHA-256.
    scram = ScramClient.builder().advertisedMechanisms(List.of("SCRAM-SHA-256")).username("*")
        .password(password.toCharArray()).build();
    byte[] first = scram.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
    ByteBuf body = ctx.alloc().buffer();
    cString(body, "SCRAM-SHA-256").writeInt(first.length).writeBytes(first);
    sendPassword(ctx, body);
  }

  private String md5Password(byte[] salt) throws GatewayException {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      String inner = HexFormat.of().formatHex(md5.digest((password + user).getBytes(StandardCharsets.UTF_8)));
      md5.update(inner.getBytes(StandardCharsets.US_ASCII));
      md5.update(salt);
      return "md5" + HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw authFailed("MD5 is not available in this JVM");
    }
  }

  /** PasswordMessage, SASLInitialResponse and SASLResponse are all type 'p'. */
  private static void sendPassword(ChannelHandlerContext ctx, ByteBuf body) {
    ByteBuf out = ctx.alloc().buffer(body.readableBytes() + 5);
    out.writeByte('p').writeInt(body.readableBytes() + 4).writeBytes(body);
    body.release();
    ctx.writeAndFlush(out);
  }

  private static GatewayException authFailed(String message) {
    return new GatewayException(GatewayError.fatal(SqlState.CONNECTION_FAILURE, message));
  }

  private void fail(ChannelHandlerContext ctx, GatewayError error) {
    done.completeExceptionally(new GatewayException(error));
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof GatewayException e) {
      fail(ctx, e.error());
    } else {
      fail(ctx, GatewayError.fatal(SqlState.CONNECTION_FAILURE, "the engine connection failed: " + cause));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    done.completeExceptionally(new GatewayException(GatewayError.fatal(SqlState.CONNECTION_FAILURE,
        "the engine closed the connection during start-up")));
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (parameters != null) {
      parameters.release();
      parameters = null;
    }
  }

  private static ByteBuf cString(ByteBuf out, String value) {
    ByteBufUtil.writeUtf8(out, value);
    return out.writeByte(0);
  }
}
