package wiregate.pgwire.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.TransactionStatus;

/**
 * Encodes backend messages into a buffer. Each method writes one complete message (type byte,
 * length, body); strings go out in the client's encoding.
 */
public final class BackendMessages {
  private final Charset charset;

  public BackendMessages(Charset charset) {
    this.charset = charset;
  }

  public Charset charset() {
    return charset;
  }

  public static void authenticationOk(ByteBuf out) {
    authentication(out, 0, null);
  }

  public static void authenticationCleartextPassword(ByteBuf out) {
    authentication(out, 3, null);
  }

  public static void authenticationMd5Password(ByteBuf out, byte[] salt) {
    authentication(out, 5, salt);
  }

  public static void authenticationSasl(ByteBuf out, List<String> mechanisms) {
    int start = begin(out, 'R');
    out.writeInt(10);
    for (String mechanism : mechanisms) {
      PgStrings.writeCString(out, mechanism, java.nio.charset.StandardCharsets.US_ASCII);
    }
    out.writeByte(0);
    end(out, start);
  }

  public static void authenticationSaslContinue(ByteBuf out, byte[] data) {
    authentication(out, 11, data);
  }

  public static void authenticationSaslFinal(ByteBuf out, byte[] data) {
    authentication(out, 12, data);
  }

  private static void authentication(ByteBuf out, int code, byte[] data) {
    int start = begin(out, 'R');
    out.writeInt(code);
    if (data != null) {
      out.writeBytes(data);
    }
    end(out, start);
  }

  public void parameterStatus(ByteBuf out, String name, String value) {
    int start = begin(out, 'S');
    PgStrings.writeCString(out, name, charset);
    PgStrings.writeCString(out, value, charset);
    end(out, start);
  }

  public static void backendKeyData(ByteBuf out, int processId, int secret) {
    int start = begin(out, 'K');
    out.writeInt(processId);
    out.writeInt(secret);
    end(out, start);
  }

  /** NegotiateProtocolVersion: the newest version we speak (major << 16 | minor) and the options we did not know. */
  public void negotiateProtocolVersion(ByteBuf out, int newestVersion, List<String> unrecognisedOptions) {
    int start = begin(out, 'v');
    out.writeInt(newestVersion);
    out.writeInt(unrecognisedOptions.size());
    for (String option : unrecognisedOptions) {
      PgStrings.writeCString(out, option, charset);
    }
    end(out, start);
  }

  public static void readyForQuery(ByteBuf out, TransactionStatus status) {
    int start = begin(out, 'Z');
    out.writeByte(switch (status) {
      case IDLE -> 'I';
      case IN_TRANSACTION -> 'T';
      case FAILED -> 'E';
    });
    end(out, start);
  }

  public void rowDescription(ByteBuf out, List<Column> columns) {
    rowDescription(out, columns, null);
  }

  /** RowDescription with each column's format code (null: all text, as for a simple Query). */
  public void rowDescription(ByteBuf out, List<Column> columns, boolean[] binary) {
    int start = begin(out, 'T');
    out.writeShort(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      PgStrings.writeCString(out, c.name(), charset);
      out.writeInt(c.tableOid());
      out.writeShort(c.columnNumber());
      out.writeInt(c.typeOid());
      out.writeShort(c.typeSize());
      out.writeInt(c.typeModifier());
      out.writeShort(binary != null && i < binary.length && binary[i] ? 1 : 0);
    }
    end(out, start);
  }

  /** Values are already in the client's encoding (the engine produced them for it). */
  public static void dataRow(ByteBuf out, byte[][] values) {
    int start = begin(out, 'D');
    out.writeShort(values.length);
    for (byte[] value : values) {
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(value.length);
        out.writeBytes(value);
      }
    }
    end(out, start);
  }

  public void notificationResponse(ByteBuf out, int processId, String channel, String payload) {
    int start = begin(out, 'A');
    out.writeInt(processId);
    PgStrings.writeCString(out, channel, charset);
    PgStrings.writeCString(out, payload, charset);
    end(out, start);
  }

  public void commandComplete(ByteBuf out, String tag) {
    int start = begin(out, 'C');
    PgStrings.writeCString(out, tag, charset);
    end(out, start);
  }

  public static void parseComplete(ByteBuf out) {
    end(out, begin(out, '1'));
  }

  public static void bindComplete(ByteBuf out) {
    end(out, begin(out, '2'));
  }

  public static void closeComplete(ByteBuf out) {
    end(out, begin(out, '3'));
  }

  public static void noData(ByteBuf out) {
    end(out, begin(out, 'n'));
  }

  public static void portalSuspended(ByteBuf out) {
    end(out, begin(out, 's'));
  }

  public static void parameterDescription(ByteBuf out, int[] types) {
    int start = begin(out, 't');
    out.writeShort(types.length);
    for (int type : types) {
      out.writeInt(type);
    }
    end(out, start);
  }

  /** CopyInResponse ('G') or CopyOutResponse ('H'): overall format and each column's. */
  public static void copyResponse(ByteBuf out, boolean in, int format, int[] columnFormats) {
    int start = begin(out, in ? 'G' : 'H');
    out.writeByte(format);
    out.writeShort(columnFormats.length);
    for (int f : columnFormats) {
      out.writeShort(f);
    }
    end(out, start);
  }

  public static void copyData(ByteBuf out, byte[] data) {
    int start = begin(out, 'd');
    out.writeBytes(data);
    end(out, start);
  }

  public static void copyDone(ByteBuf out) {
    end(out, begin(out, 'c'));
  }

  public static void emptyQueryResponse(ByteBuf out) {
    end(out, begin(out, 'I'));
  }

  public void errorResponse(ByteBuf out, GatewayError error) {
    fields(out, 'E', error);
  }

  public void noticeResponse(ByteBuf out, GatewayError notice) {
    fields(out, 'N', notice);
  }

  private void fields(ByteBuf out, char type, GatewayError e) {
    int start = begin(out, type);
    field(out, 'S', e.severity());
    field(out, 'V', e.severity());
    field(out, 'C', e.sqlState());
    field(out, 'M', e.message());
    field(out, 'D', e.detail());
    field(out, 'H', e.hint());
    field(out, 'P', e.position());
    field(out, 'p', e.internalPosition());
    field(out, 'q', e.internalQuery());
    field(out, 'W', e.where());
    field(out, 's', e.schema());
    field(out, 't', e.table());
    field(out, 'c', e.column());
    field(out, 'd', e.dataType());
    field(out, 'n', e.constraint());
    field(out, 'F', e.file());
    field(out, 'L', e.line());
    field(out, 'R', e.routine());
    out.writeByte(0);
    end(out, start);
  }

  private void field(ByteBuf out, char code, Object value) {
    if (value != null) {
      out.writeByte(code);
      PgStrings.writeCString(out, value.toString(), charset);
    }
  }

  public void parameterStatuses(ByteBuf out, Map<String, String> parameters) {
    parameters.forEach((name, value) -> parameterStatus(out, name, value));
  }

  private static int begin(ByteBuf out, char type) {
    out.writeByte(type);
    int lengthAt = out.writerIndex();
    out.writeInt(0);
    return lengthAt;
  }

  private static void end(ByteBuf out, int lengthAt) {
    out.setInt(lengthAt, out.writerIndex() - lengthAt);
  }
}
