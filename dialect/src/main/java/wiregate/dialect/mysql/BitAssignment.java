package wiregate.dialect.mysql;

/**
 * A value assigned to a BIT(n) column. MySQL takes numbers (5), binary strings (b'101', _binary'\x05',
 * '...') and bit literals there; PostgreSQL's bit(n) takes only bit strings of exactly n bits. The
 * compat function {@code wg_mysql.to_bit(value, n)} converts each kind as MySQL does, and fails with
 * "data too long" (22001) when the value needs more than n bits.
 */
final class BitAssignment {
  private BitAssignment() {}

  /** {@code pgValue} for a column of {@code bitLength} bits (0: not a BIT column, left alone). */
  static String wrap(String pgValue, int bitLength) {
    if (bitLength <= 0 || pgValue.equals("DEFAULT") || pgValue.equals("NULL")) {
      return pgValue;
    }
    return "wg_mysql.to_bit(" + pgValue + ", " + bitLength + ")";
  }
}
