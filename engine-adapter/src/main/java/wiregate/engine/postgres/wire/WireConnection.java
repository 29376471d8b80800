package wiregate.engine.postgres.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import wiregate.core.engine.PgWireConnection;

/** An engine connection past its start-up, waiting for the relay to take over its bytes. */
final class WireConnection implements PgWireConnection {
  private final Channel channel;
  private final EngineStartup.Started started;
  private final EngineWireConnector connector;

  WireConnection(Channel channel, EngineStartup.Started started, EngineWireConnector connector) {
    this.channel = channel;
    this.started = started;
    this.connector = connector;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public ByteBuf startupParameters() {
    return started.parameters();
  }

  @Override
  public int processId() {
    return started.processId();
  }

  @Override
  public void cancel() {
    connector.cancel(channel, started.processId(), started.secret());
  }

  @Override
  public void relayTo(ChannelHandler relay) {
    channel.pipeline().addLast("engine-relay", relay);
    channel.pipeline().remove(EngineWireConnector.STARTUP);
    // The frame decoder passes on whatever it holds beyond the last frame; from here bytes flow raw.
    channel.pipeline().remove(EngineWireConnector.FRAMES);
    channel.config().setAutoRead(true);
  }
}
