"""The basic MySQL column types the round-trip tests cover, with values and what clients return."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

# MySQL column types on the wire (include/field_types.h).
T_DECIMAL = 246
T_TINY = 1
T_SHORT = 2
T_LONG = 3
T_FLOAT = 4
T_DOUBLE = 5
T_TIMESTAMP = 7
T_LONGLONG = 8
T_INT24 = 9
T_DATE = 10
T_TIME = 11
T_DATETIME = 12
T_YEAR = 13
T_BIT = 16
T_JSON = 245
T_BLOB = 252
T_VAR_STRING = 253
T_STRING = 254

UNSIGNED_FLAG = 32
BINARY_FLAG = 128
ENUM_FLAG = 256
SET_FLAG = 2048

ALL_BYTES = bytes(range(256))


@dataclass
class TypeCase:
    id: str
    ddl: str
    values: list
    # What PyMySQL / mysql-connector return for each value (default: the value itself).
    expected: list | None = None
    type_code: int = 0
    flags: int = 0  # flags that must be set in the column definition
    # MariaDB reports some types differently from MySQL 8 (JSON is LONGTEXT there).
    mariadb_type_code: int | None = None
    # mysql-connector's pure binary-protocol decoder cannot read this type (YEAR: it has no case
    # for the 2-byte integer and misreads the row), so prepared SELECTs skip it.
    binary_result_ok: bool = True

    def expect(self) -> list:
        return self.expected if self.expected is not None else self.values


TYPE_CASES = [
    TypeCase("tinyint", "TINYINT", [-128, 0, 127], type_code=T_TINY),
    TypeCase("tinyint1", "TINYINT(1)", [1, 0, -1], type_code=T_TINY),
    TypeCase("bool", "BOOL", [True, False], expected=[1, 0], type_code=T_TINY),
    TypeCase("smallint", "SMALLINT", [-32768, 32767], type_code=T_SHORT),
    TypeCase("mediumint", "MEDIUMINT", [-8388608, 8388607], type_code=T_INT24),
    TypeCase("int", "INT", [-2147483648, 2147483647], type_code=T_LONG),
    TypeCase("bigint", "BIGINT", [-9223372036854775808, 9223372036854775807], type_code=T_LONGLONG),
    TypeCase("tinyint_unsigned", "TINYINT UNSIGNED", [0, 255], type_code=T_TINY, flags=UNSIGNED_FLAG),
    TypeCase("smallint_unsigned", "SMALLINT UNSIGNED", [0, 65535], type_code=T_SHORT, flags=UNSIGNED_FLAG),
    TypeCase("mediumint_unsigned", "MEDIUMINT UNSIGNED", [0, 16777215], type_code=T_INT24, flags=UNSIGNED_FLAG),
    TypeCase("int_unsigned", "INT UNSIGNED", [0, 4294967295], type_code=T_LONG, flags=UNSIGNED_FLAG),
    TypeCase("bigint_unsigned", "BIGINT UNSIGNED", [0, 9223372036854775808, 18446744073709551615],
             type_code=T_LONGLONG, flags=UNSIGNED_FLAG),
    TypeCase("float", "FLOAT", [1.5, -2.25, 0.0], type_code=T_FLOAT),
    TypeCase("double", "DOUBLE", [0.1, -1e300, 3.141592653589793], type_code=T_DOUBLE),
    TypeCase("decimal", "DECIMAL(12,4)", [Decimal("12345678.1234"), Decimal("-0.5"), Decimal("0")],
             expected=[Decimal("12345678.1234"), Decimal("-0.5000"), Decimal("0.0000")], type_code=T_DECIMAL),
    TypeCase("char", "CHAR(10)", ["ab", "", "abcdefghij"], type_code=T_STRING),
    TypeCase("varchar", "VARCHAR(100)", ["héllo wörld ✓ 😀", "", "it's \"q\" \\ back"], type_code=T_VAR_STRING),
    TypeCase("tinytext", "TINYTEXT", ["t" * 255], type_code=T_BLOB),
    TypeCase("text", "TEXT", ["line1\nline2\ttab 😀" * 100], type_code=T_BLOB),
    TypeCase("mediumtext", "MEDIUMTEXT", ["m" * 70000], type_code=T_BLOB),
    TypeCase("longtext", "LONGTEXT", ["l" * 100000], type_code=T_BLOB),
    TypeCase("binary", "BINARY(4)", [b"\x00\x01", b"\xff\xfe\xfd\xfc"], expected=[b"\x00\x01\x00\x00", b"\xff\xfe\xfd\xfc"],
             type_code=T_STRING, flags=BINARY_FLAG),
    TypeCase("varbinary", "VARBINARY(300)", [ALL_BYTES, b""], type_code=T_VAR_STRING, flags=BINARY_FLAG),
    TypeCase("tinyblob", "TINYBLOB", [ALL_BYTES[:255]], type_code=T_BLOB, flags=BINARY_FLAG),
    TypeCase("blob", "BLOB", [ALL_BYTES, ALL_BYTES[::-1] * 10], type_code=T_BLOB, flags=BINARY_FLAG),
    TypeCase("mediumblob", "MEDIUMBLOB", [ALL_BYTES * 300], type_code=T_BLOB, flags=BINARY_FLAG),
    TypeCase("longblob", "LONGBLOB", [ALL_BYTES * 400], type_code=T_BLOB, flags=BINARY_FLAG),
    TypeCase("date", "DATE", [dt.date(2024, 2, 29), dt.date(1000, 1, 1), dt.date(9999, 12, 31)], type_code=T_DATE),
    # Time-of-day values only: the gateway maps TIME to PostgreSQL time (00:00..24:00).
    TypeCase("time", "TIME", [dt.timedelta(hours=12, minutes=34, seconds=56), dt.timedelta(0),
                              dt.timedelta(hours=23, minutes=59, seconds=59)], type_code=T_TIME),
    TypeCase("datetime6", "DATETIME(6)", [dt.datetime(2024, 1, 2, 3, 4, 5, 123456), dt.datetime(1970, 1, 1)],
             type_code=T_DATETIME),
    TypeCase("datetime", "DATETIME", [dt.datetime(2024, 12, 31, 23, 59, 59)], type_code=T_DATETIME),
    TypeCase("timestamp", "TIMESTAMP NULL", [dt.datetime(2024, 1, 2, 3, 4, 5), dt.datetime(2038, 1, 19, 3, 14, 7)],
             type_code=T_TIMESTAMP),
    TypeCase("year", "YEAR", [2024, 1901, 2155], type_code=T_YEAR, binary_result_ok=False),
    TypeCase("enum", "ENUM('small','medium','large')", ["medium", "small"], type_code=T_STRING, flags=ENUM_FLAG),
    TypeCase("set", "SET('a','b','c')", ["a,c", "", "b"], type_code=T_STRING, flags=SET_FLAG),
    TypeCase("json", "JSON", ['{"a": [1, 2, {"b": null}], "k": "v"}', '[]', '"x"'], type_code=T_JSON,
             mariadb_type_code=T_BLOB),
    TypeCase("bit8", "BIT(8)", [b"\x05", b"\xff"], type_code=T_BIT),
]

TYPE_IDS = [c.id for c in TYPE_CASES]


def normalize(case: TypeCase, value):
    """Client values in comparable form: bytearray -> bytes, JSON text -> parsed."""
    import json

    if isinstance(value, bytearray):
        value = bytes(value)
    if case.id == "json" and isinstance(value, (str, bytes)):
        value = json.loads(value)
    if case.id == "bit8" and isinstance(value, int):  # mysql-connector's text cursor gives BIT as int
        value = value.to_bytes(1, "big")
    if case.id == "set" and isinstance(value, set):
        value = ",".join(sorted(value))
    return value


def normalized_expectations(case: TypeCase) -> list:
    return [normalize(case, v) for v in case.expect()]
