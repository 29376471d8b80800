package wiregate.core.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at a new connection's first bytes and hands the connection to the protocol they belong to.
 * A TLS ClientHello is terminated here and detection repeats on the decrypted bytes, where ALPN can
 * decide at once. A client that stays silent is given to the server-speaks-first protocol, if any.
 */
public final class ProtocolDetector extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(ProtocolDetector.class);
  /** No protocol needs more than this to be recognised; more undecided bytes are garbage. */
  private static final int MAX_PEEK = 64;

  private final String listener;
  private final List<ProtocolFrontend> frontends;
  private final SslContext sslContext;
  private final long silenceTimeoutMs;
  private final boolean insideTls;
  private ScheduledFuture<?> silenceTimer;
  private boolean decided;

  public ProtocolDetector(String listener, List<ProtocolFrontend> frontends, SslContext sslContext,
      long silenceTimeoutMs) {
    this(listener, frontends, sslContext, silenceTimeoutMs, false);
  }

  private ProtocolDetector(String listener, List<ProtocolFrontend> frontends, SslContext sslContext,
      long silenceTimeoutMs, boolean insideTls) {
    this.listener = listener;
    this.frontends = frontends;
    this.sslContext = sslContext;
    this.silenceTimeoutMs = silenceTimeoutMs;
    this.insideTls = insideTls;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      startSilenceTimer(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    startSilenceTimer(ctx);
    super.channelActive(ctx);
  }

  private void startSilenceTimer(ChannelHandlerContext ctx) {
    if (silenceTimer == null && !insideTls) {
      silenceTimer = ctx.executor().schedule(() -> onSilence(ctx), silenceTimeoutMs, TimeUnit.MILLISECONDS);
    }
  }

  private void onSilence(ChannelHandlerContext ctx) {
    if (decided || !ctx.channel().isActive()) {
      return;
    }
    for (ProtocolFrontend frontend : frontends) {
      if (frontend.serverSpeaksFirst()) {
        handOver(ctx, frontend);
        return;
      }
    }
    log.info("closing connection from {} on {}: no bytes within {} ms", ctx.channel().remoteAddress(), listener,
        silenceTimeoutMs);
    decided = true;
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent && !decided) {
      // The client stopped sending before saying which protocol it speaks.
      decided = true;
      ctx.close();
      return;
    }
    if (evt instanceof SslHandshakeCompletionEvent done && insideTls && !decided) {
      if (!done.isSuccess()) {
        log.info("TLS handshake with {} on {} failed: {}", ctx.channel().remoteAddress(), listener,
            done.cause().getMessage());
        decided = true;
        ctx.close();
        return;
      }
      String alpn = ctx.pipeline().get(SslHandler.class).applicationProtocol();
      if (alpn != null) {
        for (ProtocolFrontend frontend : frontends) {
          if (frontend.alpnProtocols().contains(alpn)) {
            handOver(ctx, frontend);
            return;
          }
        }
      }
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (decided || !in.isReadable()) {
      return;
    }
    if (!insideTls && sslContext != null) {
      ProtocolFrontend.Detection tls = TlsRecognizer.detect(in);
      if (tls == ProtocolFrontend.Detection.NEED_MORE) {
        return;
      }
      if (tls == ProtocolFrontend.Detection.MATCH) {
        startTls(ctx);
        return;
      }
    }
    if (frontends.size() == 1) {
      // A protocol's own port: its codec judges the bytes and answers in its own terms.
      handOver(ctx, frontends.get(0));
      return;
    }
    boolean undecided = false;
    for (ProtocolFrontend frontend : frontends) {
      switch (frontend.detect(in)) {
        case MATCH -> {
          handOver(ctx, frontend);
          return;
        }
        case NEED_MORE -> undecided = true;
        case NO_MATCH -> { }
      }
    }
    if (!undecided || in.readableBytes() > MAX_PEEK) {
      log.info("closing connection from {} on {}: unrecognised protocol (first bytes {})",
          ctx.channel().remoteAddress(), listener, io.netty.buffer.ByteBufUtil.hexDump(in, in.readerIndex(),
              Math.min(in.readableBytes(), 16)));
      decided = true;
      in.skipBytes(in.readableBytes());
      ctx.close();
    }
  }

  private void startTls(ChannelHandlerContext ctx) {
    decided = true;
    cancelTimer();
    SslHandler ssl = sslContext.newHandler(ctx.alloc());
    ctx.pipeline().addAfter(ctx.name(), "tls", ssl);
    ctx.pipeline().addAfter("tls", "detect-in-tls",
        new ProtocolDetector(listener, frontends, null, silenceTimeoutMs, true));
    ctx.pipeline().remove(this);
  }

  private void handOver(ChannelHandlerContext ctx, ProtocolFrontend frontend) {
    decided = true;
    cancelTimer();
    frontend.install(ctx.channel(), new ConnectionInfo(listener, ctx.channel().remoteAddress(), insideTls));
    ctx.pipeline().remove(this);
  }

  private void cancelTimer() {
    if (silenceTimer != null) {
      silenceTimer.cancel(false);
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    cancelTimer();
  }
}
