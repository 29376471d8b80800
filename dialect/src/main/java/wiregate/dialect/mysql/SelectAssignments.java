package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * MySQL's {@code SELECT @v := expr ...}: the item selects {@code expr} (labelled with the item's text)
 * and the session gives {@code @v} the value of the last row (see EngineSql.assignedUserVariables).
 * Only items of the outermost select list can assign; := anywhere else stays unsupported.
 */
final class SelectAssignments {
  private SelectAssignments() {}

  /**
   * Drops the {@code @v :=} prefixes of the statement's outer select list (starting at {@code select})
   * from the rendering and returns, per select item, the variable it assigns (null for none), or an
   * empty list when no item assigns one.
   */
  static List<String> apply(SourceStatement s, PgRenderer r, int select) throws GatewayException {
    List<int[]> items = s.selectItems(select);
    List<String> assigned = new ArrayList<>(Collections.nCopies(items.size(), (String) null));
    boolean any = false;
    boolean star = false;
    for (int i = 0; i < items.size(); i++) {
      int a = items.get(i)[0];
      if (a < items.get(i)[1] && s.isSymbol(items.get(i)[1] - 1, "*")) {
        star = true;
      }
      if (a + 2 < items.get(i)[1] && s.get(a).kind() == Kind.USER_VARIABLE && s.isSymbol(a + 1, ":=")) {
        if (star) {
          throw MySqlSyntaxErrors.unsupported("Assigning a user variable after * in a select list");
        }
        assigned.set(i, s.get(a).value().toLowerCase(java.util.Locale.ROOT));
        r.drop(a);
        r.drop(a + 1);
        any = true;
      }
    }
    return any ? assigned : List.of();
  }
}
