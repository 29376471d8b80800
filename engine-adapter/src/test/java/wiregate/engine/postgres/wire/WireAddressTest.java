package wiregate.engine.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireAddressTest {
  @Test
  void readsHostAndPort() {
    assertEquals(Optional.of(new WireAddress("db.example", 6543)),
        WireAddress.of("jdbc:postgresql://db.example:6543/app?ApplicationName=x"));
    assertEquals(Optional.of(new WireAddress("127.0.0.1", 5432)), WireAddress.of("jdbc:postgresql://127.0.0.1/"));
    assertEquals(Optional.of(new WireAddress("::1", 5433)), WireAddress.of("jdbc:postgresql://[::1]:5433/db"));
    assertEquals(Optional.of(new WireAddress("h", 5432)), WireAddress.of("jdbc:postgresql://h/db?sslmode=disable"));
  }

  @Test
  void urlsTheRelayCannotHonourStayOnTheJdbcPath() {
    assertTrue(WireAddress.of("jdbc:postgresql://h/db?sslmode=require").isEmpty());
    assertTrue(WireAddress.of("jdbc:postgresql://h/db?ssl=true").isEmpty());
    assertTrue(WireAddress.of("jdbc:postgresql://h1,h2/db").isEmpty());
    assertTrue(WireAddress.of("jdbc:postgresql://h:x/db").isEmpty());
    assertTrue(WireAddress.of("jdbc:mysql://h/db").isEmpty());
  }
}
