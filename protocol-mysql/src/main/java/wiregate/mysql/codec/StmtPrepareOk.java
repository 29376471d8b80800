package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * COM_STMT_PREPARE_OK: the statement id and how many result columns and parameters it has. It is
 * followed by one column definition per parameter, then one per column, each group ended by an EOF
 * unless CLIENT_DEPRECATE_EOF is on ({@link #writeResponse}).
 */
public record StmtPrepareOk(int statementId, int columnCount, int parameterCount, int warnings)
    implements PacketPayload {
  public static final int HEADER = 0x00;

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(HEADER);
    out.writeIntLE(statementId);
    out.writeShortLE(columnCount);
    out.writeShortLE(parameterCount);
    out.writeByte(0); // reserved
    out.writeShortLE(warnings);
  }

  /** The whole response: this packet, the parameter definitions, the column definitions. */
  public static void writeResponse(java.util.function.Consumer<PacketPayload> send, int statementId,
      List<ColumnDefinition41> parameters, List<ColumnDefinition41> columns, int warnings, int statusFlags,
      boolean deprecateEof) {
    send.accept(new StmtPrepareOk(statementId, columns.size(), parameters.size(), warnings));
    for (List<ColumnDefinition41> group : List.of(parameters, columns)) {
      if (group.isEmpty()) {
        continue;
      }
      group.forEach(send);
      if (!deprecateEof) {
        send.accept(new EofPacket(warnings, statusFlags));
      }
    }
  }
}
