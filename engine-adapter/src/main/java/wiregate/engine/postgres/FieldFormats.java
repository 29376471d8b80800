package wiregate.engine.postgres;

import java.lang.reflect.Method;
import org.postgresql.core.Field;
import org.postgresql.core.Query;

/**
 * pgjdbc picks a query's result formats (text or binary, by type OID) once, at its first Bind. The
 * gateway lets every client Bind choose, so before a Bind it turns all columns back to text and asks
 * pgjdbc to pick again from the binary-receive OIDs. The methods are on a package-private class,
 * hence reflection (tests cover a format change between two Binds of one statement).
 */
final class FieldFormats {
  private static final Method GET_FIELDS = find("getFields");
  private static final Method RESET = find("resetNeedUpdateFieldFormats");
  private static final java.lang.reflect.Field QUERY_EPOCH = field("org.postgresql.core.v3.SimpleQuery");
  private static final java.lang.reflect.Field EXECUTOR_EPOCH = field("org.postgresql.core.v3.QueryExecutorImpl");

  private FieldFormats() {}

  private static java.lang.reflect.Field field(String className) {
    try {
      java.lang.reflect.Field f = Class.forName(className).getDeclaredField("deallocateEpoch");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether pgjdbc will parse the query again at its next execution (after DEALLOCATE ALL, or a
   * search_path change). Parsing again forgets the row description, so binary result formats could
   * not be requested in the same round trip: the caller describes the query again first.
   */
  static boolean willReparse(Query query, org.postgresql.core.QueryExecutor executor) {
    if (QUERY_EPOCH == null || EXECUTOR_EPOCH == null || !QUERY_EPOCH.getDeclaringClass().isInstance(query)
        || !EXECUTOR_EPOCH.getDeclaringClass().isInstance(executor)) {
      return false;
    }
    try {
      return QUERY_EPOCH.getShort(query) != EXECUTOR_EPOCH.getShort(executor);
    } catch (IllegalAccessException e) {
      return false;
    }
  }

  private static Method find(String name) {
    try {
      Method m = Class.forName("org.postgresql.core.v3.SimpleQuery").getDeclaredMethod(name);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  static void refresh(Query query) {
    if (GET_FIELDS == null || RESET == null || !GET_FIELDS.getDeclaringClass().isInstance(query)) {
      return;
    }
    try {
      Field[] fields = (Field[]) GET_FIELDS.invoke(query);
      if (fields != null) {
        for (Field field : fields) {
          field.setFormat(Field.TEXT_FORMAT);
        }
      }
      RESET.invoke(query);
    } catch (ReflectiveOperationException e) {
      // Formats stay as chosen at the first Bind.
    }
  }
}
