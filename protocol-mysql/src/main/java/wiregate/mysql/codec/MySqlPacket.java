package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One logical client packet: the payload with its continuation packets joined. {@code sequenceId}
 * is the first fragment's, {@code lastSequenceId} the last one's (equal unless the payload was
 * 16 MiB or more); the server's answer continues after {@code lastSequenceId}. The payload is a
 * heap array, so a packet can be handed to a worker thread without reference counting.
 */
public record MySqlPacket(int sequenceId, int lastSequenceId, byte[] payload) {
  public MySqlPacket(int sequenceId, byte[] payload) {
    this(sequenceId, sequenceId, payload);
  }

  /** A fresh reader over the payload. */
  public ByteBuf buffer() {
    return Unpooled.wrappedBuffer(payload);
  }

  /** The first byte (the command, in the command phase), or -1 for an empty payload. */
  public int firstByte() {
    return payload.length == 0 ? -1 : payload[0] & 0xff;
  }

  public int length() {
    return payload.length;
  }
}
