package wiregate.engine.embedded;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;

/** Prepares a PostgreSQL program (initdb, postgres) to run as the engine account. */
final class EngineCommand {
  private EngineCommand() {}

  static ProcessBuilder builder(List<String> argv, EngineAccount account, EngineLayout layout) {
    ProcessBuilder builder = new ProcessBuilder(account.commandLine(argv));
    // The engine account may not be able to enter the gateway's working directory.
    builder.directory(layout.engineDir().toFile());
    // PGDATA, PGPORT, PGOPTIONS... from the operator's shell must not redirect the managed engine.
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
    builder.redirectInput(Redirect.from(new File("/dev/null")));
    builder.redirectErrorStream(true);
    builder.redirectOutput(Redirect.appendTo(layout.logFile().toFile()));
    return builder;
  }
}
