package wiregate.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import wiregate.async.AsyncQueryServices;
import wiregate.async.AsyncSettings;
import wiregate.async.DefaultQueryService;
import wiregate.core.async.QueryService;
import wiregate.core.auth.ApiTokens;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.engine.async.PooledQueryDatabases;
import wiregate.core.auth.UserAdmin;
import wiregate.core.auth.UserStore;
import wiregate.core.config.GatewayConfig;
import wiregate.core.config.LiveConfig;
import wiregate.core.config.ListenersConfig;
import wiregate.core.ingress.GatewayListeners;
import wiregate.core.ingress.ListenerSpec;
import wiregate.core.ingress.PortInUseException;
import wiregate.core.ingress.ProtocolFrontend;
import wiregate.core.ingress.ProtocolSignatures;
import wiregate.core.ingress.UnavailableFrontend;
import wiregate.core.lifecycle.Admission;
import wiregate.core.lifecycle.Drain;
import wiregate.core.lifecycle.InFlight;
import wiregate.core.lifecycle.Lifecycle;
import wiregate.core.lifecycle.MeteredAdmission;
import wiregate.core.metrics.MetricsEndpoint;
import wiregate.core.tls.ServerTlsContexts;
import wiregate.core.tls.TlsMaterial;
import wiregate.http.HttpFrontend;
import wiregate.http.HttpServices;
import wiregate.http.auth.HttpAuthenticator;

/**
 * Wires the gateway together and owns its lifecycle: users, TLS, engine, async queries, listeners,
 * the live configuration, the drain and the meter registry.
 */
