package wiregate.core.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Set;

/**
 * A frontend that a configuration reload can replace while the listener keeps running. Each new
 * connection is installed by the frontend current at that moment; connections already open keep the
 * one they were installed with, so a reload never disturbs them. The replacement must be the same
 * protocol (same name, detection, ALPN ids).
 */
public final class SwappableFrontend implements ProtocolFrontend {
  private volatile ProtocolFrontend current;

  public SwappableFrontend(ProtocolFrontend initial) {
    this.current = initial;
  }

  public void swap(ProtocolFrontend next) {
    if (!next.name().equals(current.name())) {
      throw new IllegalArgumentException("cannot replace " + current.name() + " with " + next.name());
    }
    current = next;
  }

  @Override
  public String name() {
    return current.name();
  }

  @Override
  public Detection detect(ByteBuf firstBytes) {
    return current.detect(firstBytes);
  }

  @Override
  public void install(Channel channel, ConnectionInfo connection) {
    current.install(channel, connection);
  }

  @Override
  public Set<String> alpnProtocols() {
    return current.alpnProtocols();
  }

  @Override
  public boolean serverSpeaksFirst() {
    return current.serverSpeaksFirst();
  }
}
