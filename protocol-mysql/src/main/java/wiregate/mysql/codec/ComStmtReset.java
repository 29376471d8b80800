package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/** COM_STMT_RESET: drops long data sent for a statement and closes its cursor; answered with OK. */
public record ComStmtReset(int statementId) {
  public static ComStmtReset decode(ByteBuf in) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.STMT_RESET);
    return new ComStmtReset(CommandPayloads.readStatementId(in));
  }
}
