package wiregate.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.core.auth.Md5Verifier;
import wiregate.core.auth.ScramVerifier;
import wiregate.core.auth.UserAdmin;
import wiregate.core.auth.UserRecord;
import wiregate.core.auth.UserStore;
import wiregate.core.config.AuthConfig;
import wiregate.mysql.auth.AuthPlugin;
import wiregate.mysql.auth.FastAuthCache;
import wiregate.mysql.auth.MySqlAuthenticator;
import wiregate.mysql.auth.ServerRsaKeys;
import wiregate.mysql.codec.AuthMoreData;
import wiregate.mysql.codec.CapabilityFlags;
import wiregate.mysql.codec.ErrPacket;
import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.codec.SslRequest;

/** Logins driven byte by byte through the real pipeline (EmbeddedChannel, commands run inline). */
class MySqlLoginTest {
  private static final String SHA2 = AuthPlugin.CACHING_SHA2_PASSWORD.pluginName();
  private static final String NATIVE = AuthPlugin.MYSQL_NATIVE_PASSWORD.pluginName();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static ServerRsaKeys rsaKeys;

  @TempDir
  Path dir;
  private UserStore users;
  private FastAuthCache cache;
  private final List<String> events = new ArrayList<>();
  private final List<AuthenticatedClient> clients = new ArrayList<>();

  @BeforeAll
  static void keys() {
    rsaKeys = ServerRsaKeys.generate(RANDOM);
  }

  @BeforeEach
  void users() throws Exception {
    users = UserStore.open(dir.resolve("users.yaml"));
    new UserAdmin(users, 4096, RANDOM).addUser("alice", "s3cret");
    // A user stored before the MySQL protocol: no native verifier.
    users.put(new UserRecord("old", ScramVerifier.create("pw", 4096, RANDOM), Md5Verifier.create("old", "pw")));
    cache = new FastAuthCache(100);
  }

  private MySqlFrontend frontend(AuthPlugin plugin, SslContext tls, int maxPacket) {
    MySqlAuthenticator authenticator = new MySqlAuthenticator(users, DecoyVerifiers.withRandomSecret(RANDOM, 4096),
        new AuthConfig(), rsaKeys, cache, plugin);
    return new MySqlFrontend(new MySqlServices(authenticator, tls, Runnable::run, maxPacket, this::recordingPhase));
  }

  private MySqlFrontend frontend() {
    return frontend(AuthPlugin.CACHING_SHA2_PASSWORD, null, MySqlServices.DEFAULT_MAX_PACKET_SIZE);
  }

  /** The minimal phase, recording what the connection tells it. */
  private CommandPhase recordingPhase(wiregate.mysql.codec.PacketChannel channel) {
    MinimalCommandPhase minimal = new MinimalCommandPhase(channel);
    return new CommandPhase() {
      @Override
      public void start(AuthenticatedClient client) throws LoginRefusedException {
        clients.add(client);
        events.add("start " + client.user());
        if ("nowhere".equals(client.database())) {
          throw new LoginRefusedException(new ErrPacket(1049, "42000", "Unknown database 'nowhere'"));
        }
      }

      @Override
      public void packet(MySqlPacket packet) {
        minimal.packet(packet);
      }

      @Override
      public void userChanged(AuthenticatedClient client) {
        clients.add(client);
        events.add("changed " + client.user());
      }

      @Override
      public void close() {
        events.add("close");
      }
    };
  }

  private TestClient fullLoginOverTls(MySqlFrontend frontend) {
    TestClient client = new TestClient(frontend, true);
    client.login(1, "alice", SHA2, TestClient.sha2Scramble("s3cret", client.scramble), null, Map.of());
    assertArrayEquals(new byte[] {1, AuthMoreData.PERFORM_FULL_AUTHENTICATION}, client.read().payload());
    client.send(3, TestClient.cleartext("s3cret"));
    client.expectOk(4);
    return client;
  }

  @Test
  void greetingOffersCachingSha2WithoutSslWhenTlsIsOff() {
    TestClient client = new TestClient(frontend(), false);
    assertEquals(SHA2, client.serverPlugin);
    assertEquals(CapabilityFlags.SERVER_DEFAULT, client.serverCapabilities);
    assertEquals(20, client.scramble.length);
    for (byte b : client.scramble) {
      assertTrue(b > 0 && b != '$', "scramble bytes are 7-bit, never NUL or $");
    }
  }

