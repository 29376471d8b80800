package wiregate.core.ingress;

import io.netty.buffer.ByteBuf;

/** Recognises a TLS ClientHello record header: handshake content type, TLS major version 3. */
final class TlsRecognizer {
  private TlsRecognizer() {}

  static ProtocolFrontend.Detection detect(ByteBuf in) {
    if (in.readableBytes() < 3) {
      return in.readableBytes() >= 1 && in.getUnsignedByte(in.readerIndex()) != 0x16
          ? ProtocolFrontend.Detection.NO_MATCH : ProtocolFrontend.Detection.NEED_MORE;
    }
    int i = in.readerIndex();
    boolean tls = in.getUnsignedByte(i) == 0x16 && in.getUnsignedByte(i + 1) == 3 && in.getUnsignedByte(i + 2) <= 4;
    return tls ? ProtocolFrontend.Detection.MATCH : ProtocolFrontend.Detection.NO_MATCH;
  }
}
