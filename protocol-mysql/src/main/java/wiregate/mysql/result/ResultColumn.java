package wiregate.mysql.result;

import wiregate.mysql.codec.ColumnDefinition41;

/** A result column: how the client is told about it, and how its engine values are turned into MySQL text. */
public record ResultColumn(ColumnDefinition41 definition, ValueConversion conversion) {}
