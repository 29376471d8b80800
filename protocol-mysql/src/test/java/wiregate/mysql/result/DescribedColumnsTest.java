package wiregate.mysql.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import wiregate.core.model.Column;
import wiregate.mysql.codec.Collations;

class DescribedColumnsTest {
  private static final int UTF8MB4 = Collations.UTF8MB4_GENERAL_CI;
  private final ColumnOrigins origins = new ColumnOrigins(sql -> List.of());
  private final DescribedColumns described = new DescribedColumns();
  private final AtomicInteger describes = new AtomicInteger();

  private static List<Column> columns(int typeOid) {
    return List.of(new Column("c", 16400, (short) 3, typeOid, (short) -1, 124));
  }

  private List<ResultColumn> describe(List<Column> engine, int collation) {
    return described.of(engine, collation, origins, () -> {
      describes.incrementAndGet();
      return ColumnMapper.map(engine, collation);
    });
  }

  @Test
  void theSameColumnsAreDescribedOnce() {
    List<ResultColumn> first = describe(columns(1042), UTF8MB4);
    assertSame(first, describe(columns(1042), UTF8MB4));
    assertEquals(1, describes.get());
  }

  @Test
  void otherColumnsAreDescribedAgain() {
    describe(columns(1042), UTF8MB4);
    describe(columns(25), UTF8MB4);
    assertEquals(2, describes.get());
  }

  @Test
  void anotherConnectionCollationIsDescribedAgain() {
    describe(columns(1042), UTF8MB4);
    List<ResultColumn> latin1 = describe(columns(1042), Collations.LATIN1_SWEDISH_CI);
    assertEquals(2, describes.get());
    assertEquals(Collations.LATIN1_SWEDISH_CI, latin1.get(0).definition().collationId());
  }

  @Test
  void ddlThatInvalidatesTheOriginsIsDescribedAgain() {
    describe(columns(1042), UTF8MB4);
    origins.invalidate();
    describe(columns(1042), UTF8MB4);
    assertEquals(2, describes.get());
  }
}
