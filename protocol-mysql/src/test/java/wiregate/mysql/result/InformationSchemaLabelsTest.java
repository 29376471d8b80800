package wiregate.mysql.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.codec.ColumnType;

class InformationSchemaLabelsTest {
  private static ResultColumn text(String label) {
    return new ResultColumn(new ColumnDefinition41("", "", "", label, "", Collations.UTF8MB4_0900_AI_CI, 256,
        ColumnType.VAR_STRING, 0, 0), ValueConversion.AS_IS);
  }

  private static ColumnOrigins.Origin origin(String schema, String table, String column) {
    return new ColumnOrigins.Origin(schema, table, column, null, false, false, false, false, false);
  }

  @Test
  void informationSchemaColumnsAreNamedInUpperCaseAsInMySql8() {
    ColumnDefinition41 d = MySqlTypeRefinement.refine(text("column_name"),
        origin("wg_mysql_is", "columns", "column_name")).definition();
    assertEquals("COLUMN_NAME", d.name());
    assertEquals("COLUMN_NAME", d.orgName());
    assertEquals("information_schema", d.schema());
    assertEquals("COLUMNS", d.table());
    assertEquals("COLUMNS", d.orgTable());
  }

  @Test
  void anAliasIsKept() {
    ColumnDefinition41 d = MySqlTypeRefinement.refine(text("name"),
        origin("wg_mysql_is", "columns", "column_name")).definition();
    assertEquals("name", d.name());
    assertEquals("COLUMN_NAME", d.orgName());
  }

  @Test
  void tableColumnsKeepTheirNames() {
    ColumnDefinition41 d = MySqlTypeRefinement.refine(text("column_name"), origin("shop", "t", "column_name"))
        .definition();
    assertEquals("column_name", d.name());
    assertEquals("shop", d.schema());
  }
}