  @Test
  void fastPathMissesUntilAFullAuthenticationThenHits() {
    MySqlFrontend frontend = frontend();
    TestClient first = fullLoginOverTls(frontend);
    assertEquals(List.of("start alice"), events);
    assertTrue(clients.get(0).secure());

    TestClient second = new TestClient(frontend, false); // no TLS needed for the fast path
    second.login(1, "alice", SHA2, TestClient.sha2Scramble("s3cret", second.scramble), "shop",
        Map.of("_client_name", "pymysql"));
    assertArrayEquals(new byte[] {1, AuthMoreData.FAST_AUTH_SUCCESS}, second.read().payload());
    second.expectOk(3);
    AuthenticatedClient client = clients.get(1);
    assertEquals("shop", client.database());
    assertEquals(Map.of("_client_name", "pymysql"), client.connectAttributes());
    assertEquals(45, client.collationId());
    assertFalse(client.secure());
    assertFalse(client.deprecateEof());
    assertEquals(TestClient.CAPABILITIES | CapabilityFlags.CONNECT_WITH_DB, client.capabilities());

    // a wrong password for a cached user is not refused early: full authentication, then 1045
    TestClient wrong = new TestClient(frontend, true);
    wrong.login(1, "alice", SHA2, TestClient.sha2Scramble("guess", wrong.scramble), null, Map.of());
    assertArrayEquals(new byte[] {1, AuthMoreData.PERFORM_FULL_AUTHENTICATION}, wrong.read().payload());
    wrong.send(3, TestClient.cleartext("guess"));
    assertEquals("1045 28000Access denied for user 'alice'@'127.0.0.1' (using password: YES)", wrong.readError(4));
    assertFalse(wrong.channel.isActive());
    first.channel.close();
  }

  @Test
  void commandPhaseAfterLogin() {
    TestClient client = fullLoginOverTls(frontend());
    client.send(0, new byte[] {0x0e}); // COM_PING
    client.expectOk(1);
    client.send(0, new byte[] {0x03, 's'}); // COM_QUERY: not in the minimal phase
    assertEquals("1047 08S01Unknown command", client.readError(1));
    client.send(1, new byte[] {0x0e}); // a command must start at 0
    assertEquals("1156 08S01Got packets out of order", client.readError(2));
    assertFalse(client.channel.isActive());
    assertEquals(List.of("start alice", "close"), events);
  }

  @Test
  void comQuitCloses() {
    TestClient client = fullLoginOverTls(frontend());
    client.send(0, new byte[] {0x01});
    assertFalse(client.channel.isActive());
  }

  @Test
  void rsaExchangeWithoutTls() throws Exception {
    TestClient client = new TestClient(frontend(), false);
    client.login(1, "alice", SHA2, TestClient.sha2Scramble("s3cret", client.scramble), null, Map.of());
    assertArrayEquals(new byte[] {1, AuthMoreData.PERFORM_FULL_AUTHENTICATION}, client.read().payload());
    client.send(3, new byte[] {AuthMoreData.REQUEST_PUBLIC_KEY});
    MySqlPacket key = client.read();
    assertEquals(4, key.sequenceId());
    assertEquals(1, key.firstByte());
    String pem = new String(key.payload(), 1, key.length() - 1, StandardCharsets.US_ASCII);
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n") && pem.endsWith("-----END PUBLIC KEY-----\n"), pem);

    client.send(5, encryptLikeAClient(pem, "s3cret", client.scramble));
    client.expectOk(6);
    assertEquals(List.of("start alice"), events);
  }

  @Test
  void rsaExchangeWithAWrongPasswordIsDenied() throws Exception {
    TestClient client = new TestClient(frontend(), false);
    client.login(1, "alice", SHA2, TestClient.sha2Scramble("nope", client.scramble), null, Map.of());
    client.read();
    client.send(3, new byte[] {AuthMoreData.REQUEST_PUBLIC_KEY});
    MySqlPacket key = client.read();
    String pem = new String(key.payload(), 1, key.length() - 1, StandardCharsets.US_ASCII);
    client.send(5, encryptLikeAClient(pem, "nope", client.scramble));
    assertEquals("1045 28000Access denied for user 'alice'@'127.0.0.1' (using password: YES)", client.readError(6));
  }

  /** What PyMySQL / mysql-connector do: RSA-OAEP(SHA-1) of (password + NUL) XOR scramble. */
  private static byte[] encryptLikeAClient(String pem, String password, byte[] scramble) throws Exception {
    String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(Cipher.ENCRYPT_MODE, key);
    return cipher.doFinal(TestClient.xor(TestClient.cleartext(password), scramble));
  }

