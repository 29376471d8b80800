package wiregate.pgwire;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import wiregate.core.engine.PgWireConnection;
import wiregate.core.metrics.CommandMetrics;
import wiregate.core.model.GatewayError;
import wiregate.core.model.SqlState;
import wiregate.pgwire.codec.BackendMessages;
import wiregate.pgwire.codec.FrameScanner;
import wiregate.pgwire.codec.MessageDecoder;

/**
 * The relay fast path: a PostgreSQL client's connection spliced onto an engine connection of its own,
 * on the same event loop. Bytes pass through both ways as they arrive, with no decoding beyond
 * message headers (to count commands, enforce the message size limit and find message boundaries),
 * and each side reads only while the other can take more.
 */
final class PgRelay {
  /** The client pipeline's session handlers, replaced by the relay. */
  private static final String[] SESSION_HANDLERS = {"pg-commands-counted", "pg-writability", "pg-connection"};
  /** The message decoder, removed last: it hands the bytes it still holds on to the relay. */
  private static final String DECODER = "pg-messages";

  private final Channel client;
  private final PgWireConnection engine;
  private final Counter queries;
  private final Counter executes;
  private final int maxMessageSize;
  private final BackendMessages messages;
  private final FrameScanner fromClient = new FrameScanner();
  private final FrameScanner fromEngine = new FrameScanner();
  private final FrameScanner.Listener clientMessages = this::clientMessage;
  private final FrameScanner.Listener engineMessages = (type, length) -> true;
  /** A protocol error the client caused, to report instead of relaying further. */
  private GatewayError refused;
  private boolean terminating;

  PgRelay(Channel client, PgWireConnection engine, CommandMetrics metrics, int maxMessageSize,
      BackendMessages messages) {
    this.client = client;
    this.engine = engine;
    this.queries = metrics.counter("query");
    this.executes = metrics.counter("execute");
    this.maxMessageSize = maxMessageSize;
    this.messages = messages;
  }

  /**
   * Sends {@code greeting} (the end of the client's start-up: ParameterStatus, BackendKeyData,
   * ReadyForQuery) and splices the two channels. Runs on the shared event loop, so no relayed byte
   * can overtake the greeting.
   */
  void start(ByteBuf greeting) {
    client.eventLoop().execute(() -> {
      if (!client.isActive()) {
        greeting.release();
        engine.channel().close();
        return;
      }
      client.writeAndFlush(greeting);
      client.pipeline().addLast("pg-relay", new ClientSide());
      for (String name : SESSION_HANDLERS) {
        if (client.pipeline().get(name) != null) {
          client.pipeline().remove(name);
        }
      }
      // StartupDecoder replaced itself with the message decoder at the StartupMessage.
      client.pipeline().remove(DECODER);
      engine.relayTo(new EngineSide());
      client.config().setAutoRead(true);
    });
  }

  /**
   * A drain ran out of time: cancel what runs, end the engine connection, and tell the client as
   * PostgreSQL's fast shutdown does (FATAL 57P01) when the stream is between messages.
   */
  void terminate() {
    engine.cancel();
    client.eventLoop().execute(() -> {
      terminating = true;
      engine.channel().close();
    });
  }

  private boolean clientMessage(byte type, int length) {
    refused = MessageDecoder.framingError((char) type, length, maxMessageSize);
    if (refused != null) {
      return false;
    }
    switch (type) {
      case 'Q' -> queries.increment();
      case 'E' -> executes.increment();
      default -> { }
    }
    return true;
  }

  /** Client bytes to the engine; the engine's own checks apply to everything but the size limit. */
  private final class ClientSide extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof ByteBuf buf) || refused != null) {
        ReferenceCountUtil.release(msg);
        return;
      }
      int stop = fromClient.scan(buf, clientMessages);
      if (stop < 0) {
        engine.channel().write(buf, engine.channel().voidPromise());
        return;
      }
      // What came before the refused message still reaches the engine, then the client hears why.
      if (stop > buf.readerIndex()) {
        engine.channel().write(buf.retainedSlice(buf.readerIndex(), stop - buf.readerIndex()),
            engine.channel().voidPromise());
      }
      buf.release();
      engine.channel().flush();
      ByteBuf error = ctx.alloc().buffer();
      messages.errorResponse(error, refused);
      ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
      engine.channel().close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      engine.channel().flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      engine.channel().config().setAutoRead(ctx.channel().isWritable());
      ctx.fireChannelWritabilityChanged();
    }

    /** Like PostgreSQL, a client that goes away does not cancel what it sent: the engine finishes it. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      engine.channel().writeAndFlush(Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
      ctx.fireChannelInactive();
    }

    /**
     * A client that shut down its sending side still gets every answer: the engine sees the same EOF
     * after the last relayed byte, answers what it received, and closes, which closes the client.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent && engine.channel() instanceof SocketChannel socket) {
        socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> socket.shutdownOutput());
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Engine bytes to the client. */
  private final class EngineSide extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof ByteBuf buf)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      fromEngine.scan(buf, engineMessages);
      client.write(buf, client.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      client.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (terminating && fromEngine.atBoundary() && client.isActive()) {
        ByteBuf error = client.alloc().buffer();
        messages.errorResponse(error, GatewayError.fatal(SqlState.ADMIN_SHUTDOWN,
            "terminating connection due to administrator command"));
        client.write(error, client.voidPromise());
      }
      client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
