package wiregate.mysql.codec;

/**
 * The sequence ids of one connection. Every packet of an exchange carries the next id, whoever sends
 * it: the server's first answer is the client's id + 1, and the client's next packet in the same
 * exchange follows the server's last one. A new command starts again at 0. Confined to whichever
 * thread is driving the connection at the time (the event loop for the greeting, then the worker).
 */
public final class PacketSequence {
  private int next;

  /** The id for the next server packet. */
  public int nextOutbound() {
    int id = next;
    next = (next + 1) & 0xff;
    return id;
  }

  /** The id the next client packet of this exchange must carry. */
  public int expectedInbound() {
    return next;
  }

  /**
   * Accepts a client packet of the current exchange.
   *
   * @return false if its id is not the expected one (ER_NET_PACKETS_OUT_OF_ORDER)
   */
  public boolean accept(MySqlPacket packet) {
    boolean inOrder = packet.sequenceId() == next;
    continueAfter(packet);
    return inOrder;
  }

  /** Accepts a client packet that starts a new command: its id must be 0. */
  public boolean acceptCommand(MySqlPacket packet) {
    next = 0;
    return accept(packet);
  }

  /** Answers follow this packet, in order or not (so an error about it is still numbered sensibly). */
  public void continueAfter(MySqlPacket packet) {
    next = (packet.lastSequenceId() + 1) & 0xff;
  }

  /** Answers follow a client packet with this id. */
  public void continueAfter(int clientSequenceId) {
    next = (clientSequenceId + 1) & 0xff;
  }
}
