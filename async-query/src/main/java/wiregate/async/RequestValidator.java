package wiregate.async;

import java.math.BigDecimal;
import java.math.BigInteger;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.AsyncQueryException.Problem;
import wiregate.core.async.QueryRequest;

/** Refuses malformed requests before anything is recorded. */
final class RequestValidator {
  /** Idempotency keys are opaque to the gateway, but bounded. */
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  private RequestValidator() {}

  static void check(QueryRequest request) throws AsyncQueryException {
    if (request.sql().isBlank()) {
      throw invalid("sql is empty");
    }
    if (request.timeoutMs() != null && request.timeoutMs() <= 0) {
      throw invalid("timeout_ms must be positive, got " + request.timeoutMs());
    }
    if (request.maxRows() != null && request.maxRows() < 0) {
      throw invalid("max_rows must not be negative, got " + request.maxRows());
    }
    for (int i = 0; i < request.params().size(); i++) {
      Object p = request.params().get(i);
      boolean scalar = p == null || p instanceof String || p instanceof Boolean || p instanceof Integer
          || p instanceof Long || p instanceof BigInteger || p instanceof BigDecimal || p instanceof Double;
      if (!scalar) {
        throw invalid("params[" + i + "] must be a string, number, boolean or null, not "
            + p.getClass().getSimpleName());
      }
    }
  }

  static void checkIdempotencyKey(String key) throws AsyncQueryException {
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw invalid("an idempotency key has 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
    }
  }

  private static AsyncQueryException invalid(String message) {
    return new AsyncQueryException(Problem.INVALID_REQUEST, message);
  }
}
