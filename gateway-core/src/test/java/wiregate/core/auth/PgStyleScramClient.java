package wiregate.core.auth;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client side as libpq runs it (empty user name in client-first), written out step by step so a
 * test can build exact or deliberately broken messages.
 */
final class PgStyleScramClient {
  static final String CLIENT_NONCE = "fyko+d2lbbFgONRv9qkxdawL";

  private final String gs2Header;
  private final String clientFirstBare;
  private String authMessage;
  private byte[] serverKey;

  PgStyleScramClient(String gs2Header) {
    this.gs2Header = gs2Header;
    this.clientFirstBare = "n=,r=" + CLIENT_NONCE;
  }

  String clientFirst() {
    return gs2Header + clientFirstBare;
  }

  /** The client-final for this server-first, with channel binding {@code c=} as given. */
  String clientFinal(String serverFirst, String password, String channelBinding) {
    String[] parts = serverFirst.split(",");
    String nonce = parts[0].substring(2);
    byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
    int iterations = Integer.parseInt(parts[2].substring(2));
    ScramMechanism mechanism = ScramMechanism.SCRAM_SHA_256;
    byte[] salted = ScramFunctions.saltedPassword(mechanism, StringPreparation.POSTGRESQL_PREPARATION,
        password.toCharArray(), salt, iterations);
    byte[] clientKey = ScramFunctions.clientKey(mechanism, salted);
    serverKey = ScramFunctions.serverKey(mechanism, salted);
    String withoutProof = "c=" + channelBinding + ",r=" + nonce;
    authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature = ScramFunctions.clientSignature(mechanism,
        ScramFunctions.storedKey(mechanism, clientKey), authMessage);
    return withoutProof + ",p="
        + Base64.getEncoder().encodeToString(ScramFunctions.clientProof(clientKey, signature));
  }

  String clientFinal(String serverFirst, String password) {
    return clientFinal(serverFirst, password,
        Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)));
  }

  boolean serverSignatureValid(String serverFinal) {
    return ScramFunctions.verifyServerSignature(ScramMechanism.SCRAM_SHA_256, serverKey, authMessage,
        Base64.getDecoder().decode(serverFinal.substring(2)));
  }
}
