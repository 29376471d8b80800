package wiregate.engine.embedded;

import java.nio.file.Path;

/** An installed PostgreSQL distribution: bin/, lib/ and share/ under one home directory. */
record PostgresBinaries(Path home, String version) {
  Path initdb() {
    return home.resolve("bin/initdb");
  }

  Path postgres() {
    return home.resolve("bin/postgres");
  }
}
