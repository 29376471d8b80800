package wiregate.mysql.auth;

import java.util.List;
import wiregate.mysql.codec.ErrPacket;
import wiregate.mysql.codec.PacketPayload;

/** What an authentication exchange wants the connection to do next. */
public sealed interface AuthStep {
  /** Send {@code request} and pass the client's next packet to {@link AuthExchange#respond}. */
  record Continue(PacketPayload request) implements AuthStep {}

  /** The client is who it says: send {@code before} (e.g. fast-auth-success), then OK. */
  record Success(String userName, List<PacketPayload> before) implements AuthStep {}

  /** Send the error and close the connection. */
  record Failure(ErrPacket error) implements AuthStep {}
}
