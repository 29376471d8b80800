package wiregate.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.session.SerialCommandExecutor;
import wiregate.mysql.codec.FramingFault;
import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.codec.PacketDecoder;
import wiregate.mysql.codec.PacketSequence;
import wiregate.mysql.codec.PacketWriter;
import wiregate.mysql.codec.SslRequest;

/**
 * The event-loop side of a MySQL connection. It sends the greeting as soon as it is in the
 * pipeline (the server speaks first), and starts TLS when the client's first packet is an
 * SSLRequest: that has to happen between two packets, before the decoder reads the TLS bytes that
 * follow. Everything else runs on the connection's worker, one packet at a time.
 */
final class MySqlConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(MySqlConnectionHandler.class);
  static final String FRAMES = "mysql-frames";
  static final String TLS = "mysql-tls";
  static final String TLS_FRAMES = "mysql-tls-frames";
  /**
   * MySQL's connect_timeout (default 10 s): a client must have logged in by then, or it gets Bad
   * handshake and is disconnected, so silent or stalled connections do not hold resources.
   */
  static final long CONNECT_TIMEOUT_SECONDS = 10;

  private final MySqlServices services;
  private final MySqlConnection connection;
  private final SerialCommandExecutor commands;
  private final PacketSequence sequence;
  private boolean greeted;
  private boolean loginSeen;
  private ScheduledFuture<?> loginDeadline;

  MySqlConnectionHandler(MySqlServices services, MySqlConnection connection, SerialCommandExecutor commands,
      PacketSequence sequence) {
    this.services = services;
    this.connection = connection;
    this.commands = commands;
    this.sequence = sequence;
  }

  /** Ingress installs the protocol on a connection that is already active. */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      greet(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    greet(ctx);
    super.channelActive(ctx);
  }

  private void greet(ChannelHandlerContext ctx) {
    if (greeted) {
      return;
    }
    greeted = true;
    ByteBuf out = ctx.alloc().buffer(128);
    new PacketWriter(sequence).write(out, connection.greeting());
    ctx.writeAndFlush(out);
    loginDeadline = ctx.executor().schedule(() -> commands.submit(connection::loginTimedOut),
        CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (msg) {
      case FramingFault fault -> commands.submit(() -> connection.fault(fault));
      case MySqlPacket packet -> {
        boolean first = !loginSeen;
        loginSeen = true;
        if (first && connection.offersTls() && SslRequest.matches(packet)) {
          startTls(ctx);
          loginSeen = false; // the login proper comes next, over TLS
          commands.submit(() -> connection.tlsStarted(packet));
        } else {
          commands.submit(() -> connection.received(packet));
        }
      }
      default -> ReferenceCountUtil.release(msg);
    }
  }

  /**
   * Puts TLS where the packet decoder was and a fresh decoder after it. Removing the old decoder
   * hands the bytes it holds beyond the SSLRequest (the start of the client's TLS handshake, often in
   * the same read) to the next handler, which is now TLS.
   */
  private void startTls(ChannelHandlerContext ctx) {
    ChannelPipeline pipeline = ctx.pipeline();
    SslHandler tls = services.sslContext().newHandler(ctx.alloc());
    pipeline.addAfter(FRAMES, TLS, tls);
    pipeline.addAfter(TLS, TLS_FRAMES, new PacketDecoder(services.maxPacketSize(), 2));
    pipeline.remove(FRAMES);
  }

  /**
   * A client that goes away does not cancel what it sent: queued commands still run, then the
   * command phase is closed.
   */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (loginDeadline != null) {
      loginDeadline.cancel(false);
    }
    commands.submit(connection::closed);
    super.channelInactive(ctx);
  }

  /**
   * A client that shut down its sending side (the listener allows half-closure) is gone as far as
   * MySQL is concerned: what it sent still runs, then the connection closes and releases its session.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
      commands.submit(() -> ctx.channel().close());
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing MySQL connection {} after an error: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
