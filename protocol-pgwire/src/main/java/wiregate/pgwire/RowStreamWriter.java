package wiregate.pgwire;

import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.ResultSink;
import wiregate.core.session.ChannelOutput;
import wiregate.pgwire.codec.BackendMessages;

/** Writes a statement's outcome as RowDescription, DataRow, CommandComplete and NoticeResponse. */
final class RowStreamWriter implements ResultSink {
  private final BackendMessages messages;
  private final ChannelOutput output;

  RowStreamWriter(BackendMessages messages, ChannelOutput output) {
    this.messages = messages;
    this.output = output;
  }

  @Override
  public void columns(List<Column> columns) {
    messages.rowDescription(output.buffer(), columns);
  }

  @Override
  public void row(byte[][] values) {
    BackendMessages.dataRow(output.buffer(), values);
    output.flushIfFull();
  }

  @Override
  public void complete(String commandTag) {
    messages.commandComplete(output.buffer(), commandTag);
  }

  @Override
  public void notice(GatewayError notice) {
    messages.noticeResponse(output.buffer(), notice);
  }
}
