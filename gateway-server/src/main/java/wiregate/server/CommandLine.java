package wiregate.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parsed command line: a command, its arguments, the config file and --set overrides. */
record CommandLine(String command, List<String> arguments, Path configFile, List<String> overrides) {

  static CommandLine parse(String[] args) throws UsageException {
    List<String> arguments = new ArrayList<>();
    List<String> overrides = new ArrayList<>();
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--config", "-c" -> config = Path.of(value(args, ++i, arg));
        case "--set" -> overrides.add(value(args, ++i, arg));
        case "--help", "-h" -> arguments.add(0, "help");
        default -> {
          if (arg.startsWith("--config=")) {
            config = Path.of(arg.substring("--config=".length()));
          } else if (arg.startsWith("--set=")) {
            overrides.add(arg.substring("--set=".length()));
          } else if (arg.startsWith("-")) {
            throw new UsageException("unknown option " + arg);
          } else {
            arguments.add(arg);
          }
        }
      }
    }
    String command = arguments.isEmpty() ? "help" : arguments.remove(0);
    return new CommandLine(command, List.copyOf(arguments), config, List.copyOf(overrides));
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
