package wiregate.mysql.session;

import wiregate.core.model.GatewayError;

/** Turns the engine's or the dialect's errors (PostgreSQL SQLSTATEs) into MySQL errors. */
@FunctionalInterface
public interface ErrorMapping {
  MySqlError map(GatewayError error);
}
