package wiregate.engine.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback TCP port availability, checked by binding the port ourselves. */
final class FreePort {
  private FreePort() {}

  /** A port that was free a moment ago; postgres binds it right after, so the race is narrow. */
  static int pick() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
      return socket.getLocalPort();
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(loopback(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** IPv4 explicitly: the engine listens on 127.0.0.1 only, whatever the JVM prefers. */
  static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
  }
}
