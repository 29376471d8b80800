package wiregate.core.ingress;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket transport: Linux's native epoll when Netty's native library loads (fewer system calls
 * and less garbage per read than the JDK selector, which matters on the relay's hot path), else NIO.
 * Channels must match the event loop they are registered on, so outgoing connections made on a
 * client's loop (the relay's engine connections) take the client channel's kind.
 */
public final class Transports {
  private Transports() {}

  /** Whether this JVM uses epoll (the same answer for the whole process). */
  public static boolean epoll() {
    return Epoll.isAvailable();
  }

  public static IoHandlerFactory ioHandlerFactory() {
    return epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  public static Class<? extends ServerSocketChannel> serverChannel() {
    return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The client socket class that can register on the same event loop as {@code sibling}. */
  public static Class<? extends SocketChannel> socketChannelLike(Channel sibling) {
    return sibling instanceof EpollSocketChannel ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
