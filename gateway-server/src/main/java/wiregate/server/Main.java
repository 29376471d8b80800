package wiregate.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import wiregate.core.auth.ApiTokens;
import wiregate.core.auth.UserAdmin;
import wiregate.core.auth.UserStore;
import wiregate.core.config.ConfigException;
import wiregate.core.config.ConfigLoader;
import wiregate.core.config.GatewayConfig;
import wiregate.core.config.LiveConfig;
import wiregate.core.ingress.PortInUseException;

/** Entry point: {@code run} starts the gateway, {@code user add NAME} stores a user's verifiers. */
public final class Main {
  private static final String USAGE = """
      usage: wiregate run [--config FILE] [--set path.to.key=value ...]
             wiregate user add NAME [--config FILE] [--set ...]   (reads the password from stdin)
             wiregate token create USER | token list | token revoke ID [--config FILE]
                                                                 (bearer tokens for the HTTP API)
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    try {
      CommandLine cli = CommandLine.parse(args);
      return switch (cli.command()) {
        case "run" -> runGateway(cli);
        case "user" -> user(cli);
        case "token" -> token(cli);
        case "help" -> {
          System.out.print(USAGE);
          yield 0;
        }
        default -> throw new CommandLine.UsageException("unknown command " + cli.command());
      };
    } catch (CommandLine.UsageException e) {
      System.err.println("wiregate: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    } catch (ConfigException e) {
      System.err.println("wiregate: configuration error: " + e.getMessage());
      return 2;
    } catch (PortInUseException e) {
      System.err.println("wiregate: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("wiregate: " + e.getMessage());
      e.printStackTrace(System.err);
      return 1;
    }
  }

  private static GatewayConfig config(CommandLine cli) throws ConfigException {
    return new ConfigLoader().load(cli.configFile(), cli.overrides());
  }

  private static int runGateway(CommandLine cli) throws Exception {
    ConfigLoader loader = new ConfigLoader();
    // A reload reads the very same sources again: the --config file and the --set list.
    LiveConfig.Source sources = () -> loader.load(cli.configFile(), cli.overrides());
    GatewayServer server = GatewayServer.start(new LiveConfig(sources.read(), sources, loader));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "wiregate-shutdown"));
    OperatorSignals.install(server);
    System.out.println("wiregate: ready");
    System.out.flush();
    server.awaitClose();
    return 0;
  }

  /**
   * Bearer tokens for the HTTP API. The token is printed once; only its SHA-256 hash is stored, in
   * api-tokens.yaml next to the users file. A running gateway sees the change on the next request.
   */
  private static int token(CommandLine cli) throws Exception {
    List<String> args = cli.arguments();
    String action = args.isEmpty() ? "" : args.get(0);
    GatewayConfig config = config(cli);
    ApiTokens tokens = ApiTokens.besideUsersFile(config.usersFile());
    switch (action) {
      case "create" -> {
        if (args.size() != 2) {
          throw new CommandLine.UsageException("expected: token create USER");
        }
        String user = args.get(1);
        if (UserStore.open(config.usersFile()).find(user).isEmpty()) {
          throw new CommandLine.UsageException("no user \"" + user + "\" in " + config.usersFile()
              + " (add it with: user add " + user + ")");
        }
        String token = tokens.create(user, new SecureRandom());
        System.err.println("wiregate: created a token for user \"" + user + "\"; it is shown only now"
            + " (its hash is in " + tokens.file() + "):");
        System.out.println(token);
      }
      case "list" -> {
        if (args.size() != 1) {
          throw new CommandLine.UsageException("expected: token list");
        }
        for (ApiTokens.Entry entry : tokens.list()) {
          System.out.println(entry.id() + "  " + entry.user() + "  " + entry.created());
        }
      }
      case "revoke" -> {
        if (args.size() != 2) {
          throw new CommandLine.UsageException("expected: token revoke ID");
        }
        if (!tokens.revoke(args.get(1))) {
          System.err.println("wiregate: no token with id " + args.get(1));
          return 1;
        }
        System.err.println("wiregate: revoked token " + args.get(1));
      }
      default -> throw new CommandLine.UsageException("expected: token create USER | token list | token revoke ID");
    }
    return 0;
  }

  private static int user(CommandLine cli) throws Exception {
    if (cli.arguments().size() != 2 || !cli.arguments().get(0).equals("add")) {
      throw new CommandLine.UsageException("expected: user add NAME");
    }
    GatewayConfig config = config(cli);
    String name = cli.arguments().get(1);
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String password = stdin.readLine();
    if (password == null || password.isEmpty()) {
      throw new CommandLine.UsageException("no password on standard input");
    }
    UserStore store = UserStore.open(config.usersFile());
    new UserAdmin(store, config.auth.scramIterations, new SecureRandom()).addUser(name, password);
    System.out.println("wiregate: stored verifiers for user \"" + name + "\" in " + store.file());
    return 0;
  }
}
