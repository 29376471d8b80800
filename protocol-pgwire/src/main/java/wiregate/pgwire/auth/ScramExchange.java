package wiregate.pgwire.auth;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import wiregate.core.auth.AuthenticationFailedException;
import wiregate.core.auth.ScramServerExchange;
import wiregate.pgwire.codec.BackendMessages;

/**
 * AuthenticationSASL with SCRAM-SHA-256, and SCRAM-SHA-256-PLUS (tls-server-end-point channel
 * binding) on TLS connections: SASLInitialResponse carries client-first, SASLResponse carries
 * client-final; the SCRAM logic itself lives in gateway-core.
 */
final class ScramExchange implements AuthExchange {
  static final String PLUS = ScramServerExchange.MECHANISM_NAME + "-PLUS";

  private final ScramServerExchange scram;
  private final boolean plusOffered;
  private boolean firstSeen;

  ScramExchange(ScramServerExchange scram, boolean plusOffered) {
    this.scram = scram;
    this.plusOffered = plusOffered;
  }

  @Override
  public void start(ByteBuf out) {
    BackendMessages.authenticationSasl(out, plusOffered
        ? List.of(PLUS, ScramServerExchange.MECHANISM_NAME) : List.of(ScramServerExchange.MECHANISM_NAME));
  }

  @Override
  public boolean respond(byte[] payload, ByteBuf out) throws AuthenticationFailedException {
    if (!firstSeen) {
      firstSeen = true;
      String serverFirst = scram.handleClientFirst(initialResponse(payload, plusOffered));
      BackendMessages.authenticationSaslContinue(out, serverFirst.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    String serverFinal = scram.handleClientFinal(new String(payload, StandardCharsets.UTF_8));
    BackendMessages.authenticationSaslFinal(out, serverFinal.getBytes(StandardCharsets.UTF_8));
    return true;
  }

  /** SASLInitialResponse: mechanism name (String), then Int32 length (-1: none) and the data. */
  private static String initialResponse(byte[] payload, boolean plusOffered) throws AuthenticationFailedException {
    int nul = 0;
    while (nul < payload.length && payload[nul] != 0) {
      nul++;
    }
    if (nul + 5 > payload.length) {
      throw AuthenticationFailedException.protocolViolation("malformed SASLInitialResponse message");
    }
    String mechanism = new String(payload, 0, nul, StandardCharsets.US_ASCII);
    boolean plus = PLUS.equals(mechanism) && plusOffered;
    if (!plus && !ScramServerExchange.MECHANISM_NAME.equals(mechanism)) {
      throw AuthenticationFailedException.protocolViolation(
          "client selected an invalid SASL authentication mechanism");
    }
    int length = ByteBuffer.wrap(payload, nul + 1, 4).getInt();
    int dataStart = nul + 5;
    if (length < 0 || length != payload.length - dataStart) {
      throw AuthenticationFailedException.protocolViolation("malformed SASLInitialResponse message");
    }
    String clientFirst = new String(payload, dataStart, length, StandardCharsets.UTF_8);
    // As in PostgreSQL: the PLUS mechanism requires binding ('p'), the plain one forbids it.
    if (plus != clientFirst.startsWith("p")) {
      throw AuthenticationFailedException.protocolViolation(plus
          ? "channel binding is required with SCRAM-SHA-256-PLUS"
          : "channel binding is not supported by the SCRAM-SHA-256 mechanism; use SCRAM-SHA-256-PLUS");
    }
    return clientFirst;
  }
}