final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
  /** A client on a protocol's own port may take this long to send its first packet. */
  private static final long FIRST_PACKET_TIMEOUT_MS = 60_000;

  private final EngineFactory.Started engine;
  private final AsyncQueries asyncQueries;
  private final ExecutorService workers;
  private final GatewayListeners listeners;
  private final LiveConfig config;
  private final Lifecycle lifecycle;
  private final ServerMetrics metrics;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Drain drain;

  private GatewayServer(EngineFactory.Started engine, AsyncQueries asyncQueries, ExecutorService workers,
      GatewayListeners listeners, LiveConfig config, Lifecycle lifecycle, ServerMetrics metrics) {
    this.engine = engine;
    this.asyncQueries = asyncQueries;
    this.workers = workers;
    this.listeners = listeners;
    this.config = config;
    this.lifecycle = lifecycle;
    this.metrics = metrics;
  }

  /** The async query service and the database pools it runs on; closed in that order. */
  private record AsyncQueries(DefaultQueryService service, PooledQueryDatabases databases) implements AutoCloseable {
    static AsyncQueries start(GatewayConfig config, EngineFactory.Started engine, SecureRandom random,
        Admission admission)
        throws Exception {
      PooledQueryDatabases databases = PooledQueryDatabases.create(config.databases, engine.endpoint());
      try {
        return new AsyncQueries(AsyncQueryServices.create(config, databases, Clock.systemUTC(), random, admission), databases);
      } catch (Exception e) {
        databases.close();
        throw e;
      }
    }

    /** Reloaded async.* limits apply to queries submitted (or started) from then on. */
    LiveConfig.Participant limits() {
      return (running, next) -> {
        AsyncSettings settings = AsyncSettings.from(next.async, service.instanceId());
        return () -> service.reconfigure(settings);
      };
    }

    @Override
    public void close() {
      service.close();
      databases.close();
    }
  }

  static GatewayServer start(LiveConfig live) throws Exception {
    GatewayConfig config = live.current();
    SecureRandom random = new SecureRandom();
    Files.createDirectories(config.dataPath());
    checkPortsFree(config.listeners);
    UserStore users = UserStore.open(config.usersFile());
    bootstrapUser(config, users, random);
    TlsMaterial tls = TlsMaterial.loadOrGenerate(config);
    SslContext startTls = ServerTlsContexts.forServer(tls);
    // No "h2": HTTP/2 is not served yet, and a client offered it (curl, browsers) would pick it over
    // http/1.1 and then speak frames the HTTP/1.1 codec cannot read.
    SslContext ingressTls = ServerTlsContexts.forServer(tls, List.of("postgresql", "http/1.1"));

    ServerMetrics metrics = new ServerMetrics();
    Lifecycle lifecycle = new Lifecycle(new InFlight());
    MeteredAdmission admission = new MeteredAdmission(lifecycle, lifecycle.inFlight(), metrics.registry())
        .gauge("postgres").gauge("mysql").gauge("async-query");
    EngineFactory.Started engine = EngineFactory.start(config, metrics.registry());
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    GatewayListeners listeners = new GatewayListeners();
    AsyncQueries asyncQueries = null;
    try {
      asyncQueries = AsyncQueries.start(config, engine, random, admission);
      live.addParticipant(asyncQueries.databases());
      live.addParticipant(asyncQueries.limits());
      DecoyVerifiers decoys = DecoyVerifiers.fromSecretFile(config.dataPath().resolve("auth-secret"), random,
          config.auth.scramIterations);
      WireFrontends wire = new WireFrontends(config, users, engine.engine(), decoys, random, startTls, tls, workers,
          admission, metrics.registry());
      live.addParticipant(wire);
      HttpAuthenticator httpAuth = new HttpAuthenticator(wire::users, decoys,
          ApiTokens.besideUsersFile(config.usersFile()), () -> live.current().auth);
      HttpServices http = new HttpServices(Optional.of(asyncQueries.service()), live, lifecycle, metrics, httpAuth,
          workers);
      Map<String, ProtocolFrontend> frontends = frontends(wire.postgres(), wire.mysql(), http);
      List<InetSocketAddress> bound = listeners.bind(config.listeners.bind,
          listenerSpecs(config.listeners, frontends), ingressTls);
      log.info("engine: {}", engine.engine().describe());
      log.info("async queries: databases {}, results in {} ({}), metadata in {}", config.databases.keySet(),
          config.async.storage.kind.key(), config.resultsDir(), config.async.metadata.kind.key());
      bound.forEach(address -> log.info("listening on {}", address));
      return new GatewayServer(engine, asyncQueries, workers, listeners, live, lifecycle, metrics);
    } catch (Exception e) {
      listeners.close();
      if (asyncQueries != null) {
        asyncQueries.close();
      }
      closeEngine(engine);
      metrics.close();
      throw e;
    }
  }

  /** Re-reads the configuration (SIGHUP, later {@code POST /v1/admin/reload}); never drops a session. */
  LiveConfig.ReloadResult reload() {
    return config.reload();
  }

  Lifecycle lifecycle() {
    return lifecycle;
  }

  MetricsEndpoint metrics() {
    return metrics;
  }

  /**
   * SIGTERM: refuse new sessions, let open ones finish (up to {@code lifecycle.drain-timeout-ms}),
   * then stop. Blocks until stopped; a second call while draining cuts the wait short.
   */
  void drainAndStop() {
    Drain running;
    synchronized (this) {
      running = drain;
      if (running == null) {
        drain = new Drain(lifecycle, Duration.ofMillis(config.current().lifecycle.drainTimeoutMs));
      }
    }
    if (running != null) {
      log.info("asked to stop again while draining: ending what is in flight now");
      running.hurry();
      return;
    }
    try {
      drain.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  private static Map<String, ProtocolFrontend> frontends(ProtocolFrontend postgres, ProtocolFrontend mysql,
      HttpServices http) {
    return Map.of(
        "postgres", postgres,
        "mysql", mysql,
        "tds", UnavailableFrontend.silent("tds", ProtocolSignatures::tdsPrelogin),
        "drda", UnavailableFrontend.silent("drda", ProtocolSignatures::drda),
        "oracle", UnavailableFrontend.silent("oracle", ProtocolSignatures::tnsConnect),
        "http", new HttpFrontend("http", http),
        "https", new HttpFrontend("https", http));
  }

  private static List<ListenerSpec> listenerSpecs(ListenersConfig config, Map<String, ProtocolFrontend> frontends) {
    List<ListenerSpec> specs = new ArrayList<>();
    config.byName().forEach((name, listener) -> {
      if (!listener.enabled()) {
        return;
      }
      if (name.equals("autodetect")) {
        // Order matters: each recogniser is tried in turn on the same first bytes.
        List<ProtocolFrontend> all = List.of(frontends.get("postgres"), frontends.get("http"), frontends.get("tds"),
            frontends.get("drda"), frontends.get("oracle"), frontends.get("mysql"));
        specs.add(new ListenerSpec(name, listener.port, all, config.detectTimeoutMs));
      } else {
        ProtocolFrontend frontend = frontends.get(name);
        long timeout = frontend.serverSpeaksFirst() ? 1 : FIRST_PACKET_TIMEOUT_MS;
        specs.add(new ListenerSpec(name, listener.port, List.of(frontend), timeout));
      }
    });
    return specs;
  }

  /** Fails fast, before the slow engine start, when a port is taken. */
  private static void checkPortsFree(ListenersConfig config) {
    config.byName().forEach((name, listener) -> {
      if (!listener.enabled()) {
        return;
      }
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(config.bind, listener.port));
      } catch (IOException e) {
        throw new PortInUseException("cannot listen for " + name + " on " + config.bind + ":" + listener.port
            + " (" + e.getMessage() + "); change listeners." + name + ".port (0 disables the listener)", e);
      }
    });
  }

  private static void bootstrapUser(GatewayConfig config, UserStore users, SecureRandom random) throws IOException {
    UserAdmin admin = new UserAdmin(users, config.auth.scramIterations, random);
    admin.bootstrapIfEmpty(config.auth.bootstrapUser).ifPresent(password -> {
      System.out.println("""
          -------------------------------------------------------------------------------
          wiregate: no users existed, so one was created. This password is shown once:
            user:     %s
            password: %s
          Its verifiers are in %s. Add users with: ./gw user add NAME
          -------------------------------------------------------------------------------"""
          .formatted(config.auth.bootstrapUser, password, users.file()));
      System.out.flush();
    });
  }

  /** The async query API's service, for the HTTP surface. */
  QueryService queryService() {
    return asyncQueries.service();
  }

  void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    log.info("shutting down");
    lifecycle.stopped();
    listeners.close();
    workers.shutdownNow();
    asyncQueries.close();
    closeEngine(engine);
    metrics.close();
    closed.countDown();
  }

  private static void closeEngine(EngineFactory.Started engine) {
    engine.engine().close();
    if (engine.process() != null) {
      try {
        engine.process().close();
      } catch (Exception e) {
        log.warn("stopping the engine failed: {}", e.toString());
      }
    }
  }
}
