package wiregate.pgwire.auth;

import io.netty.buffer.ByteBuf;
import wiregate.core.auth.AuthenticationFailedException;

/**
 * One authentication exchange of the PostgreSQL protocol: it writes its request, reads each 'p'
 * message the client answers with, and says when the client has proven who it is.
 */
public interface AuthExchange {
  /** Writes the first AuthenticationXXX request. */
  void start(ByteBuf out);

  /** Reads one client response; writes the next request if any. True once the client is authenticated. */
  boolean respond(byte[] payload, ByteBuf out) throws AuthenticationFailedException;
}
