package wiregate.mysql;

import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.codec.PacketChannel;

/**
 * What a connection does once its client has logged in. Every method runs on the connection's
 * worker thread (its SerialCommandExecutor), one call at a time, in packet order, so it may block
 * on the engine.
 *
 * <p>Sequence ids are handled for it: before {@link #packet} the command's id has been checked (0),
 * and {@link PacketChannel#send} numbers the answers from 1. A command's answer must end with
 * {@link PacketChannel#flush()}.
 *
 * <p>COM_CHANGE_USER never reaches {@link #packet}: the connection re-runs authentication itself
 * (AuthSwitchRequest and all) and calls {@link #userChanged}; only after it returns does the client
 * get OK. A failed re-authentication closes the connection, as in MySQL.
 */
public interface CommandPhase {
  /**
   * The client has authenticated; the OK that ends the handshake is sent after this returns.
   *
   * @throws LoginRefusedException to send an ERR instead (e.g. unknown database) and close
   */
  void start(AuthenticatedClient client) throws LoginRefusedException;

  /** One command packet (COM_QUERY, COM_STMT_EXECUTE, COM_PING, COM_QUIT, ...), except COM_CHANGE_USER. */
  void packet(MySqlPacket packet);

  /**
   * COM_CHANGE_USER succeeded: reset the session as if {@code client} had just connected (roll back,
   * drop prepared statements, variables and temporary state, select its database).
   *
   * @throws LoginRefusedException to send an ERR instead of OK and close
   */
  void userChanged(AuthenticatedClient client) throws LoginRefusedException;

  /** The connection is closing or closed: release what the phase holds. Called once. */
  void close();

  /** Makes the phase of one connection. */
  @FunctionalInterface
  interface Factory {
    CommandPhase create(PacketChannel channel);
  }
}
