package wiregate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.AsyncQueryException.Problem;

class ErrorMappingTest {
  private static ApiException map(Problem problem) {
    return ErrorMapping.toApi(new AsyncQueryException(problem, "why"));
  }

  @Test
  void everyProblemHasItsStatus() {
    assertEquals(400, map(Problem.INVALID_REQUEST).status().code());
    assertEquals(400, map(Problem.UNKNOWN_DATABASE).status().code());
    assertEquals(404, map(Problem.NOT_FOUND).status().code());
    assertEquals(409, map(Problem.RESULT_NOT_READY).status().code());
    assertEquals(410, map(Problem.EXPIRED).status().code());
    assertEquals(416, map(Problem.RANGE_NOT_SATISFIABLE).status().code());
    assertEquals(503, map(Problem.UNAVAILABLE).status().code());
    for (Problem p : Problem.values()) {
      assertEquals("why", map(p).getMessage());
    }
  }

  @Test
  void unavailableAsksToRetryLater() {
    assertNotNull(map(Problem.UNAVAILABLE).headers().get(HttpHeaderNames.RETRY_AFTER));
    assertEquals("UNKNOWN_DATABASE", map(Problem.UNKNOWN_DATABASE).code());
  }

  @Test
  void errorBodyShape() {
    assertEquals("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no \\\"x\\\"\"}}",
        ApiJson.error("NOT_FOUND", "no \"x\"").toString());
  }
}
