package wiregate.mysql.command;

import wiregate.mysql.codec.ColumnType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.util.List;
import wiregate.core.model.GatewayException;
import wiregate.mysql.codec.BinaryRow;
import wiregate.mysql.codec.BinaryValues;
import wiregate.mysql.codec.CapabilityFlags;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.codec.EofPacket;
import wiregate.mysql.codec.ErrPacket;
import wiregate.mysql.codec.OkPacket;
import wiregate.mysql.codec.PacketChannel;
import wiregate.mysql.codec.StmtPrepareOk;
import wiregate.mysql.codec.TextRow;
import wiregate.mysql.codec.WireTypes;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.result.ColumnMapper;
import wiregate.mysql.session.ResponseWriter;

/**
 * Writes a command's response as MySQL packets on the connection's packet channel. Public so that the
 * JMH benchmarks (module benchmarks) measure the very path engine rows take.
 */
public final class PacketResponses implements ResponseWriter {
  private final PacketChannel channel;
  private final boolean deprecateEof;
  private final Charset charset;

  public PacketResponses(PacketChannel channel, int capabilities, Charset charset) {
    this.channel = channel;
    this.deprecateEof = CapabilityFlags.has(capabilities, CapabilityFlags.DEPRECATE_EOF);
    this.charset = charset;
  }

  @Override
  public void ok(long affectedRows, long lastInsertId, int status, int warnings, String info) {
    channel.send(new OkPacket(affectedRows, lastInsertId, status, warnings, info));
  }

  @Override
  public void error(int errno, String sqlState, String message) {
    channel.send(new ErrPacket(errno, sqlState, message));
  }

  @Override
  public void resultSetHeader(List<ColumnDefinition41> columns) {
    writeColumnCount(columns.size());
    columns.forEach(c -> channel.send(wire(c)));
    if (!deprecateEof) {
      channel.send(new EofPacket(0, 0));
    }
  }

  @Override
  public void cursorOpened(List<ColumnDefinition41> columns, int status) {
    writeColumnCount(columns.size());
    columns.forEach(c -> channel.send(wire(c)));
    channel.send(new EofPacket(0, status));
  }

  private void writeColumnCount(int count) {
    int start = channel.beginPacket();
    WireTypes.writeLengthEncodedInt(channel.buffer(), count);
    channel.endPacket(start);
  }

  @Override
  public void textRow(byte[][] values) {
    int start = channel.beginPacket();
    TextRow.encode(channel.buffer(), values);
    channel.endPacket(start);
  }

  @Override
  public void binaryRow(List<ColumnDefinition41> columns, byte[][] values) {
    int start = channel.beginPacket();
    ByteBuf out = channel.buffer();
    int header = BinaryRow.writeHeader(out, values.length);
    for (int i = 0; i < values.length; i++) {
      byte[] v = values[i];
      if (v == null) {
        BinaryRow.markNull(out, header, i);
        continue;
      }
      int type = columns.get(i).type();
      if (isBytes(type)) {
        BinaryValues.writeResultBytes(out, v);
      } else {
        try {
          BinaryValues.writeResultValue(out, type, v, charset);
        } catch (GatewayException e) {
          BinaryValues.writeResultBytes(out, v); // not a value of the type: the client gets the text
        }
      }
    }
    channel.endPacket(start);
  }

  private static boolean isBytes(int type) {
    return switch (type) {
      case ColumnType.VAR_STRING, ColumnType.STRING, ColumnType.VARCHAR, ColumnType.BLOB,
          ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB,
          ColumnType.JSON, ColumnType.ENUM, ColumnType.SET, ColumnType.BIT -> true;
      default -> false;
    };
  }

  @Override
  public void endOfRows(int status, int warnings) {
    if (deprecateEof) {
      channel.send(OkPacket.resultSetEnd(status, warnings));
    } else {
      channel.send(new EofPacket(warnings, status));
    }
  }

  @Override
  public void prepareOk(int statementId, List<ColumnDefinition41> parameters, List<ColumnDefinition41> columns,
      int warnings) {
    StmtPrepareOk.writeResponse(channel::send, statementId, parameters.stream().map(this::wire).toList(),
        columns.stream().map(this::wire).toList(), warnings, 0, deprecateEof);
  }


  /** COM_FIELD_LIST's answer: each definition followed by its (unknown) default value, then EOF. */
  void fieldList(List<ColumnDefinition41> columns, int status) {
    for (ColumnDefinition41 c : columns) {
      int start = channel.beginPacket();
      wire(c).encode(channel.buffer());
      channel.buffer().writeByte(0xfb); // default value: NULL
      channel.endPacket(start);
    }
    channel.send(new EofPacket(0, status));
  }

  @Override
  public void raw(byte[] payload) {
    int start = channel.beginPacket();
    channel.buffer().writeBytes(payload);
    channel.endPacket(start);
  }

  @Override
  public void flushIfFull() {
    // endPacket already writes a full batch and waits for a slow client
  }

  @Override
  public void flush() {
    channel.flush();
  }

  /** Column names go out in the connection's character set. */
  private ColumnDefinition41 wire(ColumnDefinition41 c) {
    return c.charset().equals(charset) ? c : new ColumnDefinition41(c.schema(), c.table(), c.orgTable(), c.name(),
        c.orgName(), c.collationId(), c.columnLength(), c.type(), c.flags(), c.decimals(), charset);
  }

}
