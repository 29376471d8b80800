package wiregate.mysql.errors;

import java.util.List;
import wiregate.core.model.GatewayException;

/**
 * Where an error happened, for the facts a MySQL message needs beyond the error's own fields: the
 * session's database, the client's statement text, the PostgreSQL statement the engine ran (error
 * positions point into it) and catalog access (foreign keys, the column a bad value was meant for).
 * Any part may be null when unknown; the message then says less (the rule's fallback).
 */
public record ErrorContext(String database, String clientText, String engineSql, Catalog catalog) {
  /** Runs a catalog query on the engine; rows of text. Called on a worker thread, never an event loop. */
  @FunctionalInterface
  public interface Catalog {
    List<List<String>> query(String sql) throws GatewayException;
  }

  /** Only the current database is known (errors outside a statement). */
  public static ErrorContext of(String database) {
    return new ErrorContext(database, null, null, null);
  }
}
