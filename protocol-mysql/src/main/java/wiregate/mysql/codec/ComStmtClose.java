package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/** COM_STMT_CLOSE: deallocates a prepared statement; the server sends no answer. */
public record ComStmtClose(int statementId) {
  public static ComStmtClose decode(ByteBuf in) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.STMT_CLOSE);
    return new ComStmtClose(CommandPayloads.readStatementId(in));
  }
}
