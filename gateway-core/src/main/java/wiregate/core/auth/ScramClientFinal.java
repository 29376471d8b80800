package wiregate.core.auth;

import static wiregate.core.auth.ScramAttributes.malformed;

/**
 * A parsed client-final-message: {@code c=cbind-input,r=nonce[,extensions],p=proof}. The text
 * without the proof is kept as received, because it is part of the signed auth message.
 */
record ScramClientFinal(byte[] channelBindingInput, String nonce, byte[] proof, String withoutProof) {

  static ScramClientFinal parse(String message) throws AuthenticationFailedException {
    if (message == null || message.isEmpty()) {
      throw malformed("empty client-final-message");
    }
    String[] attributes = message.split(",", -1);
    if (attributes.length < 3) {
      throw malformed("client-final-message needs channel binding, nonce and proof");
    }
    byte[] channelBinding = ScramAttributes.base64(
        ScramAttributes.value(attributes[0], 'c', "the channel binding"), "the channel binding");
    String nonce = ScramAttributes.value(attributes[1], 'r', "the nonce");
    for (int i = 2; i < attributes.length - 1; i++) {
      ScramAttributes.requireExtension(attributes[i]);
    }
    String proofAttribute = attributes[attributes.length - 1];
    byte[] proof = ScramAttributes.base64(
        ScramAttributes.value(proofAttribute, 'p', "the client proof last"), "the client proof");
    String withoutProof = message.substring(0, message.length() - proofAttribute.length() - 1);
    return new ScramClientFinal(channelBinding, nonce, proof, withoutProof);
  }
}
