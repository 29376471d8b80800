package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import wiregate.core.engine.ParameterValue;

/**
 * COM_STMT_EXECUTE: statement id, cursor flags, iteration count (always 1), then for a statement
 * with parameters a NULL bitmap, the new-params-bound flag with the types if set, and the non-NULL
 * values in binary form. A client sends the types on the first execute and whenever they change; in
 * between the previous ones apply, so the parser takes them (and the parameter count, which only
 * the statement knows) as arguments: read {@link #peekStatementId} first, look the statement up,
 * then {@link #decode}. Values arrive already converted to what the engine takes
 * ({@link BinaryValues#readParameter}).
 *
 * @param types the types that apply to this execution (new or previous), one per parameter
 * @param values one per parameter; a parameter whose value came by COM_STMT_SEND_LONG_DATA has it here too
 */
public record ComStmtExecute(int statementId, int flags, long iterationCount, boolean newParamsBound,
    List<ParameterType> types, List<ParameterValue> values) {

  /** The statement id, without consuming the payload. */
  public static int peekStatementId(MySqlPacket packet) throws MalformedPacketException {
    ByteBuf in = packet.buffer();
    CommandPayloads.expectCommand(in, CommandCode.STMT_EXECUTE);
    return CommandPayloads.readStatementId(in);
  }

  /**
   * @param parameterCount the statement's number of parameters
   * @param previousTypes the types bound by the previous execution, null if none yet
   * @param longData the bytes COM_STMT_SEND_LONG_DATA sent for a parameter index, or null if none
   * @param charset the connection's charset, for string parameters
   */
  public static ComStmtExecute decode(ByteBuf in, int parameterCount, List<ParameterType> previousTypes,
      IntFunction<byte[]> longData, Charset charset) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.STMT_EXECUTE);
    int id = CommandPayloads.readStatementId(in);
    WireTypes.require(in, 5, "COM_STMT_EXECUTE flags and iteration count");
    int flags = in.readUnsignedByte();
    long iterations = in.readUnsignedIntLE();
    if (parameterCount == 0) {
      return new ComStmtExecute(id, flags, iterations, false, List.of(), List.of());
    }
    int bitmapLength = (parameterCount + 7) / 8;
    WireTypes.require(in, bitmapLength + 1, "NULL bitmap and new-params-bound flag");
    byte[] nullBitmap = new byte[bitmapLength];
    in.readBytes(nullBitmap);
    boolean newParamsBound = in.readUnsignedByte() == 1;
    List<ParameterType> types;
    if (newParamsBound) {
      WireTypes.require(in, 2 * parameterCount, "parameter types");
      types = new ArrayList<>(parameterCount);
      for (int i = 0; i < parameterCount; i++) {
        types.add(ParameterType.decode(in.readUnsignedShortLE()));
      }
      types = Collections.unmodifiableList(types);
    } else if (previousTypes != null && previousTypes.size() == parameterCount) {
      types = previousTypes;
    } else {
      throw new MalformedPacketException("COM_STMT_EXECUTE without parameter types, and none were bound before");
    }
    List<ParameterValue> values = new ArrayList<>(parameterCount);
    for (int i = 0; i < parameterCount; i++) {
      byte[] chunks = longData == null ? null : longData.apply(i);
      if (chunks != null) {
        values.add(BinaryValues.fromLongData(types.get(i), chunks, charset));
      } else if ((nullBitmap[i / 8] & (1 << (i % 8))) != 0) {
        values.add(ParameterValue.NULL);
      } else {
        values.add(BinaryValues.readParameter(in, types.get(i), charset));
      }
    }
    return new ComStmtExecute(id, flags, iterations, newParamsBound, types, Collections.unmodifiableList(values));
  }

  /** The client's side, for tests: values already in their binary wire form. */
  public static void encode(ByteBuf out, int statementId, int flags, List<ParameterType> types, byte[][] wireValues,
      boolean bindTypes) {
    out.writeByte(CommandCode.STMT_EXECUTE).writeIntLE(statementId).writeByte(flags).writeIntLE(1);
    if (types.isEmpty()) {
      return;
    }
    byte[] bitmap = new byte[(types.size() + 7) / 8];
    for (int i = 0; i < wireValues.length; i++) {
      if (wireValues[i] == null) {
        bitmap[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    out.writeBytes(bitmap).writeByte(bindTypes ? 1 : 0);
    if (bindTypes) {
      types.forEach(t -> out.writeShortLE(t.encode()));
    }
    for (byte[] value : wireValues) {
      if (value != null) {
        out.writeBytes(value);
      }
    }
  }
}
