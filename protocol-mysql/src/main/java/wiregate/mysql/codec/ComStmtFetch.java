package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/** COM_STMT_FETCH: the next {@code rowCount} rows of a statement's open cursor (unsigned 32-bit). */
public record ComStmtFetch(int statementId, long rowCount) {
  public static ComStmtFetch decode(ByteBuf in) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.STMT_FETCH);
    int id = CommandPayloads.readStatementId(in);
    WireTypes.require(in, 4, "row count");
    return new ComStmtFetch(id, in.readUnsignedIntLE());
  }
}
