package wiregate.mysql.result;

/** A result column: how the client is told about it, and how its engine values are turned into MySQL text. */
public record ResultColumn(ColumnDefinition definition, ValueConversion conversion) {}
