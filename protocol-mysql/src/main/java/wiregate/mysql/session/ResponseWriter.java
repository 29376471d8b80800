package wiregate.mysql.session;

import java.util.List;
import wiregate.mysql.codec.ColumnDefinition41;

/**
 * The packets a command's response is made of, in MySQL's terms. The implementation frames them with
 * the right sequence ids, honours DEPRECATE_EOF and batches writes; commands only say what to send.
 */
public interface ResponseWriter {
  void ok(long affectedRows, long lastInsertId, int status, int warnings, String info);

  void error(int errno, String sqlState, String message);

  /** Column count, the definitions, and (without DEPRECATE_EOF) an EOF. */
  void resultSetHeader(List<ColumnDefinition41> columns);

  /**
   * The answer to a COM_STMT_EXECUTE that opened a cursor: column count and definitions, then an EOF
   * carrying SERVER_STATUS_CURSOR_EXISTS (sent even with DEPRECATE_EOF, as MySQL does); rows follow
   * at COM_STMT_FETCH.
   */
  void cursorOpened(List<ColumnDefinition41> columns, int status);

  /** One text-protocol row; values already converted, null = NULL. */
  void textRow(byte[][] values);

  /** One binary-protocol row, values given as MySQL text and encoded for each column's type. */
  void binaryRow(List<ColumnDefinition41> columns, byte[][] values);

  /** Ends a result set: EOF, or with DEPRECATE_EOF an OK packet with the EOF header. */
  void endOfRows(int status, int warnings);

  /** COM_STMT_PREPARE's answer: the statement id and the parameter and column definitions. */
  void prepareOk(int statementId, List<ColumnDefinition41> parameters, List<ColumnDefinition41> columns, int warnings);

  /** A raw payload (COM_STATISTICS' string, COM_FIELD_LIST's definitions are sent through resultSetHeader). */
  void raw(byte[] payload);

  /** Whether a row written now would be too much for the client's buffers; callers then flush and wait. */
  void flushIfFull();

  void flush();
}
