package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/**
 * COM_STMT_SEND_LONG_DATA: a chunk of one parameter's value, appended to what earlier chunks sent
 * until the statement executes or is reset. The server sends no answer.
 */
public record ComStmtSendLongData(int statementId, int parameterIndex, byte[] data) {
  public static ComStmtSendLongData decode(ByteBuf in) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.STMT_SEND_LONG_DATA);
    int id = CommandPayloads.readStatementId(in);
    WireTypes.require(in, 2, "parameter index");
    int parameter = in.readUnsignedShortLE();
    return new ComStmtSendLongData(id, parameter, WireTypes.readRestOfPacket(in));
  }
}
