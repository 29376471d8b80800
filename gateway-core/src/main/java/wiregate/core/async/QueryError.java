package wiregate.core.async;

/**
 * Why a query FAILED (or was CANCELED). {@code code} is the target's SQLSTATE when the database
 * refused the statement, otherwise one of the gateway's own codes such as {@code OWNER_LOST},
 * {@code TIMEOUT}, {@code CANCELED}, {@code STORAGE}.
 */
public record QueryError(String code, String message) {}
