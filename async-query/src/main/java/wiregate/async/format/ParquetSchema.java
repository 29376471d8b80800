package wiregate.async.format;

import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;

import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a result: one optional (nullable) typed column per result column.
 * Decimals up to 9 digits are INT32, up to 18 INT64, up to 38 fixed-length bytes; unconstrained
 * decimals, JSON and other types become UTF-8 strings. Timestamps are microseconds, UTC-adjusted
 * for timestamptz.
 */
final class ParquetSchema {
  private ParquetSchema() {}

  static MessageType of(List<ResultColumn> columns) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (ResultColumn column : columns) {
      String name = column.name();
      switch (column.kind()) {
        case BOOLEAN -> message.optional(PrimitiveTypeName.BOOLEAN).named(name);
        case INT32 -> message.optional(PrimitiveTypeName.INT32).named(name);
        case INT64 -> message.optional(PrimitiveTypeName.INT64).named(name);
        case FLOAT -> message.optional(PrimitiveTypeName.FLOAT).named(name);
        case DOUBLE -> message.optional(PrimitiveTypeName.DOUBLE).named(name);
        case DECIMAL -> {
          if (!column.boundedDecimal()) {
            message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
          } else {
            LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(column.scale(), column.precision());
            PrimitiveTypeName physical = decimalPhysicalType(column.precision());
            var builder = message.optional(physical).as(decimal);
            if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
              builder = builder.length(decimalBytes(column.precision()));
            }
            builder.named(name);
          }
        }
        case DATE -> message.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
        case TIMESTAMP -> message.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(false, MICROS)).named(name);
        case TIMESTAMPTZ -> message.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, MICROS)).named(name);
        case BINARY -> message.optional(PrimitiveTypeName.BINARY).named(name);
        case STRING, JSON -> message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(name);
      }
    }
    return message.named("row");
  }

  static PrimitiveTypeName decimalPhysicalType(int precision) {
    if (precision <= 9) {
      return PrimitiveTypeName.INT32;
    }
    return precision <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
  }

  /** The fewest bytes whose two's complement holds every value of {@code precision} digits. */
  static int decimalBytes(int precision) {
    return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
  }
}
