package wiregate.mysql.codec;

/**
 * What the packet decoder emits, instead of a packet, when the byte stream can no longer be framed
 * safely; it then ignores all further input, and the connection answers with an ERR and closes.
 */
public sealed interface FramingFault {
  /** The sequence id to answer after. */
  int sequenceId();

  /** A logical packet longer than max_allowed_packet (ER_NET_PACKET_TOO_LARGE). */
  record PacketTooLarge(int sequenceId, long length, int limit) implements FramingFault {}

  /** A continuation packet whose sequence id does not follow the previous fragment's. */
  record ContinuationOutOfOrder(int sequenceId, int expected) implements FramingFault {}

  /** A login packet (the first one a decoder frames) whose sequence id is not the expected one. */
  record LoginOutOfOrder(int sequenceId, int expected) implements FramingFault {}
}
