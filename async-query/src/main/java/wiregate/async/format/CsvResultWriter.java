package wiregate.async.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as RFC 4180 has it: a header row of column names, CRLF line ends, fields quoted when they
 * hold a comma, quote, CR or LF (quotes doubled). SQL NULL is an empty field and the empty string a
 * quoted empty field, so the two stay apart. Written by hand rather than with
 * jackson-dataformat-csv: the rules fit in a few lines, and that library cannot tell NULL from ''
 * without a schema per query.
 */
final class CsvResultWriter implements ResultWriter {
  private static final String CRLF = "\r\n";

  private final Writer out;

  CsvResultWriter(List<ResultColumn> columns, OutputStream stream) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      writeField(columns.get(i).name());
    }
    out.write(CRLF);
  }

  @Override
  public void write(Object[] row) throws IOException {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      if (row[i] != null) {
        writeField(ValueText.of(row[i]));
      }
    }
    out.write(CRLF);
  }

  private void writeField(String text) throws IOException {
    if (!text.isEmpty() && !needsQuotes(text)) {
      out.write(text);
      return;
    }
    out.write('"');
    out.write(text.replace("\"", "\"\""));
    out.write('"');
  }

  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }
}