  @Test
  void cleartextPasswordWithoutTlsIsRefused() {
    TestClient client = new TestClient(frontend(), false);
    client.login(1, "alice", SHA2, TestClient.sha2Scramble("s3cret", client.scramble), null, Map.of());
    client.read();
    client.send(3, TestClient.cleartext("s3cret"));
    assertEquals("1045 28000Access denied for user 'alice'@'127.0.0.1' (using password: YES)", client.readError(4));
    assertFalse(client.channel.isActive());
    assertEquals(List.of(), events);
  }

  @Test
  void unknownUserTakesTheSamePathAsAWrongPassword() {
    TestClient client = new TestClient(frontend(), true);
    client.login(1, "mallory", SHA2, TestClient.sha2Scramble("s3cret", client.scramble), null, Map.of());
    assertArrayEquals(new byte[] {1, AuthMoreData.PERFORM_FULL_AUTHENTICATION}, client.read().payload());
    client.send(3, TestClient.cleartext("s3cret"));
    assertEquals("1045 28000Access denied for user 'mallory'@'127.0.0.1' (using password: YES)", client.readError(4));

    TestClient nativeClient = new TestClient(frontend(AuthPlugin.MYSQL_NATIVE_PASSWORD, null, 1 << 20), false);
    nativeClient.login(1, "mallory", NATIVE, TestClient.nativeScramble("s3cret", nativeClient.scramble), null, Map.of());
    assertEquals("1045 28000Access denied for user 'mallory'@'127.0.0.1' (using password: YES)",
        nativeClient.readError(2));
  }

  @Test
  void emptyPasswordIsDeniedWithUsingPasswordNo() {
    TestClient client = new TestClient(frontend(), true);
    client.login(1, "alice", SHA2, new byte[0], null, Map.of());
    assertEquals("1045 28000Access denied for user 'alice'@'127.0.0.1' (using password: NO)", client.readError(2));
  }

  @Test
  void nativePassword() {
    MySqlFrontend frontend = frontend(AuthPlugin.MYSQL_NATIVE_PASSWORD, null, 1 << 20);
    TestClient client = new TestClient(frontend, false);
    assertEquals(NATIVE, client.serverPlugin);
    client.login(1, "alice", NATIVE, TestClient.nativeScramble("s3cret", client.scramble), null, Map.of());
    client.expectOk(2);

    TestClient wrong = new TestClient(frontend, false);
    wrong.login(1, "alice", NATIVE, TestClient.nativeScramble("guess", wrong.scramble), null, Map.of());
    assertEquals("1045 28000Access denied for user 'alice'@'127.0.0.1' (using password: YES)", wrong.readError(2));

    // stored before the MySQL protocol: no native verifier, so native cannot work for it
    TestClient old = new TestClient(frontend, false);
    old.login(1, "old", NATIVE, TestClient.nativeScramble("pw", old.scramble), null, Map.of());
    assertEquals("1045 28000Access denied for user 'old'@'127.0.0.1' (using password: YES)", old.readError(2));
  }

  @Test
  void switchesANativeClientToCachingSha2() {
    TestClient client = new TestClient(frontend(), true);
    client.login(1, "alice", NATIVE, TestClient.nativeScramble("s3cret", client.scramble), null, Map.of());
    MySqlPacket request = client.read();
    assertEquals(2, request.sequenceId());
    assertEquals(ByteBufUtil.hexDump(switchRequest(SHA2, client.scramble)), ByteBufUtil.hexDump(request.payload()));
    client.send(3, TestClient.sha2Scramble("s3cret", client.scramble));
    assertArrayEquals(new byte[] {1, AuthMoreData.PERFORM_FULL_AUTHENTICATION}, client.read().payload());
    client.send(5, TestClient.cleartext("s3cret"));
    client.expectOk(6);
  }

  @Test
  void switchesACachingSha2ClientToNative() {
    TestClient client = new TestClient(frontend(AuthPlugin.MYSQL_NATIVE_PASSWORD, null, 1 << 20), false);
    client.login(1, "alice", SHA2, TestClient.sha2Scramble("s3cret", client.scramble), null, Map.of());
    MySqlPacket request = client.read();
    assertEquals(ByteBufUtil.hexDump(switchRequest(NATIVE, client.scramble)), ByteBufUtil.hexDump(request.payload()));
    client.send(3, TestClient.nativeScramble("s3cret", client.scramble));
    client.expectOk(4);
  }

