package wiregate.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import wiregate.async.AsyncQueryServices;
import wiregate.async.DefaultQueryService;
import wiregate.core.async.QueryService;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.engine.async.PooledQueryDatabases;
import wiregate.core.config.ProtocolsConfig;
import wiregate.core.engine.Engine;
import wiregate.dialect.mysql.MySqlTranslator;
import wiregate.dialect.mysql.catalog.GlobalVariables;
import wiregate.dialect.mysql.catalog.MySqlSystemVariables;
import wiregate.mysql.MySqlFrontend;
import wiregate.mysql.MySqlServices;
import wiregate.mysql.auth.AuthPlugin;
import wiregate.mysql.auth.FastAuthCache;
import wiregate.mysql.auth.MySqlAuthenticator;
import wiregate.mysql.auth.ServerRsaKeys;
import wiregate.mysql.command.MySqlCommandPhase;
import wiregate.mysql.command.MySqlCommandServices;
import wiregate.mysql.errors.MySqlErrorMap;
import wiregate.mysql.result.ColumnOrigins;
import wiregate.mysql.session.CatalogConnection;
import wiregate.mysql.session.CompatSchemaInstaller;
import wiregate.core.auth.UserAdmin;
import wiregate.core.auth.UserStore;
import wiregate.core.config.GatewayConfig;
import wiregate.core.config.ListenersConfig;
import wiregate.core.ingress.GatewayListeners;
import wiregate.core.ingress.ListenerSpec;
import wiregate.core.ingress.PortInUseException;
import wiregate.core.ingress.ProtocolFrontend;
import wiregate.core.ingress.ProtocolSignatures;
import wiregate.core.ingress.UnavailableFrontend;
import wiregate.core.session.CancelRegistry;
import wiregate.core.tls.ServerTlsContexts;
import wiregate.core.tls.TlsMaterial;
import wiregate.dialect.postgres.PostgresDialect;
import wiregate.pgwire.PgServices;
import wiregate.pgwire.PostgresFrontend;
import wiregate.pgwire.auth.PgAuthenticator;

