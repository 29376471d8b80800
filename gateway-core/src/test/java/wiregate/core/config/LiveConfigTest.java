package wiregate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveConfigTest {
  @TempDir
  Path dir;

  private final ConfigLoader loader = new ConfigLoader();

  private LiveConfig live(Path file, List<String> overrides) throws Exception {
    LiveConfig.Source source = () -> loader.load(file, overrides);
    return new LiveConfig(source.read(), source, loader);
  }

  @Test
  void validReloadPublishesReloadableChanges() throws Exception {
    Path file = dir.resolve("wiregate.yaml");
    Files.writeString(file, "engine:\n  fetch-size: 100\n");
    LiveConfig live = live(file, List.of("protocols.mysql.max-allowed-packet=2048"));
    List<Integer> seen = new ArrayList<>();
    live.addParticipant((current, next) -> () -> seen.add(next.engine.fetchSize));

    Files.writeString(file, "engine:\n  fetch-size: 250\nlifecycle:\n  drain-timeout-ms: 5000\n");
    LiveConfig.ReloadResult result = live.reload();

    assertTrue(result.applied(), result.message());
    assertEquals(List.of("engine.fetch-size", "lifecycle.drain-timeout-ms"), result.changed());
    assertEquals(List.of(250), seen);
    assertEquals(250, live.current().engine.fetchSize);
    // --set overrides are applied again on every reload.
    assertEquals(2048, live.current().protocols.mysql.maxAllowedPacket);
  }

  @Test
  void invalidFileIsRejectedAndTheOldConfigurationStays() throws Exception {
    Path file = dir.resolve("wiregate.yaml");
    Files.writeString(file, "engine:\n  fetch-size: 100\n");
    LiveConfig live = live(file, List.of());
    GatewayConfig before = live.current();
    List<String> seen = new ArrayList<>();
    live.addParticipant((current, next) -> () -> seen.add("applied"));

    Files.writeString(file, "engine:\n  fetch-size: 0\n");
    LiveConfig.ReloadResult bad = live.reload();
    assertFalse(bad.applied());
    assertTrue(bad.message().contains("engine.fetch-size"), bad.message());

    Files.writeString(file, "engine:\n  fetch-size: [\n");
    assertFalse(live.reload().applied());
    Files.writeString(file, "engines: {}\n");
    assertTrue(live.reload().message().contains("unknown configuration key 'engines'"));

    assertSame(before, live.current());
    assertTrue(seen.isEmpty());
  }

  @Test
  void restartOnlyKeysKeepTheirRunningValues() throws Exception {
    Path file = dir.resolve("wiregate.yaml");
    Files.writeString(file, "listeners:\n  postgres:\n    port: 5432\n");
    LiveConfig live = live(file, List.of());

    Files.writeString(file, "listeners:\n  postgres:\n    port: 15432\nengine:\n  kind: postgres\n"
        + "  url: jdbc:postgresql://elsewhere/db\n  pool:\n    size: 7\n");
    LiveConfig.ReloadResult result = live.reload();

    assertTrue(result.applied(), result.message());
    assertEquals(List.of("engine.pool.size"), result.changed());
    assertEquals(List.of("listeners.postgres.port", "engine.kind", "engine.url"), result.needRestart());
    assertEquals(5432, live.current().listeners.postgres.port);
    assertEquals(EngineConfig.Kind.EMBEDDED, live.current().engine.kind);
    assertEquals(null, live.current().engine.url);
    assertEquals(7, live.current().engine.pool.size);
  }

  @Test
  void aParticipantCanRejectTheReloadBeforeAnyoneApplies() throws Exception {
    Path file = dir.resolve("wiregate.yaml");
    Files.writeString(file, "");
    LiveConfig live = live(file, List.of());
    List<String> applied = new ArrayList<>();
    live.addParticipant((current, next) -> () -> applied.add("first"));
    live.addParticipant((current, next) -> {
      throw new ConfigException("users file unreadable");
    });

    Files.writeString(file, "engine:\n  fetch-size: 7\n");
    LiveConfig.ReloadResult result = live.reload();
    assertFalse(result.applied());
    assertTrue(result.message().contains("users file unreadable"));
    assertTrue(applied.isEmpty());
    assertEquals(1000, live.current().engine.fetchSize);
  }
}
