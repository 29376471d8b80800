package wiregate.core.mysql;

import java.util.List;
import wiregate.core.model.GatewayException;

/**
 * The MySQL source dialect: turns MySQL text into what the gateway does for it. Implemented in the
 * dialect module, used by the MySQL protocol. Errors are {@link GatewayException}s with PostgreSQL
 * SQLSTATEs (42601 for syntax errors); the protocol maps them to MySQL error numbers.
 */
public interface MySqlDialect {
  /**
   * Splits a COM_QUERY text into its statements (on {@code ;} outside quotes and comments), so each
   * can be translated just before it runs: a statement may depend on the ones before it.
   */
  List<String> split(String text) throws GatewayException;

  /** A COM_QUERY text: one or more statements (multi-statements), in order. Blank text gives none. */
  List<MySqlStatement> translate(String text, MySqlContext context) throws GatewayException;

  /**
   * A COM_STMT_PREPARE text: exactly one statement, with {@code ?} placeholders turned into
   * {@code $1..$n} in order.
   */
  MySqlStatement prepare(String text, MySqlContext context) throws GatewayException;

  /**
   * Idempotent PostgreSQL statements that install what translated SQL relies on (the {@code wg_mysql}
   * schema: compatibility functions, domains, information_schema views). The MySQL protocol runs them
   * once per engine database and gateway process, before the first MySQL session there, in one
   * transaction, under an advisory lock so that two gateways do not race.
   */
  List<String> engineSetup();

  /**
   * A fresh set of system variables for a new MySQL session; {@code live} answers for the values the
   * session itself owns.
   */
  MySqlSessionVariables newSessionVariables(MySqlSessionVariables.LiveValues live);

  /** Forget cached translations and table metadata (after DDL, USE of a changed schema, reload). */
  void invalidateCaches();
}
