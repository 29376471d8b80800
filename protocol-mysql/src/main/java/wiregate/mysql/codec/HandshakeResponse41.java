package wiregate.mysql.codec;

import static wiregate.mysql.codec.CapabilityFlags.CONNECT_ATTRS;
import static wiregate.mysql.codec.CapabilityFlags.CONNECT_WITH_DB;
import static wiregate.mysql.codec.CapabilityFlags.PLUGIN_AUTH;
import static wiregate.mysql.codec.CapabilityFlags.PLUGIN_AUTH_LENENC_CLIENT_DATA;
import static wiregate.mysql.codec.CapabilityFlags.SECURE_CONNECTION;
import static wiregate.mysql.codec.CapabilityFlags.ZSTD_COMPRESSION_ALGORITHM;
import static wiregate.mysql.codec.CapabilityFlags.has;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's login (Protocol::HandshakeResponse41). The layout follows the flags the client set:
 * the auth response is length-encoded, one-byte-length-prefixed or NUL-terminated; the database,
 * plugin name, connection attributes and zstd level (ignored: compression is not offered) are
 * present only with their flags. Text is in the charset of the collation the client names.
 *
 * @param database null when the client did not name one
 * @param authPluginName null without CLIENT_PLUGIN_AUTH
 */
public record HandshakeResponse41(int capabilities, int maxPacketSize, int collationId, String userName,
    byte[] authResponse, String database, String authPluginName, Map<String, String> connectAttributes)
    implements PacketPayload {
  static final int FILLER = 23;

  public HandshakeResponse41 {
    authResponse = authResponse.clone();
    connectAttributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(connectAttributes));
  }

  public static HandshakeResponse41 decode(ByteBuf in) throws MalformedPacketException {
    WireTypes.require(in, 4 + 4 + 1 + FILLER, "HandshakeResponse41");
    int capabilities = in.readIntLE();
    if (!has(capabilities, CapabilityFlags.PROTOCOL_41)) {
      throw new MalformedPacketException("the client does not speak protocol 4.1");
    }
    int maxPacketSize = in.readIntLE();
    int collationId = in.readUnsignedByte();
    in.skipBytes(FILLER);
    Charset charset = Collations.charsetOf(collationId);
    String user = WireTypes.readNulTerminatedString(in, charset, "user name");
    byte[] authResponse;
    if (has(capabilities, PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
      authResponse = WireTypes.readLengthEncodedBytes(in);
    } else if (has(capabilities, SECURE_CONNECTION)) {
      WireTypes.require(in, 1, "auth response length");
      int length = in.readUnsignedByte();
      WireTypes.require(in, length, "auth response");
      authResponse = new byte[length];
      in.readBytes(authResponse);
    } else {
      authResponse = WireTypes.readNulTerminatedBytes(in, "auth response");
    }
    String database = null;
    if (has(capabilities, CONNECT_WITH_DB) && in.isReadable()) {
      database = WireTypes.readNulTerminatedString(in, charset, "database");
      database = database.isEmpty() ? null : database;
    }
    String plugin = null;
    if (has(capabilities, PLUGIN_AUTH) && in.isReadable()) {
      plugin = WireTypes.readNulTerminatedString(in, charset, "auth plugin name");
    }
    Map<String, String> attributes = Map.of();
    if (has(capabilities, CONNECT_ATTRS) && in.isReadable()) {
      attributes = readAttributes(in, charset);
    }
    if (has(capabilities, ZSTD_COMPRESSION_ALGORITHM) && in.isReadable()) {
      in.skipBytes(1); // zstd compression level: compression is not offered
    }
    return new HandshakeResponse41(capabilities, maxPacketSize, collationId, user, authResponse, database, plugin,
        attributes);
  }

  /**
   * Whether a login packet that does not decode comes from a pre-4.1 client, which MySQL refuses with
   * ER_NOT_SUPPORTED_AUTH_MODE (anything else malformed is a Bad handshake). Like MySQL it reads the
   * first two capability bytes, which old clients send too; shorter packets are just malformed.
   */
  public static boolean isPre41Client(byte[] payload) {
    return payload.length >= 2 && (payload[1] & (CapabilityFlags.PROTOCOL_41 >>> 8)) == 0;
  }

  /** Connection attributes: their total length, then key and value as length-encoded strings. */
  static Map<String, String> readAttributes(ByteBuf in, Charset charset) throws MalformedPacketException {
    long length = WireTypes.readLengthEncodedInt(in);
    if (length < 0 || length > in.readableBytes()) {
      throw new MalformedPacketException("connection attributes run past the end of the packet");
    }
    ByteBuf attributes = in.readSlice((int) length);
    Map<String, String> map = new LinkedHashMap<>();
    while (attributes.isReadable()) {
      String key = WireTypes.readLengthEncodedString(attributes, charset);
      map.put(key, WireTypes.readLengthEncodedString(attributes, charset));
    }
    return map;
  }

  static void writeAttributes(ByteBuf out, Map<String, String> attributes, Charset charset) {
    ByteBuf pairs = io.netty.buffer.Unpooled.buffer();
    attributes.forEach((key, value) -> {
      WireTypes.writeLengthEncodedString(pairs, key, charset);
      WireTypes.writeLengthEncodedString(pairs, value, charset);
    });
    WireTypes.writeLengthEncodedInt(out, pairs.readableBytes());
    out.writeBytes(pairs);
  }

  /** The client's side, for tests and tools. */
  @Override
  public void encode(ByteBuf out) {
    Charset charset = Collations.charsetOf(collationId);
    out.writeIntLE(capabilities).writeIntLE(maxPacketSize).writeByte(collationId).writeZero(FILLER);
    WireTypes.writeNulTerminatedString(out, userName, charset);
    if (has(capabilities, PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
      WireTypes.writeLengthEncodedBytes(out, authResponse);
    } else if (has(capabilities, SECURE_CONNECTION)) {
      out.writeByte(authResponse.length).writeBytes(authResponse);
    } else {
      out.writeBytes(authResponse).writeByte(0);
    }
    if (has(capabilities, CONNECT_WITH_DB)) {
      WireTypes.writeNulTerminatedString(out, database == null ? "" : database, charset);
    }
    if (has(capabilities, PLUGIN_AUTH)) {
      WireTypes.writeNulTerminatedString(out, authPluginName == null ? "" : authPluginName, charset);
    }
    if (has(capabilities, CONNECT_ATTRS)) {
      writeAttributes(out, connectAttributes, charset);
    }
  }

  @Override
  public byte[] authResponse() {
    return authResponse.clone();
  }

  @Override
  public String toString() {
    return "HandshakeResponse41[user=" + userName + ", database=" + database + ", plugin=" + authPluginName
        + ", capabilities=0x" + Integer.toHexString(capabilities) + ", collation=" + collationId
        + ", authResponse=" + authResponse.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HandshakeResponse41 r && capabilities == r.capabilities && maxPacketSize == r.maxPacketSize
        && collationId == r.collationId && userName.equals(r.userName) && Arrays.equals(authResponse, r.authResponse)
        && java.util.Objects.equals(database, r.database) && java.util.Objects.equals(authPluginName, r.authPluginName)
        && connectAttributes.equals(r.connectAttributes);
  }

  @Override
  public int hashCode() {
    return userName.hashCode() * 31 + capabilities;
  }
}
