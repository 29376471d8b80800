package wiregate.http.auth;

/** What an Authorization header presents. */
public sealed interface Credentials {
  /** HTTP Basic: a user name and the password itself. */
  record Basic(String user, String password) implements Credentials {
    @Override
    public String toString() {
      return "Basic[" + user + "]"; // never the password
    }
  }

  /** A bearer token made by {@code gw token create}. */
  record Bearer(String token) implements Credentials {
    @Override
    public String toString() {
      return "Bearer[...]";
    }
  }
}
