package wiregate.mysql.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.core.auth.MySqlNativeVerifier;
import wiregate.core.auth.ScramVerifier;
import wiregate.core.auth.UserRecord;
import wiregate.mysql.codec.AuthMoreData;
import wiregate.mysql.codec.AuthSwitchRequest;
import wiregate.mysql.codec.ErrPacket;

/**
 * The exchange for both plugins, optionally preceded by an AuthSwitchRequest.
 * <ul>
 *   <li>mysql_native_password: one scramble, checked against the stored SHA1(SHA1(pw)).</li>
 *   <li>caching_sha2_password: the scramble {@code SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) || nonce)}
 *       is checked against the fast-auth cache (hit: 0x03 then OK). Otherwise 0x04 asks for full
 *       authentication: over TLS the client sends its password, NUL-terminated; without TLS it asks
 *       for the RSA public key (0x02) and sends {@code RSA-OAEP((pw + NUL) XOR nonce)}. The password
 *       is checked against the SCRAM verifier and, if right, cached for the fast path.</li>
 * </ul>
 * An unknown user goes the same way as a known one that is not cached, ending with a check against
 * a decoy verifier of the same cost, so neither answers nor timing tell which names exist. A wrong
 * scramble for a cached user also leads to full authentication, not a quick refusal, for the same
 * reason. Empty answers (an empty password) are refused at once: no user has an empty password.
 */
final class PasswordExchange implements AuthExchange {
  private static final Logger log = LoggerFactory.getLogger(PasswordExchange.class);
  private static final int SHA256_LENGTH = 32;

  record Context(String userName, Optional<UserRecord> user, DecoyVerifiers decoys, ServerRsaKeys rsaKeys,
      FastAuthCache cache, boolean allowCleartextWithoutTls, byte[] scramble, boolean secure, String host) {}

  private enum State { STARTED, AWAIT_SWITCH_RESPONSE, AWAIT_FULL_AUTH, AWAIT_ENCRYPTED_PASSWORD, DONE }

  private final Context ctx;
  private final AuthPlugin plugin;
  private final boolean switchFirst;
  private final byte[] initialResponse;
  private State state = State.STARTED;

  PasswordExchange(Context ctx, AuthPlugin plugin, boolean switchFirst, byte[] initialResponse) {
    this.ctx = ctx;
    this.plugin = plugin;
    this.switchFirst = switchFirst;
    this.initialResponse = initialResponse;
  }

  @Override
  public AuthStep start() {
    if (state != State.STARTED) {
      throw new IllegalStateException("already started");
    }
    if (switchFirst) {
      state = State.AWAIT_SWITCH_RESPONSE;
      return new AuthStep.Continue(AuthSwitchRequest.withScramble(plugin.pluginName(), ctx.scramble()));
    }
    return scrambleResponse(initialResponse);
  }

  @Override
  public AuthStep respond(byte[] payload) {
    return switch (state) {
      case AWAIT_SWITCH_RESPONSE -> scrambleResponse(payload);
      case AWAIT_FULL_AUTH -> fullAuthentication(payload);
      case AWAIT_ENCRYPTED_PASSWORD -> encryptedPassword(payload);
      case STARTED, DONE -> throw new IllegalStateException("no client packet expected in state " + state);
    };
  }

  private AuthStep scrambleResponse(byte[] response) {
    if (response.length == 0) {
      return denied(false, "no password given");
    }
    return plugin == AuthPlugin.MYSQL_NATIVE_PASSWORD ? nativeScramble(response) : sha2Scramble(response);
  }

  private AuthStep nativeScramble(byte[] response) {
    Optional<MySqlNativeVerifier> stored = ctx.user().flatMap(UserRecord::mysqlNativeVerifier);
    MySqlNativeVerifier verifier = stored.orElseGet(() -> ctx.decoys().mysqlNativeForUser(ctx.userName()));
    boolean matches = verifier.verifyScramble(ctx.scramble(), response);
    if (ctx.user().isEmpty()) {
      return denied(true, "user does not exist");
    }
    if (stored.isEmpty()) {
      log.warn("user \"{}\" has no mysql_native_password verifier (created before the MySQL protocol existed);"
          + " run `gw user add {}` again to store one", ctx.userName(), ctx.userName());
      return denied(true, "no mysql_native_password verifier stored");
    }
    return matches ? success(List.of()) : denied(true, "mysql_native_password scramble does not match");
  }

