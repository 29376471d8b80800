package wiregate.dialect.mysql.catalog;

import wiregate.core.mysql.MySqlSessionVariables;

/** The protocol session's live values, as plain fields a test sets. */
final class TestLiveValues implements MySqlSessionVariables.LiveValues {
  long connectionId = 1;
  long lastInsertId;
  boolean autocommit = true;
  int warningCount;
  int errorCount;

  @Override
  public long connectionId() {
    return connectionId;
  }

  @Override
  public long lastInsertId() {
    return lastInsertId;
  }

  @Override
  public boolean autocommit() {
    return autocommit;
  }

  @Override
  public int warningCount() {
    return warningCount;
  }

  @Override
  public int errorCount() {
    return errorCount;
  }
}
