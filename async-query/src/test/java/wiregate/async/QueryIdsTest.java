package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryIdsTest {
  @Test
  void idsAre26Base32CharactersAndDistinct() {
    QueryIds ids = new QueryIds(new SecureRandom());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ids.next();
      assertEquals(26, id.length());
      assertTrue(QueryIds.isWellFormed(id), id);
      seen.add(id);
    }
    assertEquals(10_000, seen.size());
    assertFalse(QueryIds.isWellFormed("../../etc/passwd"));
    assertFalse(QueryIds.isWellFormed("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    assertFalse(QueryIds.isWellFormed(null));
  }
}