  private static byte[] switchRequest(String plugin, byte[] scramble) {
    ByteBuf expected = Unpooled.buffer();
    expected.writeByte(0xfe).writeBytes(plugin.getBytes(StandardCharsets.US_ASCII)).writeByte(0)
        .writeBytes(scramble).writeByte(0);
    return ByteBufUtil.getBytes(expected);
  }

  @Test
  void theCommandPhaseMayRefuseTheLogin() {
    TestClient client = new TestClient(frontend(), true);
    client.login(1, "alice", SHA2, new byte[32], "nowhere", Map.of());
    client.read();
    client.send(3, TestClient.cleartext("s3cret"));
    assertEquals("1049 42000Unknown database 'nowhere'", client.readError(4));
    assertFalse(client.channel.isActive());
    assertEquals(List.of("start alice", "close"), events);
  }

  @Test
  void changeUserRunsTheExchangeAgain() {
    TestClient client = fullLoginOverTls(frontend());
    ByteBuf changeUser = Unpooled.buffer();
    changeUser.writeByte(0x11).writeBytes("alice".getBytes()).writeByte(0);
    byte[] response = TestClient.sha2Scramble("s3cret", client.scramble);
    changeUser.writeByte(response.length).writeBytes(response);
    changeUser.writeBytes("shop".getBytes()).writeByte(0).writeShortLE(255);
    changeUser.writeBytes(SHA2.getBytes()).writeByte(0);
    client.send(0, ByteBufUtil.getBytes(changeUser));
    // cached by the login: fast path
    assertArrayEquals(new byte[] {1, AuthMoreData.FAST_AUTH_SUCCESS}, client.read().payload());
    client.expectOk(2);
    assertEquals(List.of("start alice", "changed alice"), events);
    assertEquals("shop", clients.get(1).database());
    assertEquals(255, clients.get(1).collationId());
    client.send(0, new byte[] {0x0e});
    client.expectOk(1);

    // a failed change of user closes the connection
    ByteBuf bad = Unpooled.buffer();
    bad.writeByte(0x11).writeBytes("bob".getBytes()).writeByte(0).writeByte(20).writeBytes(new byte[20]).writeByte(0);
    client.send(0, ByteBufUtil.getBytes(bad));
    MySqlPacket switchToSha2 = client.read(); // no plugin named: it answered natively, so switch
    assertEquals(0xfe, switchToSha2.firstByte());
    client.send(2, TestClient.sha2Scramble("x", client.scramble));
    client.read(); // full authentication
    client.send(4, TestClient.cleartext("x"));
    assertEquals("1045 28000Access denied for user 'bob'@'127.0.0.1' (using password: YES)", client.readError(5));
    assertFalse(client.channel.isActive());
  }

  @Test
  void oversizedPacketIsRefusedWith1153() {
    TestClient client = new TestClient(frontend(AuthPlugin.CACHING_SHA2_PASSWORD, null, 1000), false);
    ByteBuf header = Unpooled.buffer();
    header.writeMediumLE(2000).writeByte(1).writeZero(10);
    client.channel.writeInbound(header);
    assertEquals("1153 08S01Got a packet bigger than 'max_allowed_packet' bytes", client.readError(2));
    assertFalse(client.channel.isActive());
  }

  @Test
  void loginWithAWrongSequenceIdIsRefusedWith1156() {
    TestClient client = new TestClient(frontend(), false);
    client.login(5, "alice", SHA2, new byte[32], null, Map.of());
    assertEquals("1156 08S01Got packets out of order", client.readError(6));
    assertFalse(client.channel.isActive());
  }

  @Test
  void authResponseWithAWrongSequenceIdIsRefusedWith1156() {
    TestClient client = new TestClient(frontend(), true);
    client.login(1, "alice", SHA2, new byte[32], null, Map.of());
    client.read();
    client.send(2, TestClient.cleartext("s3cret"));
    assertEquals("1156 08S01Got packets out of order", client.readError(3));
  }

  @Test
  void malformedLoginIsABadHandshake() {
    TestClient client = new TestClient(frontend(), false);
    ByteBuf login = Unpooled.buffer();
    login.writeIntLE(TestClient.CAPABILITIES).writeIntLE(1 << 24).writeByte(45).writeZero(23).writeBytes("alice".getBytes());
    client.send(1, ByteBufUtil.getBytes(login));
    assertEquals("1043 08S01Bad handshake", client.readError(2));
  }

