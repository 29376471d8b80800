package wiregate.core.auth;

/** The users file cannot be read or is malformed; the message names the file and the entry. */
public final class UsersFileException extends Exception {
  public UsersFileException(String message) {
    super(message);
  }

  public UsersFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
