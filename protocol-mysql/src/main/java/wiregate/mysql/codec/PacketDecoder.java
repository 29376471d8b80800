package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames client bytes into {@link MySqlPacket}s: a 3-byte little-endian length, a sequence id, the
 * payload. A fragment of exactly 0xFFFFFF bytes means the payload continues in the next packet
 * (ended by a shorter one, possibly empty); they are joined into one logical packet. A logical
 * packet longer than the limit is refused as soon as its length is known, before it is buffered.
 * Emits at most one packet per call, so a handler may change the pipeline (start TLS) between two
 * packets and the bytes after it reach the new handlers. The sequence id of the login packet is
 * checked as soon as its header arrives, as MySQL does: a client speaking another protocol (an HTTP
 * request, noise) is refused at once instead of being waited for until its made-up length arrives.
 */
public final class PacketDecoder extends ByteToMessageDecoder {
  public static final int MAX_FRAGMENT = 0xFFFFFF;
  static final int HEADER = 4;

  private final int maxPacketSize;
  private byte[] joined;
  private int joinedLength;
  private int firstSequenceId;
  private int lastSequenceId;
  private boolean failed;
  /** The sequence id the next packet must carry while it is the login packet; -1 afterwards. */
  private int loginSequenceId;

  /**
   * @param maxPacketSize the largest logical payload accepted (max_allowed_packet)
   * @param loginSequenceId the sequence id of the first packet this decoder frames (1 after the
   *     greeting, 2 after an SSLRequest), or -1 to frame packets of any id
   */
  public PacketDecoder(int maxPacketSize, int loginSequenceId) {
    this.maxPacketSize = maxPacketSize;
    this.loginSequenceId = loginSequenceId;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < HEADER) {
      return;
    }
    int start = in.readerIndex();
    int length = in.getUnsignedMediumLE(start);
    int sequenceId = in.getUnsignedByte(start + 3);
    if (loginSequenceId >= 0) {
      if (sequenceId != loginSequenceId) {
        fail(in, out, new FramingFault.LoginOutOfOrder(sequenceId, loginSequenceId));
        return;
      }
      loginSequenceId = -1;
    }
    boolean continuation = joined != null;
    if (continuation && sequenceId != ((lastSequenceId + 1) & 0xff)) {
      fail(in, out, new FramingFault.ContinuationOutOfOrder(sequenceId, (lastSequenceId + 1) & 0xff));
      return;
    }
    long logicalLength = (long) joinedLength + length;
    if (logicalLength > maxPacketSize) {
      fail(in, out, new FramingFault.PacketTooLarge(continuation ? firstSequenceId : sequenceId, logicalLength,
          maxPacketSize));
      return;
    }
    if (in.readableBytes() < HEADER + length) {
      return;
    }
    in.skipBytes(HEADER);
    if (length == MAX_FRAGMENT || continuation) {
      append(in, length, sequenceId);
      if (length == MAX_FRAGMENT) {
        return; // more to come
      }
      byte[] payload = joined.length == joinedLength ? joined : java.util.Arrays.copyOf(joined, joinedLength);
      out.add(new MySqlPacket(firstSequenceId, sequenceId, payload));
      joined = null;
      joinedLength = 0;
      return;
    }
    byte[] payload = new byte[length];
    in.readBytes(payload);
    out.add(new MySqlPacket(sequenceId, payload));
  }

  private void append(ByteBuf in, int length, int sequenceId) {
    if (joined == null) {
      joined = new byte[Math.min(maxPacketSize, 2 * MAX_FRAGMENT)];
      firstSequenceId = sequenceId;
    } else if (joined.length < joinedLength + length) {
      joined = java.util.Arrays.copyOf(joined, (int) Math.min(maxPacketSize, 2L * (joinedLength + length)));
    }
    in.readBytes(joined, joinedLength, length);
    joinedLength += length;
    lastSequenceId = sequenceId;
  }

  private void fail(ByteBuf in, List<Object> out, FramingFault fault) {
    failed = true;
    joined = null;
    in.skipBytes(in.readableBytes());
    out.add(fault);
  }
}
