package wiregate.async.format;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet with typed columns (see {@link ParquetSchema}), written with parquet-java but none of
 * Hadoop: a {@link PlainParquetConfiguration}, an {@link StreamOutputFile} over the result stream
 * and {@link SnappyCompression}. Memory stays bounded: a row group is flushed to the stream once it
 * reaches {@code rowGroupBytes}. A value the column type cannot hold (a decimal NaN, an infinite
 * timestamp) is written as null.
 */
final class ParquetResultWriter implements ResultWriter {
  private final List<ResultColumn> columns;
  private final SimpleGroupFactory groups;
  private final ParquetWriter<Group> writer;

  ParquetResultWriter(List<ResultColumn> columns, OutputStream stream, long rowGroupBytes) throws IOException {
    this.columns = columns;
    MessageType schema = ParquetSchema.of(columns);
    this.groups = new SimpleGroupFactory(schema);
    this.writer = ExampleParquetWriter.builder(new StreamOutputFile(stream))
        .withConf(new PlainParquetConfiguration())
        .withType(schema)
        .withCodecFactory(new SnappyCompression())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withRowGroupSize(rowGroupBytes)
        .build();
  }

  @Override
  public void write(Object[] row) throws IOException {
    Group group = groups.newGroup();
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null) {
        add(group, i, columns.get(i), row[i]);
      }
    }
    writer.write(group);
  }

  private static void add(Group group, int field, ResultColumn column, Object value) {
    switch (column.kind()) {
      case BOOLEAN -> group.add(field, (Boolean) value);
      case INT32 -> group.add(field, (Integer) value);
      case INT64 -> group.add(field, (Long) value);
      case FLOAT -> group.add(field, (Float) value);
      case DOUBLE -> group.add(field, (Double) value);
      case DECIMAL -> addDecimal(group, field, column, value);
      case DATE -> group.add(field, (int) ((LocalDate) value).toEpochDay());
      case TIMESTAMP -> addMicros(group, field, ((LocalDateTime) value).atOffset(ZoneOffset.UTC));
      case TIMESTAMPTZ -> addMicros(group, field, (OffsetDateTime) value);
      case BINARY -> group.add(field, Binary.fromConstantByteArray((byte[]) value));
      case STRING, JSON -> group.add(field, Binary.fromString((String) value));
    }
  }

  private static void addDecimal(Group group, int field, ResultColumn column, Object value) {
    if (!column.boundedDecimal()) {
      group.add(field, Binary.fromString(value instanceof BigDecimal d ? d.toPlainString() : value.toString()));
      return;
    }
    if (!(value instanceof BigDecimal decimal)) {
      return; // NaN or infinity: no decimal holds it
    }
    BigInteger unscaled = decimal.setScale(column.scale(), RoundingMode.UNNECESSARY).unscaledValue();
    switch (ParquetSchema.decimalPhysicalType(column.precision())) {
      case INT32 -> group.add(field, unscaled.intValueExact());
      case INT64 -> group.add(field, unscaled.longValueExact());
      default -> group.add(field, Binary.fromConstantByteArray(
          signExtended(unscaled.toByteArray(), ParquetSchema.decimalBytes(column.precision()))));
    }
  }

  /** Big-endian two's complement, widened to the column's fixed length. */
  private static byte[] signExtended(byte[] value, int length) {
    byte[] out = new byte[length];
    byte fill = (byte) (value[0] < 0 ? 0xFF : 0);
    int pad = length - value.length;
    for (int i = 0; i < pad; i++) {
      out[i] = fill;
    }
    System.arraycopy(value, 0, out, pad, value.length);
    return out;
  }

  private static void addMicros(Group group, int field, OffsetDateTime time) {
    try {
      long seconds = time.toEpochSecond();
      group.add(field, Math.addExact(Math.multiplyExact(seconds, 1_000_000L), time.getNano() / 1000));
    } catch (ArithmeticException outOfRange) {
      // 'infinity' and dates beyond Parquet's range: left null
    }
  }

  @Override
  public void finish() throws IOException {
    writer.close();
  }
}
