package wiregate.engine.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Waits until a freshly launched postgres accepts a real login. An open port alone is not
 * enough: during recovery postgres listens but refuses sessions ("the database system is
 * starting up").
 */
final class ReadinessProbe {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int CONNECT_TIMEOUT_MS = 1_000;
  private static final String INVALID_PASSWORD = "28P01";

  private final Postmaster postmaster;
  private final int port;
  private final String password;

  ReadinessProbe(Postmaster postmaster, int port, String password) {
    this.postmaster = postmaster;
    this.port = port;
    this.password = password;
  }

  void await(Deadline deadline) {
    String lastProblem = "the port never opened";
    while (true) {
      if (!postmaster.isAlive()) {
        throw new EngineStartException("postgres exited during start-up");
      }
      if (portOpen()) {
        try {
          selectOne();
          return;
        } catch (SQLException e) {
          if (INVALID_PASSWORD.equals(e.getSQLState())) {
            throw new EngineStartException("the server on 127.0.0.1:" + port + " rejected the password"
                + " stored in engine-password (was that file replaced, or is another server on this port?)", e);
          }
          lastProblem = e.getMessage();
        }
      }
      if (deadline.expired()) {
        throw new EngineStartException("postgres did not accept connections on 127.0.0.1:" + port
            + " within the start-up timeout of " + deadline.describeBudget() + " (last attempt: " + lastProblem + ")");
      }
      pause();
    }
  }

  private boolean portOpen() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(FreePort.loopback(), port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void selectOne() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ClusterInitializer.SUPERUSER);
    properties.setProperty("password", password);
    properties.setProperty("sslmode", "disable");
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("ApplicationName", "wiregate readiness probe");
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection connection = new Driver().connect(url, properties);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineStartException("interrupted while waiting for postgres to start", e);
    }
  }
}