  private AuthStep sha2Scramble(byte[] response) {
    if (response.length == SHA256_LENGTH && ctx.user().isPresent()) {
      Optional<byte[]> cached = ctx.cache().lookup(ctx.user().get());
      if (cached.isPresent() && sha2ScrambleMatches(cached.get(), response)) {
        return success(List.of(AuthMoreData.of(AuthMoreData.FAST_AUTH_SUCCESS)));
      }
    }
    state = State.AWAIT_FULL_AUTH;
    return new AuthStep.Continue(AuthMoreData.of(AuthMoreData.PERFORM_FULL_AUTHENTICATION));
  }

  /** XOR-ing SHA256(cached || nonce) out of the scramble leaves SHA256(pw), whose SHA-256 is cached. */
  private boolean sha2ScrambleMatches(byte[] doubleSha256, byte[] response) {
    byte[] mask = Scrambles.sha256(doubleSha256, ctx.scramble());
    byte[] candidate = Scrambles.xorCyclic(response, mask);
    return MessageDigest.isEqual(Scrambles.sha256(candidate), doubleSha256);
  }

  private AuthStep fullAuthentication(byte[] payload) {
    if (ctx.secure()) {
      return password(cleartext(payload));
    }
    if (payload.length == 1 && payload[0] == AuthMoreData.REQUEST_PUBLIC_KEY) {
      state = State.AWAIT_ENCRYPTED_PASSWORD;
      return new AuthStep.Continue(new AuthMoreData(ctx.rsaKeys().publicKeyPem()));
    }
    if (payload.length == ctx.rsaKeys().ciphertextLength()) {
      return encryptedPassword(payload); // the client had the public key already
    }
    if (ctx.allowCleartextWithoutTls()) {
      return password(cleartext(payload));
    }
    state = State.DONE;
    log.info("refused MySQL login of \"{}\" from {}: password sent in the clear without TLS", ctx.userName(),
        ctx.host());
    return new AuthStep.Failure(accessDenied(true));
  }

  private AuthStep encryptedPassword(byte[] ciphertext) {
    byte[] plaintext;
    try {
      plaintext = ctx.rsaKeys().decrypt(ciphertext);
    } catch (GeneralSecurityException e) {
      return denied(true, "the RSA-encrypted password does not decrypt with the gateway's key");
    }
    return password(cleartext(Scrambles.xorCyclic(plaintext, ctx.scramble())));
  }

  /** A NUL-terminated password (the terminator is optional, as in MySQL). */
  private static String cleartext(byte[] bytes) {
    int end = bytes.length > 0 && bytes[bytes.length - 1] == 0 ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  /** The full check: a SCRAM key derivation, for unknown users against a decoy. */
  private AuthStep password(String password) {
    ScramVerifier verifier = ctx.user().map(UserRecord::scram).orElseGet(() -> ctx.decoys().forUser(ctx.userName()));
    boolean matches = verifier.matchesPassword(password);
    if (ctx.user().isEmpty()) {
      return denied(!password.isEmpty(), "user does not exist");
    }
    if (!matches) {
      return denied(!password.isEmpty(), "password does not match");
    }
    ctx.cache().remember(ctx.user().get(), password);
    return success(List.of());
  }

  private AuthStep success(List<wiregate.mysql.codec.PacketPayload> before) {
    state = State.DONE;
    return new AuthStep.Success(ctx.userName(), before);
  }

  private AuthStep denied(boolean usingPassword, String reason) {
    state = State.DONE;
    log.info("MySQL authentication failed for user \"{}\" from {} ({}): {}", ctx.userName(), ctx.host(),
        plugin.pluginName(), reason);
    return new AuthStep.Failure(accessDenied(usingPassword));
  }

  private ErrPacket accessDenied(boolean usingPassword) {
    return AccessDenied.packet(ctx.userName(), ctx.host(), usingPassword);
  }

  @Override
  public String toString() {
    return "PasswordExchange[" + ctx.userName() + ", " + plugin + ", " + state + "]";
  }
}
