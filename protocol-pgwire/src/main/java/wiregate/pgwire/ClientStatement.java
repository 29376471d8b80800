package wiregate.pgwire;

import wiregate.core.engine.PreparedQuery;

/** A statement the client prepared with Parse; {@code query} is null for an empty statement. */
record ClientStatement(String name, PreparedQuery query) {
  int[] parameterTypes() {
    return query == null ? new int[0] : query.parameterTypes();
  }

  boolean returnsRows() {
    return query != null && query.columns() != null;
  }
}
