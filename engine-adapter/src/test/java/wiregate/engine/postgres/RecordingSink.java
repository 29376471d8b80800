package wiregate.engine.postgres;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.ResultSink;

/** A result sink for engine tests: every value as text (row after row), the tags and the notices. */
final class RecordingSink implements ResultSink {
  final List<String> values = new ArrayList<>();
  final List<String> tags = new ArrayList<>();
  final List<String> notices = new ArrayList<>();

  @Override
  public void columns(List<Column> columns) {}

  @Override
  public void row(byte[][] row) {
    for (byte[] v : row) {
      values.add(v == null ? null : new String(v, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void complete(String commandTag) {
    tags.add(commandTag);
  }

  @Override
  public void notice(GatewayError notice) {
    notices.add(notice.message());
  }
}
