package wiregate.core.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/** One engine connection opened for a relayed session; closing its channel gives its slot back. */
public interface PgWireConnection {
  /** The engine's channel, after its ReadyForQuery; auto-read is off until the relay turns it on. */
  Channel channel();

  /**
   * The ParameterStatus messages the engine sent during start-up, as frames to pass on to the client.
   * The caller owns the buffer.
   */
  ByteBuf startupParameters();

  /** The engine backend's process id (what pg_backend_pid() returns on this connection). */
  int processId();

  /**
   * Makes {@code relay} the only reader of the engine's bytes from now on, raw (not framed), and
   * starts reading. Call on the channel's event loop.
   */
  void relayTo(io.netty.channel.ChannelHandler relay);

  /** Asks the engine to cancel what this connection runs (a CancelRequest on a new connection). */
  void cancel();
}
