package wiregate.engine.postgres;

import java.lang.reflect.Method;
import org.postgresql.core.Field;
import org.postgresql.core.Query;

/**
 * pgjdbc picks a query's result formats once, at its first Bind, by type OID. The gateway lets each
 * client Bind choose per column, so before a Bind it sets every column's format itself and tells
 * pgjdbc not to pick again. The members are on a package-private class, hence reflection; tests
 * cover a format change between two Binds of one statement and mixed formats for one type.
 */
final class FieldFormats {
  private static final String SIMPLE_QUERY = "org.postgresql.core.v3.SimpleQuery";
  private static final Method GET_FIELDS = method("getFields");
  private static final Method SET_HAS_BINARY = method("setHasBinaryFields", boolean.class);
  private static final java.lang.reflect.Field NEED_UPDATE = field(SIMPLE_QUERY, "needUpdateFieldFormats");
  private static final java.lang.reflect.Field QUERY_EPOCH = field(SIMPLE_QUERY, "deallocateEpoch");
  private static final java.lang.reflect.Field EXECUTOR_EPOCH =
      field("org.postgresql.core.v3.QueryExecutorImpl", "deallocateEpoch");

  private FieldFormats() {}

  private static Method method(String name, Class<?>... parameters) {
    try {
      Method m = Class.forName(SIMPLE_QUERY).getDeclaredMethod(name, parameters);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static java.lang.reflect.Field field(String className, String name) {
    try {
      java.lang.reflect.Field f = Class.forName(className).getDeclaredField(name);
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

  /** Sets each result column's format for the next Bind; false when pgjdbc's fields are not known. */
  static boolean apply(Query query, boolean[] binary) {
    if (GET_FIELDS == null || SET_HAS_BINARY == null || NEED_UPDATE == null
        || !GET_FIELDS.getDeclaringClass().isInstance(query)) {
      return false;
    }
    try {
      Field[] fields = (Field[]) GET_FIELDS.invoke(query);
      if (fields == null) {
        return false;
      }
      boolean any = false;
      for (int i = 0; i < fields.length; i++) {
        boolean b = i < binary.length && binary[i];
        fields[i].setFormat(b ? Field.BINARY_FORMAT : Field.TEXT_FORMAT);
        any |= b;
      }
      SET_HAS_BINARY.invoke(query, any);
      NEED_UPDATE.setBoolean(query, false);
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
