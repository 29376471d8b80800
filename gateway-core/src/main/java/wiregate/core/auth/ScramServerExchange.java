package wiregate.core.auth;

import com.ongres.scram.common.Gs2CbindFlag;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ServerFinalMessage;
import com.ongres.scram.common.ServerFirstMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of one SCRAM-SHA-256 authentication (RFC 5802, RFC 7677) as PostgreSQL runs it:
 * the user is the one named in the startup message, and the user name inside client-first is
 * ignored. A protocol handler feeds it the client's two messages in order and sends back what it
 * returns; any failure ends the exchange.
 *
 * <p>Not thread-safe: one instance per connection, used by that connection's handler.
 */
public final class ScramServerExchange {
  /** The mechanism name to offer in AuthenticationSASL and to expect in SASLInitialResponse. */
  public static final String MECHANISM_NAME = "SCRAM-SHA-256";
  /** PostgreSQL sends 18 random bytes in base64; 24 printable characters carry at least as much. */
  private static final int SERVER_NONCE_LENGTH = 24;

  private enum Stage { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, SUCCEEDED, FAILED }

  private final String userName;
  private final boolean userExists;
  private final ScramVerifier verifier;
  private final SecureRandom random;
  /** tls-server-end-point data of this connection when SCRAM-SHA-256-PLUS was offered, else null. */
  private final byte[] channelBinding;

  private Stage stage = Stage.AWAITING_CLIENT_FIRST;
  private ScramClientFirst clientFirst;
  private String serverFirst;
  private String nonce;

  /**
   * @param userName the user from the startup message
   * @param user that user's record, or empty when there is no such user: the exchange then runs on
   *     a decoy verifier and fails only at the end, as a wrong password would
   * @param channelBinding the connection's tls-server-end-point binding data when the server also
   *     offered SCRAM-SHA-256-PLUS, else null; a client's "y" flag is then a downgrade to refuse
   */
  public ScramServerExchange(String userName, Optional<UserRecord> user, DecoyVerifiers decoys,
      SecureRandom random, byte[] channelBinding) {
    this.userName = userName;
    this.userExists = user.isPresent();
    this.verifier = user.map(UserRecord::scram).orElseGet(() -> decoys.forUser(userName));
    this.random = random;
    this.channelBinding = channelBinding == null ? null : channelBinding.clone();
  }

  /** Takes the client-first-message (SASLInitialResponse data) and returns server-first. */
  public String handleClientFirst(String clientFirstMessage) throws AuthenticationFailedException {
    requireStage(Stage.AWAITING_CLIENT_FIRST);
    stage = Stage.FAILED; // until this step completes
    ScramClientFirst first = ScramClientFirst.parse(clientFirstMessage);
    checkChannelBindingFlag(first.gs2Header().getChannelBindingFlag(), first.gs2Header().getChannelBindingName());

    String serverNonce = ScramFunctions.nonce(SERVER_NONCE_LENGTH, random);
    ServerFirstMessage message = new ServerFirstMessage(first.clientNonce(), serverNonce,
        Base64.getEncoder().encodeToString(verifier.salt()), verifier.iterations());
    clientFirst = first;
    serverFirst = message.toString();
    nonce = message.getNonce();
    stage = Stage.AWAITING_CLIENT_FINAL;
    return serverFirst;
  }

  /**
   * Takes the client-final-message (SASLResponse data) and, when the proof is right, returns
   * server-final ({@code v=ServerSignature}) to send with AuthenticationSASLFinal.
   */
  public String handleClientFinal(String clientFinalMessage) throws AuthenticationFailedException {
    requireStage(Stage.AWAITING_CLIENT_FINAL);
    stage = Stage.FAILED; // until this step completes
    ScramClientFinal fin = ScramClientFinal.parse(clientFinalMessage);
    if (!MessageDigest.isEqual(fin.channelBindingInput(), expectedChannelBindingInput())) {
      throw AuthenticationFailedException.protocolViolation(
          "SCRAM channel binding (c=) does not match the GS2 header of client-first");
    }
    if (!fin.nonce().equals(nonce)) {
      throw AuthenticationFailedException.protocolViolation("SCRAM nonce does not match");
    }
    if (fin.proof().length != ScramVerifier.KEY_LENGTH) {
      throw AuthenticationFailedException.protocolViolation("SCRAM client proof has the wrong length");
    }
    String authMessage = clientFirst.bare() + "," + serverFirst + "," + fin.withoutProof();
    // Verify even for a decoy, so an unknown user takes as long as a wrong password.
    boolean proofValid = ScramFunctions.verifyClientProof(
        ScramVerifier.MECHANISM, fin.proof(), verifier.storedKey(), authMessage);
    if (!userExists) {
      throw AuthenticationFailedException.invalidPassword("user \"" + userName + "\" does not exist");
    }
    if (!proofValid) {
      throw AuthenticationFailedException.invalidPassword(
          "SCRAM proof does not match for user \"" + userName + "\" (wrong password)");
    }
    stage = Stage.SUCCEEDED;
    return new ServerFinalMessage(ScramFunctions.serverSignature(
        ScramVerifier.MECHANISM, verifier.serverKey(), authMessage)).toString();
  }

  /** True once the client has proved it knows the password. */
  public boolean isAuthenticated() {
    return stage == Stage.SUCCEEDED;
  }

  private static final String TLS_SERVER_END_POINT = "tls-server-end-point";

  private void checkChannelBindingFlag(Gs2CbindFlag flag, String cbName) throws AuthenticationFailedException {
    switch (flag) {
      case CLIENT_NOT -> { }
      case CLIENT_YES_SERVER_NOT -> {
        if (channelBinding != null) {
          // RFC 5802 section 6: the client saw no PLUS offer although we made one; someone removed it.
          throw AuthenticationFailedException.protocolViolation(
              "client thinks the server does not support channel binding, but it was offered:"
                  + " possible downgrade attack");
        }
      }
      case CHANNEL_BINDING_REQUIRED -> {
        if (channelBinding == null) {
          throw AuthenticationFailedException.protocolViolation(
              "client requires channel binding, but the server did not offer it");
        }
        if (!TLS_SERVER_END_POINT.equals(cbName)) {
          throw AuthenticationFailedException.protocolViolation(
              "unsupported SCRAM channel-binding type \"" + cbName + "\"");
        }
      }
    }
  }

  /**
   * What the client's c= must decode to: the GS2 header it sent, followed (for PLUS only) by the
   * channel-binding data of this connection's TLS session.
   */
  private byte[] expectedChannelBindingInput() {
    byte[] header = clientFirst.gs2HeaderText().getBytes(StandardCharsets.UTF_8);
    if (clientFirst.gs2Header().getChannelBindingFlag() != Gs2CbindFlag.CHANNEL_BINDING_REQUIRED) {
      return header;
    }
    byte[] input = java.util.Arrays.copyOf(header, header.length + channelBinding.length);
    System.arraycopy(channelBinding, 0, input, header.length, channelBinding.length);
    return input;
  }

  private void requireStage(Stage expected) {
    if (stage != expected) {
      throw new IllegalStateException("SCRAM exchange is " + stage + ", not " + expected);
    }
  }
}
