package wiregate.async.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * JSON Lines: one object per row, keyed by column name. Numbers are JSON numbers (decimals with
 * every digit), JSON columns are embedded as JSON, binary data is base64, times are ISO-8601
 * strings, SQL NULL is null.
 */
final class JsonlResultWriter implements ResultWriter {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private final List<ResultColumn> columns;
  private final JsonGenerator out;

  JsonlResultWriter(List<ResultColumn> columns, OutputStream stream) throws IOException {
    this.columns = columns;
    this.out = JSON.createGenerator(stream);
    // Rows are separated by newlines, not by the generator's default space.
    out.setRootValueSeparator(null);
  }

  @Override
  public void write(Object[] row) throws IOException {
    out.writeStartObject();
    for (int i = 0; i < row.length; i++) {
      ResultColumn column = columns.get(i);
      out.writeFieldName(column.name());
      writeValue(column.kind(), row[i]);
    }
    out.writeEndObject();
    out.writeRaw('\n');
  }

  private void writeValue(ColumnKind kind, Object value) throws IOException {
    switch (value) {
      case null -> out.writeNull();
      case Boolean b -> out.writeBoolean(b);
      case Integer n -> out.writeNumber(n);
      case Long n -> out.writeNumber(n);
      case Float n -> out.writeNumber(n);
      case Double n -> out.writeNumber(n);
      case BigDecimal d -> out.writeNumber(d);
      case String s when kind == ColumnKind.JSON -> out.writeRawValue(s);
      default -> out.writeString(ValueText.of(value));
    }
  }

  @Override
  public void finish() throws IOException {
    out.close();
  }
}
