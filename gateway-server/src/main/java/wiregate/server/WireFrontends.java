package wiregate.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.core.auth.UserStore;
import wiregate.core.auth.UsersFileException;
import wiregate.core.config.ConfigException;
import wiregate.core.config.GatewayConfig;
import wiregate.core.config.LiveConfig;
import wiregate.core.config.ProtocolsConfig;
import wiregate.core.engine.Engine;
import wiregate.core.ingress.SwappableFrontend;
import wiregate.core.lifecycle.Admission;
import wiregate.core.metrics.CommandMetrics;
import wiregate.core.session.CancelRegistry;
import wiregate.core.tls.TlsServerEndPoint;
import wiregate.core.tls.TlsMaterial;
import wiregate.dialect.mysql.MySqlTranslator;
import wiregate.dialect.mysql.catalog.GlobalVariables;
import wiregate.dialect.mysql.catalog.MySqlSystemVariables;
import wiregate.dialect.postgres.PostgresDialect;
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
import wiregate.pgwire.PgServices;
import wiregate.pgwire.PostgresFrontend;
import wiregate.pgwire.auth.PgAuthenticator;

/**
 * The PostgreSQL and MySQL frontends, rebuilt from the configuration on every reload. What must
 * outlive a reload is made once and shared: the engine, the cancel registry (a CancelRequest may
 * target a session opened before the reload), decoy secrets, RSA keys, the fast-auth cache, the MySQL
 * command services. The per-configuration parts (users file, auth settings, message limits) go into
 * fresh service records, and the listeners' {@link SwappableFrontend}s switch to them.
 */
final class WireFrontends implements LiveConfig.Participant {
  private final Engine engine;
  private final DecoyVerifiers decoys;
  private final SecureRandom random;
  private final SslContext startTls;
  private final byte[] tlsServerEndPoint;
  private final ExecutorService workers;
  private final Admission admission;
  private final CancelRegistry cancels = new CancelRegistry();
  private final PostgresDialect pgDialect = new PostgresDialect();
  private final CommandMetrics pgCommands;
  private final CommandMetrics mysqlCommands;
  private final ServerRsaKeys rsaKeys;
  private final FastAuthCache fastAuth = new FastAuthCache(FastAuthCache.DEFAULT_MAXIMUM_SIZE);
  private final MySqlCommandServices mysqlCommandServices;
  private final SwappableFrontend postgres;
  private final SwappableFrontend mysql;
  private volatile UserStore users;

  WireFrontends(GatewayConfig config, UserStore users, Engine engine, DecoyVerifiers decoys, SecureRandom random,
      SslContext startTls, TlsMaterial tls, ExecutorService workers, Admission admission, MeterRegistry meters) {
    this.engine = engine;
    this.users = users;
    this.decoys = decoys;
    this.random = random;
    this.startTls = startTls;
    this.tlsServerEndPoint = TlsServerEndPoint.bindingData(tls.certificate()).orElse(null);
    this.workers = workers;
    this.admission = admission;
    this.pgCommands = new CommandMetrics(meters, "postgres");
    this.mysqlCommands = new CommandMetrics(meters, "mysql");
    this.rsaKeys = ServerRsaKeys.generate(random);
    ProtocolsConfig.MySqlProtocolConfig mysqlConfig = config.protocols.mysql;
    // @@max_allowed_packet shows the limit the protocol enforces (the value at start; a reload
    // changes the limit for new connections but not this global's text).
    GlobalVariables globals = MySqlSystemVariables.standardGlobals(
        Map.of("max_allowed_packet", Integer.toString(mysqlConfig.maxAllowedPacket)));
    MySqlTranslator dialect = new MySqlTranslator(10_000, live -> new MySqlSystemVariables(globals, live));
    this.mysqlCommandServices = new MySqlCommandServices(engine, mysqlConfig.database, dialect,
        new ColumnOrigins(new CatalogConnection(engine, mysqlConfig.database)),
        new CompatSchemaInstaller(dialect.engineSetup()), MySqlErrorMap.standard());
    this.postgres = new SwappableFrontend(postgresFrontend(config, users));
    this.mysql = new SwappableFrontend(mysqlFrontend(config, users));
  }

  /** The users store in use now; a reload may switch to another users file. */
  UserStore users() {
    return users;
  }

  SwappableFrontend postgres() {
    return postgres;
  }

  SwappableFrontend mysql() {
    return mysql;
  }

  @Override
  public Runnable prepare(GatewayConfig current, GatewayConfig next) throws ConfigException {
    UserStore nextUsers = users;
    try {
      if (!next.usersFile().equals(current.usersFile())) {
        nextUsers = UserStore.open(next.usersFile());
      } else {
        // The users file is re-read on every reload, even when its attributes did not change.
        nextUsers.reload();
      }
    } catch (UsersFileException e) {
      throw new ConfigException("users file " + next.usersFile() + ": " + e.getMessage(), e);
    }
    UserStore chosen = nextUsers;
    PostgresFrontend nextPostgres = postgresFrontend(next, chosen);
    MySqlFrontend nextMysql = mysqlFrontend(next, chosen);
    return () -> {
      users = chosen;
      postgres.swap(nextPostgres);
      mysql.swap(nextMysql);
      engine.reconfigure(next.engine);
    };
  }

  private PostgresFrontend postgresFrontend(GatewayConfig config, UserStore users) {
    PgAuthenticator auth = new PgAuthenticator(users, config.auth, decoys, random, tlsServerEndPoint);
    return new PostgresFrontend(new PgServices(engine, pgDialect, auth, startTls, cancels, workers,
        config.protocols.postgres.maxMessageSize, admission, pgCommands,
        config.protocols.postgres.relay ? engine.pgWire().orElse(null) : null));
  }

  private MySqlFrontend mysqlFrontend(GatewayConfig config, UserStore users) {
    ProtocolsConfig.MySqlProtocolConfig mysqlConfig = config.protocols.mysql;
    AuthPlugin plugin = mysqlConfig.defaultAuthPlugin.equals("mysql_native_password")
        ? AuthPlugin.MYSQL_NATIVE_PASSWORD : AuthPlugin.CACHING_SHA2_PASSWORD;
    MySqlAuthenticator authenticator = new MySqlAuthenticator(users, decoys, config.auth, rsaKeys, fastAuth, plugin);
    MySqlServices services = new MySqlServices(authenticator, startTls, workers, mysqlConfig.maxAllowedPacket,
        channel -> new MySqlCommandPhase(mysqlCommandServices, channel));
    return new MySqlFrontend(services, admission, mysqlCommands);
  }
}
