package wiregate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP surface end to end over a real socket, with a test double of the query service. */
class HttpSurfaceTest {
  @TempDir
  Path dir;
  private final InMemoryQueryService queries = new InMemoryQueryService();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private TestGateway gateway;

  @BeforeEach
  void start() throws Exception {
    gateway = new TestGateway(dir, Optional.of(queries), true);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + gateway.aliceToken);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ApiJson.MAPPER.readTree(response.body());
  }

  private HttpResponse<String> submit(String body, String key) throws Exception {
    HttpRequest.Builder b = request("/v1/queries").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return send(b.build());
  }

  @Test
  void submitPollAndDownloadWithRangesAndEtag() throws Exception {
    HttpResponse<String> submitted = submit("{\"sql\":\"select 1\",\"params\":[1,2.5,\"x\",true,null]}", "k1");
    assertEquals(202, submitted.statusCode(), submitted.body());
    JsonNode query = json(submitted);
    String id = query.get("id").asText();
    assertEquals("PENDING", query.get("state").asText());
    assertEquals("default", query.get("database_id").asText());
    assertEquals("jsonl", query.get("format").asText());
    assertEquals("[1,2.5,\"x\",true,null]", query.get("params").toString());
    assertEquals("2025-01-01T00:00:00Z", query.get("created_at").asText());
    assertEquals(id, json(submit("{\"sql\":\"select 1\"}", "k1")).get("id").asText(), "same key, same id");

    assertEquals(409, send(request("/v1/queries/" + id + "/result").build()).statusCode());
    byte[] result = "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
    queries.complete(id, result);
    assertEquals("SUCCEEDED", json(send(request("/v1/queries/" + id).build())).get("state").asText());
    assertEquals(result.length, json(send(request("/v1/queries/" + id + "/stats").build())).get("bytes").asInt());

    HttpResponse<String> whole = send(request("/v1/queries/" + id + "/result").build());
    assertEquals(200, whole.statusCode());
    assertEquals(new String(result, StandardCharsets.UTF_8), whole.body());
    assertEquals("application/x-ndjson", whole.headers().firstValue("content-type").orElseThrow());
    assertEquals("bytes", whole.headers().firstValue("accept-ranges").orElseThrow());
    String etag = whole.headers().firstValue("etag").orElseThrow();

    HttpResponse<String> middle = send(request("/v1/queries/" + id + "/result").header("Range", "bytes=2-5").build());
    assertEquals(206, middle.statusCode());
    assertEquals("a\":1", middle.body());
    assertEquals("bytes 2-5/" + result.length, middle.headers().firstValue("content-range").orElseThrow());
    HttpResponse<String> tail = send(request("/v1/queries/" + id + "/result").header("Range", "bytes=-3").build());
    assertEquals("2}\n", tail.body());

    HttpResponse<String> beyond = send(request("/v1/queries/" + id + "/result").header("Range", "bytes=999-").build());
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */" + result.length, beyond.headers().firstValue("content-range").orElseThrow());
    assertEquals("RANGE_NOT_SATISFIABLE", json(beyond).at("/error/code").asText());

    HttpResponse<String> cached = send(request("/v1/queries/" + id + "/result").header("If-None-Match", etag).build());
    assertEquals(304, cached.statusCode());
  }

  @Test
  void anotherUsersQueryIsNotFound() throws Exception {
    String id = json(submit("{\"sql\":\"select 1\"}", null)).get("id").asText();
    String bob = "Basic " + Base64.getEncoder().encodeToString("bob:bob-pw".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = send(request("/v1/queries/" + id).setHeader("Authorization", bob).build());
    assertEquals(404, response.statusCode());
    assertEquals("NOT_FOUND", json(response).at("/error/code").asText());
  }

  @Test
  void badRequestsGetPreciseAnswers() throws Exception {
    assertEquals("MALFORMED_JSON", json(submit("{\"sql\":", null)).at("/error/code").asText());
    assertEquals("UNKNOWN_FIELD", json(submit("{\"sql\":\"x\",\"sqll\":1}", null)).at("/error/code").asText());
    assertEquals("INVALID_FIELD", json(submit("{\"sql\":\"x\",\"max_rows\":\"5\"}", null)).at("/error/code").asText());
    HttpResponse<String> unknownDb = submit("{\"sql\":\"x\",\"database_id\":\"nope\"}", null);
    assertEquals(400, unknownDb.statusCode());
    assertEquals("UNKNOWN_DATABASE", json(unknownDb).at("/error/code").asText());
    HttpResponse<String> text = send(request("/v1/queries").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertEquals(415, text.statusCode());
    HttpResponse<String> big = submit("{\"sql\":\"" + "x".repeat(5000) + "\"}", null);
    assertEquals(413, big.statusCode());
    assertEquals("PAYLOAD_TOO_LARGE", json(big).at("/error/code").asText());
    HttpResponse<String> wrongMethod = send(request("/v1/queries/q1").DELETE().build());
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("GET", wrongMethod.headers().firstValue("allow").orElseThrow());
    assertEquals(404, send(request("/v2/nothing").build()).statusCode());
    HttpResponse<String> noAuth = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.port + "/v1/databases")).build());
    assertEquals(401, noAuth.statusCode());
    assertTrue(noAuth.headers().allValues("www-authenticate").stream().anyMatch(v -> v.startsWith("Basic")));
    HttpResponse<String> wrongPassword = send(request("/v1/databases").setHeader("Authorization",
        "Basic " + Base64.getEncoder().encodeToString("alice:nope".getBytes(StandardCharsets.UTF_8))).build());
    assertEquals("INVALID_CREDENTIALS", json(wrongPassword).at("/error/code").asText());
  }

  @Test
  void drainingRefusesSubmissionsButServesTheRest() throws Exception {
    String id = json(submit("{\"sql\":\"select 1\"}", null)).get("id").asText();
    assertTrue(json(send(request("/v1/admin/can-stop").build())).get("can_stop").asBoolean());
    gateway.lifecycle.beginDrain();
    HttpResponse<String> refused = submit("{\"sql\":\"select 1\"}", null);
    assertEquals(503, refused.statusCode());
    assertTrue(refused.headers().firstValue("retry-after").isPresent());
    assertEquals(200, send(request("/v1/queries/" + id).build()).statusCode());
    assertEquals(503, send(request("/readyz").build()).statusCode());
    assertEquals(200, send(request("/healthz").build()).statusCode());
    assertTrue(json(send(request("/v1/admin/can-stop").build())).get("can_stop").asBoolean(),
        "idle keep-alive connections are not in flight");
  }

  @Test
  void syncModeAnswers202WhileTheQueryRuns() throws Exception {
    HttpResponse<String> response = submit("{\"sql\":\"select 1\",\"mode\":\"sync\",\"timeout_ms\":10}", null);
    assertEquals(202, response.statusCode());
    assertEquals("sync", json(response).get("mode").asText());
  }

  @Test
  void metricsAndProbesNeedNoAuth() throws Exception {
    HttpResponse<String> metrics = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.port + "/metrics")).build());
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("wiregate_test_total"));
    assertTrue(metrics.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
  }

  @Test
  void webSocketStreamsEventsUntilTheFinalOne() throws Exception {
    String id = json(submit("{\"sql\":\"select 1\"}", null)).get("id").asText();
    List<String> frames = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    CompletableFuture<Void> first = new CompletableFuture<>();
    client.newWebSocketBuilder().header("Authorization", "Bearer " + gateway.aliceToken)
        .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port + "/v1/ws?query_id=" + id), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frames.add(data.toString());
            first.complete(null);
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
          }
        }).get(5, TimeUnit.SECONDS);
    first.get(5, TimeUnit.SECONDS);
    queries.complete(id, new byte[] {'x'});
    assertEquals(1000, closed.get(5, TimeUnit.SECONDS));
    assertEquals(2, frames.size(), frames.toString());
    assertEquals("PENDING", ApiJson.MAPPER.readTree(frames.get(0)).get("state").asText());
    JsonNode last = ApiJson.MAPPER.readTree(frames.get(1));
    assertEquals("SUCCEEDED", last.get("state").asText());
    assertEquals(2, last.get("sequence").asInt());
  }
}