/** Wires the gateway together and owns its lifecycle: users, TLS, engine, async queries, listeners. */
final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
  /** A client on a protocol's own port may take this long to send its first packet. */
  private static final long FIRST_PACKET_TIMEOUT_MS = 60_000;

  private final EngineFactory.Started engine;
  private final AsyncQueries asyncQueries;
  private final ExecutorService workers;
  private final GatewayListeners listeners;
  private final CountDownLatch closed = new CountDownLatch(1);

  private GatewayServer(EngineFactory.Started engine, AsyncQueries asyncQueries, ExecutorService workers,
      GatewayListeners listeners) {
    this.engine = engine;
    this.asyncQueries = asyncQueries;
    this.workers = workers;
    this.listeners = listeners;
  }

  /** The async query service and the database pools it runs on; closed in that order. */
  private record AsyncQueries(DefaultQueryService service, PooledQueryDatabases databases) implements AutoCloseable {
    static AsyncQueries start(GatewayConfig config, EngineFactory.Started engine, SecureRandom random)
        throws Exception {
      PooledQueryDatabases databases = PooledQueryDatabases.create(config.databases, engine.endpoint());
      try {
        return new AsyncQueries(AsyncQueryServices.create(config, databases, Clock.systemUTC(), random), databases);
      } catch (Exception e) {
        databases.close();
        throw e;
      }
    }

    @Override
    public void close() {
      service.close();
      databases.close();
    }
  }

  static GatewayServer start(GatewayConfig config) throws Exception {
    SecureRandom random = new SecureRandom();
    Files.createDirectories(config.dataPath());
    checkPortsFree(config.listeners);
    UserStore users = UserStore.open(config.usersFile());
    bootstrapUser(config, users, random);
    TlsMaterial tls = TlsMaterial.loadOrGenerate(config);
    SslContext startTls = ServerTlsContexts.forServer(tls);
    SslContext ingressTls = ServerTlsContexts.forServer(tls, List.of("postgresql", "h2", "http/1.1"));

    EngineFactory.Started engine = EngineFactory.start(config);
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    GatewayListeners listeners = new GatewayListeners();
    AsyncQueries asyncQueries = null;
    try {
      asyncQueries = AsyncQueries.start(config, engine, random);
      DecoyVerifiers decoys = DecoyVerifiers.fromSecretFile(config.dataPath().resolve("auth-secret"), random,
          config.auth.scramIterations);
      PgAuthenticator pgAuth = new PgAuthenticator(users, config.auth, decoys, random,
          wiregate.core.tls.TlsServerEndPoint.bindingData(tls.certificate()).orElse(null));
      PgServices pg = new PgServices(engine.engine(), new PostgresDialect(), pgAuth, startTls, new CancelRegistry(),
          workers, config.protocols.postgres.maxMessageSize);
      MySqlServices mysql = mysqlServices(config, engine.engine(), users, decoys, random, startTls, workers);
      Map<String, ProtocolFrontend> frontends = frontends(pg, mysql);
      List<InetSocketAddress> bound = listeners.bind(config.listeners.bind,
          listenerSpecs(config.listeners, frontends), ingressTls);
      log.info("engine: {}", engine.engine().describe());
      log.info("async queries: databases {}, results in {} ({}), metadata in {}", config.databases.keySet(),
          config.async.storage.kind.key(), config.resultsDir(), config.async.metadata.kind.key());
      bound.forEach(address -> log.info("listening on {}", address));
      return new GatewayServer(engine, asyncQueries, workers, listeners);
    } catch (Exception e) {
      listeners.close();
      if (asyncQueries != null) {
        asyncQueries.close();
      }
      closeEngine(engine);
      throw e;
    }
  }

  private static MySqlServices mysqlServices(GatewayConfig config, Engine engine, UserStore users,
      DecoyVerifiers decoys, SecureRandom random, SslContext startTls, ExecutorService workers) {
    ProtocolsConfig.MySqlProtocolConfig mysql = config.protocols.mysql;
    AuthPlugin plugin = mysql.defaultAuthPlugin.equals("mysql_native_password")
        ? AuthPlugin.MYSQL_NATIVE_PASSWORD : AuthPlugin.CACHING_SHA2_PASSWORD;
    MySqlAuthenticator authenticator = new MySqlAuthenticator(users, decoys, config.auth,
        ServerRsaKeys.generate(random), new FastAuthCache(FastAuthCache.DEFAULT_MAXIMUM_SIZE), plugin);
    // @@max_allowed_packet shows the limit the protocol enforces.
    GlobalVariables globals = MySqlSystemVariables.standardGlobals(
        Map.of("max_allowed_packet", Integer.toString(mysql.maxAllowedPacket)));
    MySqlTranslator dialect = new MySqlTranslator(10_000, live -> new MySqlSystemVariables(globals, live));
    MySqlCommandServices commands = new MySqlCommandServices(engine, mysql.database, dialect,
        new ColumnOrigins(new CatalogConnection(engine, mysql.database)),
        new CompatSchemaInstaller(dialect.engineSetup()), MySqlErrorMap.standard());
    return new MySqlServices(authenticator, startTls, workers, mysql.maxAllowedPacket,
        channel -> new MySqlCommandPhase(commands, channel));
  }

  private static Map<String, ProtocolFrontend> frontends(PgServices pg, MySqlServices mysql) {
    return Map.of(
        "postgres", new PostgresFrontend(pg),
        "mysql", new MySqlFrontend(mysql),
        "tds", UnavailableFrontend.silent("tds", ProtocolSignatures::tdsPrelogin),
        "drda", UnavailableFrontend.silent("drda", ProtocolSignatures::drda),
        "oracle", UnavailableFrontend.silent("oracle", ProtocolSignatures::tnsConnect),
        "http", UnavailableFrontend.http("http"),
        "https", UnavailableFrontend.http("https"));
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

  /** Async queries waiting or running on this instance, for a graceful drain. */
  int asyncQueriesInFlight() {
    return asyncQueries.service().inFlightCount();
  }

  void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    log.info("shutting down");
    listeners.close();
    workers.shutdownNow();
    asyncQueries.close();
    closeEngine(engine);
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
