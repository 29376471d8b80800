package wiregate.dialect.mysql;

import java.util.Optional;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement.Transaction;
import wiregate.core.mysql.MySqlStatement.TransactionOp;

/**
 * Transaction control in MySQL's grammar: BEGIN, START TRANSACTION, COMMIT/ROLLBACK [AND [NO] CHAIN]
 * [[NO] RELEASE], SAVEPOINT, ROLLBACK TO, RELEASE SAVEPOINT and SET [scope] TRANSACTION. The session
 * carries them out, so this only reads them.
 */
final class TransactionStatements {
  private TransactionStatements() {}

  /** The statement as transaction control, or empty when it is something else. */
  static Optional<Transaction> parse(SourceStatement s) throws GatewayException {
    String text = s.text();
    String first = s.keyword(0);
    return switch (first) {
      case "BEGIN" -> {
        expectEnd(s, s.isWord(1, "WORK") ? 2 : 1);
        yield Optional.of(new Transaction(text, TransactionOp.BEGIN, null, null, null, false, false));
      }
      case "START" -> {
        if (!s.isWord(1, "TRANSACTION")) {
          yield Optional.empty();
        }
        Boolean readOnly = null;
        int i = 2;
        while (i < s.size()) {
          if (s.words(i, "READ", "ONLY")) {
            readOnly = true;
            i += 2;
          } else if (s.words(i, "READ", "WRITE")) {
            readOnly = false;
            i += 2;
          } else if (s.words(i, "WITH", "CONSISTENT", "SNAPSHOT")) {
            i += 3;
          } else if (s.isSymbol(i, ",")) {
            i++;
          } else {
            throw s.syntaxErrorAt(i);
          }
        }
        yield Optional.of(new Transaction(text, TransactionOp.BEGIN, null, null, readOnly, false, false));
      }
      case "COMMIT", "ROLLBACK" -> Optional.of(endTransaction(s, first.equals("COMMIT")));
      case "SAVEPOINT" -> {
        expectEnd(s, 2);
        yield Optional.of(new Transaction(text, TransactionOp.SAVEPOINT, name(s, 1), null, null, false, false));
      }
      case "RELEASE" -> {
        if (!s.isWord(1, "SAVEPOINT")) {
          throw s.syntaxErrorAt(1);
        }
        expectEnd(s, 3);
        yield Optional.of(new Transaction(text, TransactionOp.RELEASE_SAVEPOINT, name(s, 2), null, null, false,
            false));
      }
      case "SET" -> setTransaction(s);
      default -> Optional.empty();
    };
  }

  private static Transaction endTransaction(SourceStatement s, boolean commit) throws GatewayException {
    int i = 1;
    if (s.isWord(i, "WORK")) {
      i++;
    }
    if (!commit && s.isWord(i, "TO")) {
      i++;
      if (s.isWord(i, "SAVEPOINT")) {
        i++;
      }
      expectEnd(s, i + 1);
      return new Transaction(s.text(), TransactionOp.ROLLBACK_TO_SAVEPOINT, name(s, i), null, null, false, false);
    }
    boolean chain = false;
    boolean release = false;
    if (s.isWord(i, "AND")) {
      if (s.words(i + 1, "NO", "CHAIN")) {
        i += 3;
      } else if (s.isWord(i + 1, "CHAIN")) {
        chain = true;
        i += 2;
      } else {
        throw s.syntaxErrorAt(i + 1);
      }
    }
    if (s.words(i, "NO", "RELEASE")) {
      i += 2;
    } else if (s.isWord(i, "RELEASE")) {
      release = true;
      i++;
    }
    expectEnd(s, i);
    return new Transaction(s.text(), commit ? TransactionOp.COMMIT : TransactionOp.ROLLBACK, null, null, null, chain,
        release);
  }

  private static Optional<Transaction> setTransaction(SourceStatement s) throws GatewayException {
    int i = 1;
    TransactionOp op = TransactionOp.SET_NEXT_CHARACTERISTICS;
    String scope = s.keyword(i);
    if (scope.equals("GLOBAL") || scope.equals("SESSION") || scope.equals("LOCAL") || scope.equals("PERSIST")) {
      op = TransactionOp.SET_CHARACTERISTICS;
      i++;
    }
    if (!s.isWord(i, "TRANSACTION")) {
      return Optional.empty();
    }
    i++;
    String isolation = null;
    Boolean readOnly = null;
    while (i < s.size()) {
      if (s.words(i, "ISOLATION", "LEVEL")) {
        i += 2;
        if (s.words(i, "READ", "UNCOMMITTED") || s.words(i, "READ", "COMMITTED") || s.words(i, "REPEATABLE", "READ")) {
          isolation = s.keyword(i) + " " + s.keyword(i + 1);
          i += 2;
        } else if (s.isWord(i, "SERIALIZABLE")) {
          isolation = "SERIALIZABLE";
          i++;
        } else {
          throw s.syntaxErrorAt(i);
        }
      } else if (s.words(i, "READ", "ONLY")) {
        readOnly = true;
        i += 2;
      } else if (s.words(i, "READ", "WRITE")) {
        readOnly = false;
        i += 2;
      } else if (s.isSymbol(i, ",")) {
        i++;
      } else {
        throw s.syntaxErrorAt(i);
      }
    }
    return Optional.of(new Transaction(s.text(), op, null, isolation, readOnly, false, false));
  }

  private static String name(SourceStatement s, int i) throws GatewayException {
    if (i >= s.size() || !s.get(i).isIdentifier()) {
      throw s.syntaxErrorAt(i);
    }
    return s.get(i).identifierName();
  }

  private static void expectEnd(SourceStatement s, int i) throws GatewayException {
    if (i < s.size()) {
      throw s.syntaxErrorAt(i);
    }
  }
}
