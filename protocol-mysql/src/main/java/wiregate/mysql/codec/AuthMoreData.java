package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/** Extra data of an authentication exchange: 0x01 and plugin-specific bytes. */
public record AuthMoreData(byte[] data) implements PacketPayload {
  public static final int HEADER = 0x01;
  /** caching_sha2_password: the scramble matched the cached hash; OK follows. */
  public static final byte FAST_AUTH_SUCCESS = 0x03;
  /** caching_sha2_password: send the password (over TLS) or ask for the RSA key. */
  public static final byte PERFORM_FULL_AUTHENTICATION = 0x04;
  /** caching_sha2_password, from the client: "send me your RSA public key". */
  public static final byte REQUEST_PUBLIC_KEY = 0x02;

  public AuthMoreData {
    data = data.clone();
  }

  public static AuthMoreData of(byte status) {
    return new AuthMoreData(new byte[] {status});
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(HEADER);
    out.writeBytes(data);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
