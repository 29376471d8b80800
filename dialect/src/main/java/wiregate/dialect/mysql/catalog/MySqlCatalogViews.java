package wiregate.dialect.mysql.catalog;

import java.util.List;

/** STUB (owned by the mysql-catalog helper; the real class replaces this one at merge). */
public final class MySqlCatalogViews {
  private MySqlCatalogViews() {}

  public static List<String> setupStatements() {
    return List.of();
  }
}
