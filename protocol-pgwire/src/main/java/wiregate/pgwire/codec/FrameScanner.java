package wiregate.pgwire.codec;

import io.netty.buffer.ByteBuf;

/**
 * Follows the message boundaries of a relayed stream of typed messages (a type byte, an Int32 length
 * that counts itself, the body) as the bytes pass, without copying or holding them: headers are read,
 * bodies skipped. A header split across buffers is assembled across calls.
 */
public final class FrameScanner {
  /** Told of every message header as it completes; false refuses the message. */
  public interface Listener {
    boolean messageStarted(byte type, int length);
  }

  /** Header bytes of the current message seen so far (0 between messages, 1 to 4 inside a header). */
  private int headerSeen;
  private byte type;
  private int length;
  private long bodyLeft;

  /**
   * Scans {@code buf}'s readable bytes (its indexes do not move). Returns -1 when every message header
   * in it was accepted, else the index of the first byte not to pass on: the refused message's type
   * byte, or the buffer's start when that header began in an earlier buffer.
   */
  public int scan(ByteBuf buf, Listener listener) {
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    while (i < end) {
      if (bodyLeft > 0) {
        int skip = (int) Math.min(bodyLeft, end - i);
        i += skip;
        bodyLeft -= skip;
        continue;
      }
      int headerStart = i;
      if (headerSeen == 0 && end - i >= 5) {
        type = buf.getByte(i);
        length = buf.getInt(i + 1);
        i += 5;
      } else {
        byte b = buf.getByte(i++);
        if (headerSeen == 0) {
          type = b;
          length = 0;
        } else {
          length = (length << 8) | (b & 0xff);
        }
        if (++headerSeen < 5) {
          continue;
        }
        headerStart = i - 5 >= buf.readerIndex() ? i - 5 : buf.readerIndex();
      }
      headerSeen = 0;
      if (!listener.messageStarted(type, length)) {
        return headerStart;
      }
      bodyLeft = Math.max(length - 4, 0);
    }
    return -1;
  }

  /** Whether the bytes so far end exactly at a message boundary. */
  public boolean atBoundary() {
    return headerSeen == 0 && bodyLeft == 0;
  }
}
