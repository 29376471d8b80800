package wiregate.pgwire;

import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.ResultSink;
import wiregate.core.session.ChannelOutput;
import wiregate.pgwire.codec.BackendMessages;

/**
 * Writes a statement's outcome as RowDescription, DataRow, CommandComplete and NoticeResponse. In the
 * extended protocol Execute sends no RowDescription (Describe does), so it can be left out. Public so
 * that the JMH benchmarks (module benchmarks) measure the very path engine rows take.
 */
public final class RowStreamWriter implements ResultSink {
  private final BackendMessages messages;
  private final ChannelOutput output;
  private final boolean describeColumns;
  private final java.util.function.Consumer<String> tags;

  public RowStreamWriter(BackendMessages messages, ChannelOutput output, boolean describeColumns,
      java.util.function.Consumer<String> tags) {
    this.messages = messages;
    this.output = output;
    this.describeColumns = describeColumns;
    this.tags = tags;
  }

  @Override
  public void columns(List<Column> columns) {
    if (describeColumns) {
      messages.rowDescription(output.buffer(), columns);
    }
  }

  @Override
  public void row(byte[][] values) {
    BackendMessages.dataRow(output.buffer(), values);
    output.flushIfFull();
  }

  @Override
  public void complete(String commandTag) {
    messages.commandComplete(output.buffer(), commandTag);
    tags.accept(commandTag);
  }

  @Override
  public void notice(GatewayError notice) {
    messages.noticeResponse(output.buffer(), notice);
  }
}