  @Test
  void aTooShortLoginIsABadHandshake() {
    TestClient client = new TestClient(frontend(), false);
    client.send(1, new byte[] {0x01, 0x02}); // capabilities 0x0201 claim protocol 4.1, then nothing
    assertEquals("1043 08S01Bad handshake", client.readError(2));
    assertFalse(client.channel.isActive());
  }

  @Test
  void aPre41LoginIsRefusedAsAnUnsupportedAuthMode() {
    TestClient client = new TestClient(frontend(), false);
    client.send(1, new byte[] {(byte) 0x85, 0x00, 0, 0, 0, 0x00});
    assertEquals("1251 08004Client does not support authentication protocol requested by server; "
        + "consider upgrading MySQL client", client.readError(2));
  }

  @Test
  void somethingOtherThanMySqlAfterTheGreetingIsRefusedAtOnce() {
    TestClient client = new TestClient(frontend(), false);
    client.channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals("1156 08S01Got packets out of order", client.readError(0x21));
    assertFalse(client.channel.isActive());
  }

  @Test
  void aClientThatDoesNotLogInWithinTheConnectTimeoutGetsABadHandshake() {
    TestClient silent = new TestClient(frontend(), false);
    silent.channel.advanceTimeBy(MySqlConnectionHandler.CONNECT_TIMEOUT_SECONDS - 1, java.util.concurrent.TimeUnit.SECONDS);
    silent.channel.runScheduledPendingTasks();
    assertTrue(silent.channel.isActive());
    silent.channel.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);
    silent.channel.runScheduledPendingTasks();
    assertEquals("1043 08S01Bad handshake", silent.readError(1));
    assertFalse(silent.channel.isActive());

    TestClient loggedIn = fullLoginOverTls(frontend());
    loggedIn.channel.advanceTimeBy(MySqlConnectionHandler.CONNECT_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    loggedIn.channel.runScheduledPendingTasks();
    assertTrue(loggedIn.channel.isActive(), "the timeout is for the login only");
  }

  @Test
  void sslRequestWhenTlsIsNotOfferedIsABadHandshake() {
    TestClient client = new TestClient(frontend(), false);
    client.send(1, new SslRequest(TestClient.CAPABILITIES | CapabilityFlags.SSL, 1 << 24, 45));
    assertEquals("1043 08S01Bad handshake", client.readError(2));
  }

  @Test
  @SuppressWarnings("deprecation") // SelfSignedCertificate: fine for a test certificate
  void sslRequestStartsTlsAndTheLoginContinuesOverIt() throws Exception {
    SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
    SslContext server = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build();
    SslContext clientContext = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    TestClient client = new TestClient(frontend(AuthPlugin.CACHING_SHA2_PASSWORD, server, 1 << 20), false);
    assertTrue(CapabilityFlags.has(client.serverCapabilities, CapabilityFlags.SSL));

    SSLEngine engine = clientContext.newEngine(Unpooled.buffer().alloc());
    TlsPump tls = new TlsPump(engine, client.channel);
    // SSLRequest and the ClientHello in one read: the TLS bytes must reach the TLS handler
    ByteBuf first = Unpooled.buffer();
    ByteBuf sslRequest = Unpooled.buffer();
    new SslRequest(TestClient.CAPABILITIES | CapabilityFlags.SSL, 1 << 24, 45).encode(sslRequest);
    first.writeMediumLE(sslRequest.readableBytes()).writeByte(1).writeBytes(sslRequest);
    first.writeBytes(tls.clientHello());
    client.channel.writeInbound(first);
    assertNotNull(client.channel.pipeline().get(SslHandler.class));
    assertNull(client.channel.pipeline().get(MySqlConnectionHandler.FRAMES));
    tls.completeHandshake();

    // the login, over TLS, with the cleartext password
    ByteBuf login = Unpooled.buffer();
    new wiregate.mysql.codec.HandshakeResponse41(TestClient.CAPABILITIES | CapabilityFlags.SSL, 1 << 24, 45, "alice",
        TestClient.sha2Scramble("s3cret", client.scramble), null, SHA2, Map.of()).encode(login);
    tls.sendPacket(2, ByteBufUtil.getBytes(login));
    assertEquals("0104", ByteBufUtil.hexDump(tls.readPacket(3)));
    tls.sendPacket(4, TestClient.cleartext("s3cret"));
    assertEquals(0, tls.readPacket(5)[0]);
    assertTrue(clients.get(0).secure());
  }
}
