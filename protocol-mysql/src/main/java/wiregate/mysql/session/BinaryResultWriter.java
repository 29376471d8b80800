package wiregate.mysql.session;

import java.util.List;
import wiregate.mysql.codec.ColumnDefinition41;

/**
 * The binary protocol's view of a response (COM_STMT_EXECUTE, COM_STMT_FETCH): rows that would be
 * text rows are sent as binary rows, encoded for the columns of the result set being written.
 */
public final class BinaryResultWriter implements ResponseWriter {
  private final ResponseWriter target;
  private List<ColumnDefinition41> columns = List.of();

  public BinaryResultWriter(ResponseWriter target) {
    this.target = target;
  }

  @Override
  public void ok(long affectedRows, long lastInsertId, int status, int warnings, String info) {
    target.ok(affectedRows, lastInsertId, status, warnings, info);
  }

  @Override
  public void error(int errno, String sqlState, String message) {
    target.error(errno, sqlState, message);
  }

  @Override
  public void resultSetHeader(List<ColumnDefinition41> definitions) {
    columns = definitions;
    target.resultSetHeader(definitions);
  }

  @Override
  public void cursorOpened(List<ColumnDefinition41> definitions, int status) {
    columns = definitions;
    target.cursorOpened(definitions, status);
  }

  /** For a cursor: the columns were sent at execute, the rows follow at fetch. */
  public void columns(List<ColumnDefinition41> definitions) {
    columns = definitions;
  }

  @Override
  public void textRow(byte[][] values) {
    target.binaryRow(columns, values);
  }

  @Override
  public void binaryRow(List<ColumnDefinition41> definitions, byte[][] values) {
    target.binaryRow(definitions, values);
  }

  @Override
  public void endOfRows(int status, int warnings) {
    target.endOfRows(status, warnings);
  }

  @Override
  public void prepareOk(int statementId, List<ColumnDefinition41> parameters, List<ColumnDefinition41> definitions,
      int warnings) {
    target.prepareOk(statementId, parameters, definitions, warnings);
  }

  @Override
  public void raw(byte[] payload) {
    target.raw(payload);
  }

  @Override
  public void flushIfFull() {
    target.flushIfFull();
  }

  @Override
  public void flush() {
    target.flush();
  }
}
