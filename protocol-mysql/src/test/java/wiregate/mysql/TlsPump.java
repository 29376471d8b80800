package wiregate.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/** Drives a client SSLEngine against the server side of an EmbeddedChannel. */
final class TlsPump {
  private final SSLEngine engine;
  private final EmbeddedChannel channel;
  private ByteBuffer fromServer = ByteBuffer.allocate(0);
  private final ByteBuf plaintext = Unpooled.buffer();

  TlsPump(SSLEngine engine, EmbeddedChannel channel) {
    this.engine = engine;
    this.channel = channel;
    engine.setUseClientMode(true);
  }

  byte[] clientHello() throws SSLException {
    return wrap(ByteBuffer.allocate(0));
  }

  void completeHandshake() throws SSLException {
    for (int round = 0; round < 50; round++) {
      SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
      switch (status) {
        case NEED_WRAP -> channel.writeInbound(Unpooled.wrappedBuffer(wrap(ByteBuffer.allocate(0))));
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapOnce();
        case NEED_TASK -> {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
        }
        case FINISHED, NOT_HANDSHAKING -> {
          return;
        }
      }
    }
    throw new AssertionError("TLS handshake did not complete");
  }

  void sendPacket(int sequenceId, byte[] payload) throws SSLException {
    ByteBuffer packet = ByteBuffer.allocate(payload.length + 4);
    packet.put((byte) payload.length).put((byte) (payload.length >> 8)).put((byte) (payload.length >> 16))
        .put((byte) sequenceId).put(payload).flip();
    channel.writeInbound(Unpooled.wrappedBuffer(wrap(packet)));
  }

  byte[] readPacket(int expectedSequenceId) throws SSLException {
    for (int round = 0; round < 20 && (plaintext.readableBytes() < 4
        || plaintext.readableBytes() < 4 + plaintext.getUnsignedMediumLE(plaintext.readerIndex())); round++) {
      unwrapOnce();
    }
    int length = plaintext.readUnsignedMediumLE();
    assertEquals(expectedSequenceId, plaintext.readUnsignedByte());
    byte[] payload = new byte[length];
    plaintext.readBytes(payload);
    return payload;
  }

  private byte[] wrap(ByteBuffer data) throws SSLException {
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
    do {
      engine.wrap(data, out);
    } while (data.hasRemaining());
    out.flip();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }

  private void unwrapOnce() throws SSLException {
    ByteBuf more;
    while ((more = channel.readOutbound()) != null) {
      ByteBuffer joined = ByteBuffer.allocate(fromServer.remaining() + more.readableBytes());
      joined.put(fromServer);
      more.readBytes(joined);
      more.release();
      joined.flip();
      fromServer = joined;
    }
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
    SSLEngineResult result = engine.unwrap(fromServer, out);
    out.flip();
    plaintext.writeBytes(out);
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && !fromServer.hasRemaining()) {
      throw new AssertionError("the server sent nothing more");
    }
  }
}
