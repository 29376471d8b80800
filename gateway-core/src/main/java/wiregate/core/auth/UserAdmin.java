package wiregate.core.auth;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;

/** Creates users: turns a password into every verifier the gateway's protocols need, and stores them. */
public final class UserAdmin {
  /** 20 symbols of 64 possible: 120 bits, and safe to paste into a URL or a shell. */
  static final int GENERATED_PASSWORD_LENGTH = 20;
  private static final String URL_SAFE_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final UserStore store;
  private final int scramIterations;
  private final SecureRandom random;

  public UserAdmin(UserStore store, int scramIterations, SecureRandom random) {
    if (scramIterations < 1) {
      throw new IllegalArgumentException("SCRAM iteration count must be positive, got " + scramIterations);
    }
    this.store = store;
    this.scramIterations = scramIterations;
    this.random = random;
  }

  /**
   * Adds the user, or gives an existing user a new password.
   *
   * @throws IllegalArgumentException if the name or password is not acceptable
   * @throws IOException if the users file cannot be written (the store is then unchanged)
   */
  public UserRecord addUser(String name, String password) throws IOException {
    UserRecord user = newUser(name, password);
    store.put(user);
    return user;
  }

  /**
   * Gives a brand-new installation one user to log in with. When the store has no user, creates
   * {@code name} with a random password and returns that password, for the caller to show once: it
   * is stored only as verifiers and cannot be recovered later.
   *
   * @return the generated password, or empty when the store already had a user
   */
  public Optional<String> bootstrapIfEmpty(String name) throws IOException {
    UserNames.requireValid(name);
    if (!store.isEmpty()) {
      return Optional.empty(); // spare the key derivation in the common case
    }
    String password = generatePassword();
    return store.putIfEmpty(newUser(name, password)) ? Optional.of(password) : Optional.empty();
  }

  private UserRecord newUser(String name, String password) {
    UserNames.requireValid(name);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
    if (password.indexOf('\0') >= 0) {
      // PostgreSQL clients send passwords as C strings: such a password could never be typed in.
      throw new IllegalArgumentException("password must not contain NUL characters");
    }
    return new UserRecord(name, ScramVerifier.create(password, scramIterations, random),
        Md5Verifier.create(name, password), MySqlNativeVerifier.create(password));
  }

  private String generatePassword() {
    StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
    for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
      password.append(URL_SAFE_ALPHABET.charAt(random.nextInt(URL_SAFE_ALPHABET.length())));
    }
    return password.toString();
  }
}
