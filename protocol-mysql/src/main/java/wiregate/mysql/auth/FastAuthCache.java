package wiregate.mysql.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import wiregate.core.auth.UserRecord;

/**
 * caching_sha2_password's cache, as in MySQL: after a user's password has been checked in full,
 * SHA256(SHA256(password)) is kept in memory so the next logins can use the one-round-trip scramble
 * instead of sending the password. The gateway stores only SCRAM verifiers, from which this hash
 * cannot be derived, so the cache starts empty and fills as users log in. An entry is tied to the
 * user's SCRAM verifier: when {@code gw user add} changes the password, the old entry no longer
 * applies.
 */
public final class FastAuthCache {
  /** Enough for every active user of a big installation; an evicted user just does a full auth. */
  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  private record Entry(byte[] storedKey, byte[] doubleSha256) {}

  private final Cache<String, Entry> entries;

  public FastAuthCache(long maximumSize) {
    this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  /** SHA256(SHA256(password)) for the user as it is now, if a full authentication cached it. */
  public Optional<byte[]> lookup(UserRecord user) {
    Entry entry = entries.getIfPresent(user.name());
    if (entry == null || !MessageDigest.isEqual(entry.storedKey, user.scram().storedKey())) {
      return Optional.empty();
    }
    return Optional.of(entry.doubleSha256.clone());
  }

  /** Call only after the password has been verified for this user. */
  public void remember(UserRecord user, String password) {
    byte[] once = Scrambles.sha256(password.getBytes(StandardCharsets.UTF_8));
    entries.put(user.name(), new Entry(user.scram().storedKey(), Scrambles.sha256(once)));
  }

  public void forget(String userName) {
    entries.invalidate(userName);
  }
}
