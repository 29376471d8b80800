package wiregate.mysql.auth;

/**
 * One authentication attempt of one connection, at login or for COM_CHANGE_USER. Runs on the
 * connection's worker thread (a full authentication derives a SCRAM key: far too slow for an event
 * loop). Start it, send what each step asks, and feed each client packet of the exchange (its
 * payload) to {@link #respond} until the step is a success or a failure.
 */
public interface AuthExchange {
  AuthStep start();

  AuthStep respond(byte[] payload);
}
