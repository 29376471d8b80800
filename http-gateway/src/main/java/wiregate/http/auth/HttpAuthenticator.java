package wiregate.http.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;
import wiregate.core.auth.ApiTokens;
import wiregate.core.auth.AuthenticationFailedException;
import wiregate.core.auth.CleartextPasswordCheck;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.core.auth.UserStore;
import wiregate.core.config.AuthConfig;
import wiregate.http.ApiException;

/**
 * Authenticates an HTTP request as a gateway user. Basic checks the password against the user's
 * SCRAM verifier (the StoredKey is derived from the password and compared in constant time; an
 * unknown user costs the same derivation) and, since it sends the password, is refused without TLS
 * unless {@code auth.allow-cleartext-without-tls} is set. Bearer looks the token's hash up in
 * {@link ApiTokens}; its user must still exist. Runs on a worker thread: the key derivation is slow
 * on purpose.
 */
public final class HttpAuthenticator {
  public static final String REALM = "wiregate";

  private final Supplier<UserStore> users;
  private final DecoyVerifiers decoys;
  private final ApiTokens tokens;
  private final Supplier<AuthConfig> settings;

  /** Suppliers, because a reload may switch the users file or the cleartext setting. */
  public HttpAuthenticator(Supplier<UserStore> users, DecoyVerifiers decoys, ApiTokens tokens,
      Supplier<AuthConfig> settings) {
    this.users = users;
    this.decoys = decoys;
    this.tokens = tokens;
    this.settings = settings;
  }

  /** @return the gateway user the request acts for */
  public String authenticate(java.util.List<String> authorizations, boolean tls) throws ApiException {
    if (authorizations.size() > 1) {
      throw unauthorized("INVALID_AUTHORIZATION", "send one Authorization header, not " + authorizations.size());
    }
    String authorization = authorizations.isEmpty() ? null : authorizations.get(0);
    if (authorization == null || authorization.isBlank()) {
      throw unauthorized("AUTHENTICATION_REQUIRED",
          "authenticate with HTTP Basic (over TLS) or 'Authorization: Bearer <token>' (gw token create USER)");
    }
    Credentials credentials;
    try {
      credentials = AuthorizationHeader.parse(authorization);
    } catch (AuthorizationHeader.Malformed e) {
      throw unauthorized("INVALID_AUTHORIZATION", e.getMessage());
    }
    return switch (credentials) {
      case Credentials.Basic basic -> basic(basic, tls);
      case Credentials.Bearer bearer -> bearer(bearer);
    };
  }

  private String basic(Credentials.Basic basic, boolean tls) throws ApiException {
    if (!tls && !settings.get().allowCleartextWithoutTls) {
      throw unauthorized("TLS_REQUIRED", "HTTP Basic sends the password, so it is accepted only over TLS "
          + "(the https listener, or TLS on the autodetect port); use a bearer token here, or set "
          + "auth.allow-cleartext-without-tls");
    }
    try {
      new CleartextPasswordCheck(users.get(), decoys).verify(basic.user(), basic.password());
      return basic.user();
    } catch (AuthenticationFailedException e) {
      // One answer for an unknown user and a wrong password: the response must not reveal which names exist.
      throw unauthorized("INVALID_CREDENTIALS", "invalid user name or password");
    }
  }

  private String bearer(Credentials.Bearer bearer) throws ApiException {
    String user = tokens.userFor(bearer.token()).orElse(null);
    if (user == null || users.get().find(user).isEmpty()) {
      throw unauthorized("INVALID_TOKEN", "the bearer token is unknown or revoked");
    }
    return user;
  }

  private static ApiException unauthorized(String code, String message) {
    return new ApiException(HttpResponseStatus.UNAUTHORIZED, code, message)
        .header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"")
        .header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
  }
}
