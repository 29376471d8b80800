package wiregate.mysql.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.ResultSink;

/** Collects a small result (catalog lookups) as rows of text; null is NULL. */
final class RowCollector implements ResultSink {
  private final List<List<String>> rows = new ArrayList<>();

  List<List<String>> rows() {
    return rows;
  }

  @Override
  public void columns(List<Column> columns) {}

  @Override
  public void row(byte[][] values) {
    List<String> row = new ArrayList<>(values.length);
    for (byte[] v : values) {
      row.add(v == null ? null : new String(v, StandardCharsets.UTF_8));
    }
    rows.add(row);
  }

  @Override
  public void complete(String commandTag) {}

  @Override
  public void notice(GatewayError notice) {}
}
