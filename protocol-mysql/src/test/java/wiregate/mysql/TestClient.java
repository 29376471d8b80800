package wiregate.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.mysql.codec.CapabilityFlags;
import wiregate.mysql.codec.HandshakeResponse41;
import wiregate.mysql.codec.MySqlPacket;

/** The client side of a MySQL connection to a frontend installed on an EmbeddedChannel. */
final class TestClient {
  static final int CAPABILITIES = CapabilityFlags.SERVER_DEFAULT & ~CapabilityFlags.DEPRECATE_EOF;

  final EmbeddedChannel channel;
  private final ByteBuf received = Unpooled.buffer();
  byte[] scramble;
  int serverCapabilities;
  String serverPlugin;

  TestClient(MySqlFrontend frontend, boolean tlsAtIngress) {
    channel = new EmbeddedChannel();
    frontend.install(channel, new ConnectionInfo("mysql", new InetSocketAddress("127.0.0.1", 40000), tlsAtIngress));
    readGreeting();
  }

  private void readGreeting() {
    MySqlPacket greeting = read();
    assertEquals(0, greeting.sequenceId());
    ByteBuf in = greeting.buffer();
    assertEquals(10, in.readUnsignedByte());
    while (in.readByte() != 0) {
      // server version
    }
    in.skipBytes(4);
    byte[] first = new byte[8];
    in.readBytes(first);
    in.skipBytes(1);
    int lower = in.readUnsignedShortLE();
    in.skipBytes(1 + 2);
    serverCapabilities = lower | in.readUnsignedShortLE() << 16;
    in.skipBytes(1 + 10);
    byte[] second = new byte[12];
    in.readBytes(second);
    in.skipBytes(1);
    int nul = in.bytesBefore((byte) 0);
    serverPlugin = in.readCharSequence(nul, StandardCharsets.UTF_8).toString();
    scramble = new byte[20];
    System.arraycopy(first, 0, scramble, 0, 8);
    System.arraycopy(second, 0, scramble, 8, 12);
  }

  void login(int sequenceId, String user, String plugin, byte[] authResponse, String database,
      Map<String, String> attributes) {
    int caps = CAPABILITIES | (database != null ? CapabilityFlags.CONNECT_WITH_DB : 0);
    send(sequenceId, new HandshakeResponse41(caps, 1 << 24, 45, user, authResponse, database, plugin, attributes));
  }

  void send(int sequenceId, wiregate.mysql.codec.PacketPayload message) {
    ByteBuf payload = Unpooled.buffer();
    message.encode(payload);
    send(sequenceId, io.netty.buffer.ByteBufUtil.getBytes(payload));
  }

  void send(int sequenceId, byte[] payload) {
    ByteBuf packet = Unpooled.buffer();
    packet.writeMediumLE(payload.length).writeByte(sequenceId).writeBytes(payload);
    channel.writeInbound(packet);
  }

  /** The next server packet (header checked, payload returned with its id). */
  MySqlPacket read() {
    while (received.readableBytes() < 4
        || received.readableBytes() < 4 + received.getUnsignedMediumLE(received.readerIndex())) {
      ByteBuf out = channel.readOutbound();
      assertNotNull(out, "expected a packet from the server");
      received.writeBytes(out);
      out.release();
    }
    int length = received.readUnsignedMediumLE();
    int sequenceId = received.readUnsignedByte();
    byte[] payload = new byte[length];
    received.readBytes(payload);
    return new MySqlPacket(sequenceId, payload);
  }

  /** Reads an ERR packet and returns "errno sqlstate message". */
  String readError(int sequenceId) {
    MySqlPacket packet = read();
    assertEquals(sequenceId, packet.sequenceId());
    ByteBuf in = packet.buffer();
    assertEquals(0xff, in.readUnsignedByte(), "expected ERR");
    int code = in.readUnsignedShortLE();
    in.skipBytes(1);
    return code + " " + in.toString(StandardCharsets.UTF_8);
  }

  void expectOk(int sequenceId) {
    MySqlPacket packet = read();
    assertEquals(sequenceId, packet.sequenceId());
    assertEquals(0x00, packet.firstByte(), "expected OK, got " + io.netty.buffer.ByteBufUtil.hexDump(packet.payload()));
  }

  boolean nothingMoreSent() {
    return !received.isReadable() && channel.outboundMessages().isEmpty();
  }

  // ------------------------------------------------------------------ the plugins' client side

  static byte[] sha2Scramble(String password, byte[] nonce) {
    byte[] one = sha("SHA-256", password.getBytes(StandardCharsets.UTF_8));
    byte[] mask = sha("SHA-256", sha("SHA-256", one), nonce);
    return xor(one, mask);
  }

  static byte[] nativeScramble(String password, byte[] nonce) {
    byte[] one = sha("SHA-1", password.getBytes(StandardCharsets.UTF_8));
    return xor(one, sha("SHA-1", nonce, sha("SHA-1", one)));
  }

  static byte[] cleartext(String password) {
    return (password + "\0").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i % b.length]);
    }
    return out;
  }

  static byte[] sha(String algorithm, byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
