package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.StringPreparation;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wiregate.core.model.SqlState;

class ScramServerExchangeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final UserRecord ALICE = new UserRecord("alice",
      ScramVerifier.create("s3cret", 4096, RANDOM), Md5Verifier.create("alice", "s3cret"));
  private static final DecoyVerifiers DECOYS = DecoyVerifiers.withRandomSecret(RANDOM, 4096);

  @Test
  void ongresClientAuthenticates() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    ScramClient client = ongresClient("s3cret");

    String serverFirst = exchange.handleClientFirst(client.clientFirstMessage().toString());
    client.serverFirstMessage(serverFirst);
    String serverFinal = exchange.handleClientFinal(client.clientFinalMessage().toString());

    assertDoesNotThrow(() -> client.serverFinalMessage(serverFinal)); // checks the server signature
    assertTrue(exchange.isAuthenticated());
  }

  @Test
  void libpqStyleClientWithEmptyUserNameAuthenticates() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    PgStyleScramClient client = new PgStyleScramClient("n,,");

    String serverFirst = exchange.handleClientFirst(client.clientFirst());
    String serverFinal = exchange.handleClientFinal(client.clientFinal(serverFirst, "s3cret"));

    assertTrue(client.serverSignatureValid(serverFinal));
    assertTrue(exchange.isAuthenticated());
  }

  @Test
  void serverFirstCarriesTheVerifiersSaltAndIterations() throws Exception {
    String serverFirst = exchangeFor(ALICE).handleClientFirst(new PgStyleScramClient("n,,").clientFirst());

    assertTrue(serverFirst.matches("r=" + Pattern.quote(PgStyleScramClient.CLIENT_NONCE)
        + "[\\x21-\\x2b\\x2d-\\x7e]{24},s=[A-Za-z0-9+/=]+,i=4096"), serverFirst);
    assertTrue(serverFirst.contains(",s=" + Base64.getEncoder().encodeToString(ALICE.scram().salt()) + ","));
  }

  @Test
  void wrongPasswordFailsWith28P01() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    ScramClient client = ongresClient("wrong");

    client.serverFirstMessage(exchange.handleClientFirst(client.clientFirstMessage().toString()));
    String clientFinal = client.clientFinalMessage().toString();

    assertFailure(SqlState.INVALID_PASSWORD, () -> exchange.handleClientFinal(clientFinal));
    assertFalse(exchange.isAuthenticated());
  }

  @Test
  void unknownUserLooksNormalUntilTheEndThenFailsLikeAWrongPassword() throws Exception {
    ScramServerExchange first = new ScramServerExchange("mallory", Optional.empty(), DECOYS, RANDOM, null);
    ScramServerExchange second = new ScramServerExchange("mallory", Optional.empty(), DECOYS, RANDOM, null);
    ScramServerExchange other = new ScramServerExchange("trudy", Optional.empty(), DECOYS, RANDOM, null);
    PgStyleScramClient client = new PgStyleScramClient("n,,");

    String serverFirst = first.handleClientFirst(client.clientFirst());
    String againFirst = second.handleClientFirst(client.clientFirst());
    String otherFirst = other.handleClientFirst(client.clientFirst());

    assertEquals(saltOf(serverFirst), saltOf(againFirst), "a decoy salt must be stable per user name");
    assertFalse(saltOf(serverFirst).equals(saltOf(otherFirst)));
    String clientFinal = client.clientFinal(serverFirst, "anything");
    assertFailure(SqlState.INVALID_PASSWORD, () -> first.handleClientFinal(clientFinal));
  }

  @Test
  void tamperedNonceIsRejected() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    PgStyleScramClient client = new PgStyleScramClient("n,,");
    String serverFirst = exchange.handleClientFirst(client.clientFirst());
    String clientFinal = client.clientFinal(serverFirst, "s3cret");
    String tampered = clientFinal.replace(",r=" + PgStyleScramClient.CLIENT_NONCE,
        ",r=X" + PgStyleScramClient.CLIENT_NONCE.substring(1));

    assertFailure(SqlState.PROTOCOL_VIOLATION, () -> exchange.handleClientFinal(tampered));
  }

  @Test
  void tamperedProofIsRejected() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    PgStyleScramClient client = new PgStyleScramClient("n,,");
    String clientFinal = client.clientFinal(exchange.handleClientFirst(client.clientFirst()), "s3cret");
    int proofAt = clientFinal.indexOf(",p=") + 3;
    char flipped = clientFinal.charAt(proofAt) == 'A' ? 'B' : 'A';
    String tampered = clientFinal.substring(0, proofAt) + flipped + clientFinal.substring(proofAt + 1);

    assertFailure(SqlState.INVALID_PASSWORD, () -> exchange.handleClientFinal(tampered));
  }

  @Test
  void proofOfTheWrongLengthIsAProtocolViolation() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    PgStyleScramClient client = new PgStyleScramClient("n,,");
    String clientFinal = client.clientFinal(exchange.handleClientFirst(client.clientFirst()), "s3cret");
    String shortProof = clientFinal.substring(0, clientFinal.indexOf(",p=")) + ",p=AAAA";

    assertFailure(SqlState.PROTOCOL_VIOLATION, () -> exchange.handleClientFinal(shortProof));
  }

  @Test
  void flagYIsAcceptedWhenChannelBindingWasNotOffered() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    // The ongres client says "y" when it could bind but the server offered no PLUS mechanism.
    ScramClient client = ScramClient.builder()
        .advertisedMechanisms(List.of("SCRAM-SHA-256"))
        .username("*")
        .password("s3cret".toCharArray())
        .channelBinding("tls-server-end-point", new byte[] {1, 2, 3})
        .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION)
        .build();
    String clientFirst = client.clientFirstMessage().toString();
    assertTrue(clientFirst.startsWith("y,,"), clientFirst);

    client.serverFirstMessage(exchange.handleClientFirst(clientFirst));
    String serverFinal = exchange.handleClientFinal(client.clientFinalMessage().toString());

    assertDoesNotThrow(() -> client.serverFinalMessage(serverFinal));
    assertTrue(exchange.isAuthenticated());
  }

  @Test
  void flagYIsADowngradeWhenChannelBindingWasOffered() {
    ScramServerExchange exchange = new ScramServerExchange("alice", Optional.of(ALICE), DECOYS, RANDOM, new byte[32]);

    assertFailure(SqlState.PROTOCOL_VIOLATION,
        () -> exchange.handleClientFirst(new PgStyleScramClient("y,,").clientFirst()));
  }

  @Test
  void plusExchangeChecksTheTlsServerEndPointBinding() throws Exception {
    byte[] binding = new byte[32];
    RANDOM.nextBytes(binding);
    ScramServerExchange exchange = new ScramServerExchange("alice", Optional.of(ALICE), DECOYS, RANDOM, binding);
    ScramClient client = ScramClient.builder()
        .advertisedMechanisms(List.of("SCRAM-SHA-256-PLUS"))
        .username("*")
        .password("s3cret".toCharArray())
        .channelBinding("tls-server-end-point", binding)
        .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION)
        .build();
    String clientFirst = client.clientFirstMessage().toString();
    assertTrue(clientFirst.startsWith("p=tls-server-end-point,,"), clientFirst);
    client.serverFirstMessage(exchange.handleClientFirst(clientFirst));
    client.serverFinalMessage(exchange.handleClientFinal(client.clientFinalMessage().toString()));
    assertTrue(exchange.isAuthenticated());

    // The same client bound to another certificate (a man in the middle) is refused.
    byte[] other = binding.clone();
    other[0] ^= 1;
    ScramServerExchange mitm = new ScramServerExchange("alice", Optional.of(ALICE), DECOYS, RANDOM, other);
    ScramClient victim = ScramClient.builder()
        .advertisedMechanisms(List.of("SCRAM-SHA-256-PLUS"))
        .username("*")
        .password("s3cret".toCharArray())
        .channelBinding("tls-server-end-point", binding)
        .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION)
        .build();
    victim.serverFirstMessage(mitm.handleClientFirst(victim.clientFirstMessage().toString()));
    assertThrows(AuthenticationFailedException.class, () -> mitm.handleClientFinal(victim.clientFinalMessage().toString()));
  }

  @Test
  void flagPIsRejectedWhenChannelBindingWasNotOffered() {
    ScramServerExchange exchange = exchangeFor(ALICE);

    assertFailure(SqlState.PROTOCOL_VIOLATION,
        () -> exchange.handleClientFirst(new PgStyleScramClient("p=tls-server-end-point,,").clientFirst()));
  }

  @Test
  void channelBindingAttributeMustMatchTheGs2Header() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    PgStyleScramClient client = new PgStyleScramClient("y,,");
    String serverFirst = exchange.handleClientFirst(client.clientFirst());
    String clientFinal = client.clientFinal(serverFirst, "s3cret", "biws"); // "n,," though "y,," was sent

    assertFailure(SqlState.PROTOCOL_VIOLATION, () -> exchange.handleClientFinal(clientFinal));
  }

  @Test
  void authzidIsRejected() {
    ScramServerExchange exchange = exchangeFor(ALICE);

    AuthenticationFailedException e = assertFailure(SqlState.PROTOCOL_VIOLATION,
        () -> exchange.handleClientFirst("n,a=admin,n=,r=abc"));
    assertTrue(e.getMessage().contains("authzid"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "garbage", "n", "n,", "n,,", "x,,n=,r=abc", "nn,,n=,r=abc", "n=x,,n=,r=abc", "n,,r=abc",
      "n,,n=,", "n,,n=,r=", "n,,n=,r=ab cd", "n,,n=,r=abc,1=x", "n,,m=ext,n=,r=abc", "n,x,n=,r=abc",
      "p,,n=,r=abc", "y=foo,,n=,r=abc", "n,,n=\u0000,r=abc\u00e9",
  })
  void malformedClientFirstIsAProtocolViolation(String message) {
    assertFailure(SqlState.PROTOCOL_VIOLATION, () -> exchangeFor(ALICE).handleClientFirst(message));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "garbage", "c=biws", "c=biws,r=x", "c=biws,p=AAAA", "c=b!ws,r=N,p=AAAA", "r=N,c=biws,p=AAAA",
      "c=biws,r=N,p=not*base64", "c=biws,r=N,1=x,p=AAAA", "c=biws,r=N,p=AAAA,x=y",
  })
  void malformedClientFinalIsAProtocolViolation(String message) throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    String serverFirst = exchange.handleClientFirst(new PgStyleScramClient("n,,").clientFirst());
    String nonce = serverFirst.substring(2, serverFirst.indexOf(','));

    String withNonce = message.replace("r=N", "r=" + nonce);

    assertFailure(SqlState.PROTOCOL_VIOLATION, () -> exchange.handleClientFinal(withNonce));
  }

  @Test
  void messagesOutOfOrderAreAProgrammingError() throws Exception {
    ScramServerExchange exchange = exchangeFor(ALICE);
    assertThrows(IllegalStateException.class, () -> exchange.handleClientFinal("c=biws,r=x,p=AAAA"));

    ScramServerExchange failed = exchangeFor(ALICE);
    assertThrows(AuthenticationFailedException.class, () -> failed.handleClientFirst("garbage"));
    assertThrows(IllegalStateException.class, () -> failed.handleClientFirst("n,,n=,r=abc"));
  }

  private static ScramServerExchange exchangeFor(UserRecord user) {
    return new ScramServerExchange(user.name(), Optional.of(user), DECOYS, RANDOM, null);
  }

  private static ScramClient ongresClient(String password) {
    return ScramClient.builder()
        .advertisedMechanisms(List.of("SCRAM-SHA-256"))
        .username("*") // ignored: PostgreSQL takes the user from the startup message
        .password(password.toCharArray())
        .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION)
        .build();
  }

  private static String saltOf(String serverFirst) {
    return serverFirst.split(",")[1];
  }

  private static AuthenticationFailedException assertFailure(String sqlState, Executable step) {
    AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class, step);
    assertEquals(sqlState, e.sqlState(), e.getMessage());
    assertEquals(SqlState.PROTOCOL_VIOLATION.equals(sqlState), e.isProtocolViolation());
    return e;
  }
}
