package wiregate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wiregate.dialect.mysql.catalog.CharacterSets;
import wiregate.mysql.codec.Collations;

/**
 * The protocol's collation ids (handshake, column definitions) and the dialect's catalog (SHOW
 * COLLATION, SET NAMES) are two tables in two modules that may not depend on each other: they must
 * agree, and the catalog must list every collation the protocol speaks.
 */
class MySqlCollationTablesTest {
  @Test
  void everyProtocolCollationIsInTheCatalogUnderTheSameId() {
    int found = 0;
    for (int id = 1; id < 1024; id++) {
      var protocol = Collations.byId(id);
      if (protocol.isEmpty()) {
        continue;
      }
      found++;
      var catalog = CharacterSets.collation(id);
      assertTrue(catalog.isPresent(), "SHOW COLLATION lacks " + protocol.get().name());
      assertEquals(protocol.get().name(), catalog.get().name());
      assertEquals(protocol.get().charsetName(), catalog.get().charset());
    }
    assertTrue(found > 5);
  }

  @Test
  void characterSetDefaultsAgree() {
    for (CharacterSets.CharacterSet set : CharacterSets.CHARACTER_SETS) {
      Collations.defaultFor(set.name())
          .ifPresent(c -> assertEquals(set.defaultCollation(), c.name(), "default collation of " + set.name()));
    }
  }
}
