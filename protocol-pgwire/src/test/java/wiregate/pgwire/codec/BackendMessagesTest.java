package wiregate.pgwire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.TransactionStatus;

class BackendMessagesTest {
  private final BackendMessages messages = new BackendMessages(StandardCharsets.UTF_8);

  private static String hex(Consumer<ByteBuf> write) {
    ByteBuf out = Unpooled.buffer();
    write.accept(out);
    return ByteBufUtil.hexDump(out);
  }

  @Test
  void authenticationMessages() {
    assertEquals("52" + "00000008" + "00000000", hex(BackendMessages::authenticationOk));
    assertEquals("52" + "00000008" + "00000003", hex(BackendMessages::authenticationCleartextPassword));
    assertEquals("52" + "0000000c" + "00000005" + "01020304",
        hex(out -> BackendMessages.authenticationMd5Password(out, new byte[] {1, 2, 3, 4})));
    // 'R', length 23, code 10, "SCRAM-SHA-256\0", terminating \0
    assertEquals("52" + "00000017" + "0000000a" + "534352414d2d5348412d32353600" + "00",
        hex(out -> BackendMessages.authenticationSasl(out, List.of("SCRAM-SHA-256"))));
    assertEquals("52" + "0000000a" + "0000000b" + "7879",
        hex(out -> BackendMessages.authenticationSaslContinue(out, new byte[] {'x', 'y'})));
    assertEquals("52" + "00000009" + "0000000c" + "76",
        hex(out -> BackendMessages.authenticationSaslFinal(out, new byte[] {'v'})));
  }

  @Test
  void sessionMessages() {
    assertEquals("53" + "00000008" + "6100" + "6200", hex(out -> messages.parameterStatus(out, "a", "b")));
    assertEquals("4b" + "0000000c" + "00000007" + "ffffffff", hex(out -> BackendMessages.backendKeyData(out, 7, -1)));
    assertEquals("5a" + "00000005" + "49", hex(out -> BackendMessages.readyForQuery(out, TransactionStatus.IDLE)));
    assertEquals("5a" + "00000005" + "54",
        hex(out -> BackendMessages.readyForQuery(out, TransactionStatus.IN_TRANSACTION)));
    assertEquals("5a" + "00000005" + "45", hex(out -> BackendMessages.readyForQuery(out, TransactionStatus.FAILED)));
    assertEquals("76" + "00000013" + "00030000" + "00000001" + "5f70715f2e7800",
        hex(out -> messages.negotiateProtocolVersion(out, 3 << 16, List.of("_pq_.x"))));
  }

  @Test
  void resultMessages() {
    Column c = new Column("id", 16384, (short) 1, 23, (short) 4, -1);
    assertEquals("54" + "0000001b" + "0001" + "696400" + "00004000" + "0001" + "00000017" + "0004" + "ffffffff" + "0000",
        hex(out -> messages.rowDescription(out, List.of(c))));
    assertEquals("44" + "00000010" + "0002" + "00000002" + "3432" + "ffffffff",
        hex(out -> BackendMessages.dataRow(out, new byte[][] {{'4', '2'}, null})));
    assertEquals("43" + "0000000d" + "53454c454354203100", hex(out -> messages.commandComplete(out, "SELECT 1")));
    assertEquals("49" + "00000004", hex(BackendMessages::emptyQueryResponse));
    assertEquals("41" + "0000000c" + "00000007" + "6300" + "7000", hex(out -> messages.notificationResponse(out, 7, "c", "p")));
    assertEquals("47" + "0000000b" + "00" + "0002" + "0000" + "0000",
        hex(out -> BackendMessages.copyResponse(out, true, 0, new int[] {0, 0})));
    assertEquals("48" + "00000009" + "01" + "0001" + "0001",
        hex(out -> BackendMessages.copyResponse(out, false, 1, new int[] {1})));
    assertEquals("64" + "00000006" + "6162", hex(out -> BackendMessages.copyData(out, new byte[] {'a', 'b'})));
    assertEquals("63" + "00000004", hex(BackendMessages::copyDone));
  }

  @Test
  void errorAndNoticeCarryEveryField() {
    GatewayError e = new GatewayError("ERROR", "42P01", "m", "d", "h", 7, null, null, null, "s", "t", null, null, null,
        null, null, null);
    String fields = "53" + "4552524f5200" + "56" + "4552524f5200" + "433432503031" + "00" + "4d6d00" + "446400" + "486800"
        + "503700" + "737300" + "747400" + "00";
    assertEquals("45" + String.format("%08x", 4 + fields.length() / 2) + fields, hex(out -> messages.errorResponse(out, e)));
    assertEquals("4e" + String.format("%08x", 4 + fields.length() / 2) + fields, hex(out -> messages.noticeResponse(out, e)));
  }
}
