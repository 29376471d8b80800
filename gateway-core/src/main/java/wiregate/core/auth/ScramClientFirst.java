package wiregate.core.auth;

import static wiregate.core.auth.ScramAttributes.malformed;

import com.ongres.scram.common.Gs2Header;

/**
 * A parsed client-first-message: {@code gs2-header client-first-message-bare}, where the header is
 * {@code cbind-flag "," [authzid] ","} and the bare part is {@code n=user,r=nonce[,extensions]}.
 * The texts are kept as received, because the proof is computed over the exact bytes.
 */
record ScramClientFirst(Gs2Header gs2Header, String gs2HeaderText, String bare, String clientNonce) {

  static ScramClientFirst parse(String message) throws AuthenticationFailedException {
    if (message == null || message.isEmpty()) {
      throw malformed("empty client-first-message");
    }
    int flagEnd = message.indexOf(',');
    int headerEnd = flagEnd < 0 ? -1 : message.indexOf(',', flagEnd + 1);
    if (headerEnd < 0) {
      throw malformed("client-first-message has no GS2 header");
    }
    if (headerEnd != flagEnd + 1) {
      if (message.startsWith("a=", flagEnd + 1)) {
        throw AuthenticationFailedException.protocolViolation(
            "client uses an authorization identity (authzid), which is not supported");
      }
      throw malformed("unexpected attribute in the GS2 header");
    }
    String headerText = message.substring(0, headerEnd + 1);
    Gs2Header header;
    try {
      header = Gs2Header.parseFrom(headerText);
    } catch (IllegalArgumentException e) {
      throw malformed("invalid channel-binding flag in the GS2 header");
    }

    String bare = message.substring(headerEnd + 1);
    String[] attributes = bare.split(",", -1);
    if (attributes.length < 2) {
      throw malformed("client-first-message needs a user name and a nonce");
    }
    if (attributes[0].startsWith("m=")) {
      throw AuthenticationFailedException.protocolViolation(
          "client requires a SCRAM extension that is not supported");
    }
    // The user name is ignored, usually empty: PostgreSQL takes it from the startup message.
    ScramAttributes.value(attributes[0], 'n', "the user name");
    String nonce = ScramAttributes.value(attributes[1], 'r', "the client nonce");
    if (nonce.isEmpty() || !ScramAttributes.isPrintable(nonce)) {
      throw malformed("the client nonce must be non-empty printable ASCII");
    }
    for (int i = 2; i < attributes.length; i++) {
      ScramAttributes.requireExtension(attributes[i]);
    }
    return new ScramClientFirst(header, headerText, bare, nonce);
  }
}
