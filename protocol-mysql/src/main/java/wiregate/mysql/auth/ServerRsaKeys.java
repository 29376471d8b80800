package wiregate.mysql.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The RSA key pair caching_sha2_password uses to protect a password on a connection without TLS:
 * the client asks for the public key (PEM), encrypts its password with RSA-OAEP (SHA-1, MGF1-SHA-1)
 * and the server decrypts it. One pair per gateway process; clients fetch the key each time, so a
 * new pair after a restart costs nothing but the clients' "pinned key" option.
 */
public final class ServerRsaKeys {
  public static final int KEY_BITS = 2048;
  static final String OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

  private final KeyPair keys;
  private final byte[] publicKeyPem;

  public ServerRsaKeys(KeyPair keys) {
    this.keys = keys;
    this.publicKeyPem = pem(keys.getPublic().getEncoded());
  }

  public static ServerRsaKeys generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(KEY_BITS, random);
      return new ServerRsaKeys(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide RSA", e);
    }
  }

  /** The public key as the client expects it: a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) block. */
  public byte[] publicKeyPem() {
    return publicKeyPem.clone();
  }

  /** The size of a ciphertext made with this key. */
  public int ciphertextLength() {
    return (((RSAPublicKey) keys.getPublic()).getModulus().bitLength() + 7) / 8;
  }

  /** @throws GeneralSecurityException if the ciphertext was not made with this key and padding */
  public byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(OAEP);
    cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate());
    return cipher.doFinal(ciphertext);
  }

  /** What a client does, for tests. */
  public byte[] encrypt(byte[] plaintext) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(OAEP);
    cipher.init(Cipher.ENCRYPT_MODE, keys.getPublic());
    return cipher.doFinal(plaintext);
  }

  private static byte[] pem(byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
