package wiregate.mysql.auth;

import java.security.SecureRandom;
import java.util.Optional;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.core.auth.UserRecord;
import wiregate.core.auth.UserStore;
import wiregate.core.config.AuthConfig;

/**
 * Authenticates MySQL clients against the gateway's users: one instance per gateway, holding what
 * every exchange shares (users, decoys for unknown names, the RSA key pair, the fast-auth cache).
 * {@code plugin} plays the role of the MySQL account's plugin: a client that answered the greeting
 * with the other plugin is asked to switch.
 */
public final class MySqlAuthenticator {
  private final UserStore users;
  private final DecoyVerifiers decoys;
  private final AuthConfig config;
  private final ServerRsaKeys rsaKeys;
  private final FastAuthCache fastAuthCache;
  private final AuthPlugin plugin;

  public MySqlAuthenticator(UserStore users, DecoyVerifiers decoys, AuthConfig config, ServerRsaKeys rsaKeys,
      FastAuthCache fastAuthCache, AuthPlugin plugin) {
    this.users = users;
    this.decoys = decoys;
    this.config = config;
    this.rsaKeys = rsaKeys;
    this.fastAuthCache = fastAuthCache;
    this.plugin = plugin;
  }

  /** caching_sha2_password with a fresh RSA key pair and an empty cache: what the gateway runs with. */
  public static MySqlAuthenticator create(UserStore users, DecoyVerifiers decoys, AuthConfig config,
      SecureRandom random) {
    return new MySqlAuthenticator(users, decoys, config, ServerRsaKeys.generate(random),
        new FastAuthCache(FastAuthCache.DEFAULT_MAXIMUM_SIZE), AuthPlugin.CACHING_SHA2_PASSWORD);
  }

  /** The plugin announced in the greeting. */
  public AuthPlugin plugin() {
    return plugin;
  }

  public FastAuthCache fastAuthCache() {
    return fastAuthCache;
  }

  /**
   * Starts checking a login (HandshakeResponse41) or a COM_CHANGE_USER.
   *
   * @param clientPlugin the plugin the client computed {@code authResponse} with; null: unknown
   * @param clientCanSwitch whether the client understands AuthSwitchRequest (CLIENT_PLUGIN_AUTH)
   * @param scramble the 20-byte nonce of the greeting
   * @param secure whether the connection is encrypted (TLS), so a password may travel in the clear
   * @param host the client's address as the error message shows it
   */
  public AuthExchange begin(String userName, String clientPlugin, boolean clientCanSwitch, byte[] authResponse,
      byte[] scramble, boolean secure, String host) {
    Optional<UserRecord> user = users.find(userName);
    AuthPlugin used = plugin;
    boolean switchFirst = !plugin.pluginName().equals(clientPlugin);
    if (switchFirst && !clientCanSwitch) {
      // A client that cannot switch (no CLIENT_PLUGIN_AUTH) speaks native authentication.
      used = AuthPlugin.MYSQL_NATIVE_PASSWORD;
      switchFirst = false;
    }
    return new PasswordExchange(new PasswordExchange.Context(userName, user, decoys, rsaKeys, fastAuthCache,
        config.allowCleartextWithoutTls, scramble.clone(), secure, host), used, switchFirst, authResponse.clone());
  }
}
