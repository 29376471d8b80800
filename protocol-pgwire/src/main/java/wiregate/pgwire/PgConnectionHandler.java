package wiregate.pgwire;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.session.SerialCommandExecutor;
import wiregate.pgwire.codec.FrontendMessage;

/**
 * The event-loop side of a connection. Pre-startup negotiation (SSL, GSSENC, cancel) needs pipeline
 * changes in step with the bytes, so it is answered here; everything else runs on the session's
 * worker, one message at a time.
 */
final class PgConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(PgConnectionHandler.class);

  private final PgServices services;
  private final PgSession session;
  private final SerialCommandExecutor commands;

  PgConnectionHandler(PgServices services, PgSession session, SerialCommandExecutor commands) {
    this.services = services;
    this.session = session;
    this.commands = commands;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FrontendMessage message)) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    switch (message) {
      case FrontendMessage.SslRequest ignored -> answerSslRequest(ctx);
      case FrontendMessage.GssEncRequest ignored -> ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
      case FrontendMessage.CancelRequest cancel -> {
        services.workers().execute(() -> services.cancels().cancel(cancel.processId(), cancel.secret()));
        ctx.close();
      }
      default -> commands.submit(() -> session.handle(message));
    }
  }

  /** 'S' goes out in the clear, then TLS starts in front of the startup decoder. */
  private void answerSslRequest(ChannelHandlerContext ctx) {
    boolean alreadyTls = ctx.pipeline().get(SslHandler.class) != null;
    if (services.sslContext() == null || alreadyTls) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
      return;
    }
    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
    SslHandler ssl = services.sslContext().newHandler(ctx.alloc());
    ctx.pipeline().addBefore("pg-startup", "tls", ssl);
    session.tlsStarted();
  }

  /**
   * Like PostgreSQL, a client that goes away does not cancel what it sent: queued commands still
   * run (a fire-and-forget INSERT commits), then the session closes.
   */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    commands.submit(session::close);
    super.channelInactive(ctx);
  }

  /** A client that shut down its sending side still gets the answers to what it sent. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
      commands.submit(session::close);
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing connection {} after an error: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
