"""Every basic type round-trips exactly through psycopg2 (text format, simple query protocol)."""
from __future__ import annotations

import datetime as dt
import math
import uuid
from decimal import Decimal

import psycopg2.extras
import pytest

psycopg2.extras.register_uuid()

Json = psycopg2.extras.Json
D = Decimal


def same_float(a, b) -> bool:
    if math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return isinstance(b, float) and a == b and math.copysign(1, a) == math.copysign(1, b)


def same_decimal(a, b) -> bool:
    if a.is_nan():
        return isinstance(b, Decimal) and b.is_nan()
    return isinstance(b, Decimal) and a == b and str(a) == str(b)


def same_bytes(a, b) -> bool:
    return isinstance(b, memoryview) and bytes(b) == a


def unwrap_json(v):
    return v.adapted if isinstance(v, Json) else v


# psycopg2 sends Python floats as numeric literals, so -0.0 cannot round-trip through parameters;
# negative zero is checked from server-built values in test_special_values_to_python instead.
# name: (column type, result type OID, values, expected values or None for "same", comparator)
CASES = {
    "int2": ("int2", 21, [0, 1, -1, -32768, 32767], None, None),
    "int4": ("int4", 23, [0, 42, -2147483648, 2147483647], None, None),
    "int8": ("int8", 20, [0, -9223372036854775808, 9223372036854775807, 2**53 + 1], None, None),
    "numeric": ("numeric", 1700,
                [D("0"), D("1.500"), D("-123.456"),
                 D("12345678901234567890.12345678901234567890123456789"),
                 D("-0.000000000000000000000000000001"), D(10**100 + 1), D("NaN")],
                None, same_decimal),
    "numeric(10,2)": ("numeric(10,2)", 1700, [D("12345678.91"), D("-0.5"), D("3")],
                      [D("12345678.91"), D("-0.50"), D("3.00")], same_decimal),
    "float4": ("float4", 700, [0.0, 0.1, -1.5, 3.4028235e38, 1e-38, 16777216.0,
                               float("inf"), float("-inf"), float("nan")], None, same_float),
    "float8": ("float8", 701, [0.0, 0.1, 1 / 3, 1e308, 5e-324, 2.2250738585072014e-308,
                               -1.7976931348623157e308, float("inf"), float("-inf"), float("nan")],
               None, same_float),
    "text": ("text", 25, ["", "plain", "it's", 'double "quote"', "back\\slash", "\\x41 not bytea",
                          "tab\tnewline\ncr\r", "unicode: grüße 日本語 🎉 𝄞", "NULL", "x" * 100_000],
             None, None),
    "varchar(12)": ("varchar(12)", 1043, ["", "abcdefghijkl", "ünïcödé ✓"], None, None),
    "char(5)": ("char(5)", 1042, ["ab", "abcde"], ["ab   ", "abcde"], None),
    "bool": ("bool", 16, [True, False], None, None),
    "date": ("date", 1082, [dt.date(2024, 2, 29), dt.date(1, 1, 1), dt.date(9999, 12, 31),
                            dt.date(1970, 1, 1)], None, None),
    "time": ("time", 1083, [dt.time(0, 0), dt.time(23, 59, 59, 999999), dt.time(12, 34, 56, 789)],
             None, None),
    "timestamp": ("timestamp", 1114, [dt.datetime(2024, 1, 2, 3, 4, 5, 678901), dt.datetime(1, 1, 1),
                                      dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
                                      dt.datetime(2000, 1, 1)], None, None),
    "interval": ("interval", 1186, [dt.timedelta(0), dt.timedelta(days=3, hours=4, minutes=5, seconds=6,
                                                                  microseconds=7),
                                    -dt.timedelta(days=1, seconds=1), dt.timedelta(days=10000),
                                    dt.timedelta(microseconds=1)], None, None),
    "bytea": ("bytea", 17, [bytes(range(256)), b"", b"\x00", b"\\x00'\"", bytes(range(256)) * 400],
              None, same_bytes),
    "uuid": ("uuid", 2950, [uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), uuid.UUID(int=0),
                            uuid.UUID(int=2**128 - 1)], None, None),
    "json": ("json", 114, [Json({"a": [1, 2.5, "x", None, True], "nested": {"k": "é\"\\"},
                                 "big": 12345678901234567890}), Json([]), Json("string"), Json(42)],
             None, None),
    "jsonb": ("jsonb", 3802, [Json({"b": 1, "a": [1, 2.5, "x", None, False], "u": "日本 \u00e9"}),
                              Json([{"k": []}]), Json("s"), Json(-1.5)], None, None),
    "int4[]": ("int4[]", 1007, [[1, 2, 3], [], [None, 5], [[1, 2], [3, 4]], [-2147483648, 2147483647]],
               None, None),
    "text[]": ("text[]", 1009, [["a", None, 'with "quote"', "back\\slash", "comma,x", "", "NULL",
                                 "{braces}", "  spaced  ", "ünï"], []], None, None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_roundtrip(target, conn, table_name, case):
    coltype, oid, values, expected, same = CASES[case]
    expected = [unwrap_json(v) for v in (expected or values)]
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (i int PRIMARY KEY, v {coltype})")
    cur.executemany(f"INSERT INTO {table_name} VALUES (%s, %s)", list(enumerate(values)) + [(len(values), None)])
    assert cur.rowcount == len(values) + 1  # psycopg2 sums the per-statement counts
    conn.commit()

    # Read back on a separate connection, so nothing comes from client-side state.
    other = target.connect()
    try:
        rcur = other.cursor()
        rcur.execute(f"SELECT v FROM {table_name} ORDER BY i")
        assert rcur.description[0].name == "v"
        assert rcur.description[0].type_code == oid
        got = [r[0] for r in rcur.fetchall()]
    finally:
        other.close()
    assert len(got) == len(expected) + 1
    assert got[-1] is None
    for want, have in zip(expected, got):
        if same is not None:
            assert same(want, have), f"{case}: sent {want!r}, got {have!r}"
        else:
            assert type(have) is type(want) and have == want, f"{case}: sent {want!r}, got {have!r}"


# Exact server-side text of values psycopg2 cannot (or would not) build from Python objects.
TEXT_CASES = [
    ("'Infinity'::numeric", "Infinity"),
    ("'-Infinity'::numeric", "-Infinity"),
    ("'NaN'::numeric", "NaN"),
    ("1.10::numeric(5,3)", "1.100"),
    ("'0.1'::float4", "0.1"),
    ("'0.1'::float8 + '0.2'::float8", "0.30000000000000004"),
    ("'-0'::float8", "-0"),
    ("'0044-03-15 BC'::date", "0044-03-15 BC"),
    ("'infinity'::date", "infinity"),
    ("'-infinity'::timestamp", "-infinity"),
    ("'1 year 2 mons 3 days 04:05:06.000007'::interval", "1 year 2 mons 3 days 04:05:06.000007"),
    ("'-1 mons +2 days -00:00:01'::interval", "-1 mons +2 days -00:00:01"),
    ("'12:34:56.5+05:30'::timetz", "12:34:56.5+05:30"),
    ("'\\x00ff10'::bytea", "\\x00ff10"),
    ("'{\"b\": 1,  \"a\": 2}'::json", '{"b": 1,  "a": 2}'),
    ("'{\"b\": 1,  \"a\": 2}'::jsonb", '{"a": 2, "b": 1}'),
    ("ARRAY['a', NULL, 'b\"c', '']", '{a,NULL,"b\\"c",""}'),
    ("'{{1,2},{3,4}}'::int[]", "{{1,2},{3,4}}"),
    ("'[1,5)'::int4range", "[1,5)"),
    ("'192.168.0.1/24'::inet", "192.168.0.1/24"),
    ("true", "true"),
]


@pytest.mark.parametrize("expr,text", TEXT_CASES, ids=[t for _, t in TEXT_CASES])
def test_server_text_representation(conn, expr, text):
    cur = conn.cursor()
    cur.execute(f"SELECT ({expr})::text")
    assert cur.fetchone()[0] == text


def test_special_values_to_python(conn):
    cur = conn.cursor()
    cur.execute("SELECT 'Infinity'::numeric, '-Infinity'::numeric, 'infinity'::date, '-infinity'::date, "
                "'infinity'::timestamp, '-0'::float8, '-0'::float4")
    pinf, ninf, dmax, dmin, tsmax, nz8, nz4 = cur.fetchone()
    assert nz8 == 0.0 and math.copysign(1, nz8) == -1
    assert nz4 == 0.0 and math.copysign(1, nz4) == -1
    assert pinf == Decimal("Infinity") and ninf == Decimal("-Infinity")
    assert dmax == dt.date.max and dmin == dt.date.min
    assert tsmax == dt.datetime.max


def test_timestamptz_time_zone_handling(conn):
    cur = conn.cursor()
    cur.execute("SET TIME ZONE 'UTC'")
    aware = dt.datetime(2024, 1, 15, 12, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))
    cur.execute("SELECT %s::timestamptz, %s::timestamptz::text", (aware, aware))
    value, text = cur.fetchone()
    assert cur.description[0].type_code == 1184
    assert value == aware
    assert value.utcoffset() == dt.timedelta(0)
    assert text == "2024-01-15 06:30:00.123456+00"

    cur.execute("SET TIME ZONE 'America/New_York'")
    cur.execute("SELECT %s::timestamptz, '2024-07-01 12:00:00+00'::timestamptz", (aware,))
    winter, summer = cur.fetchone()
    assert winter == aware and winter.utcoffset() == dt.timedelta(hours=-5)
    assert summer.utcoffset() == dt.timedelta(hours=-4) and summer.hour == 8
    cur.execute("SELECT '2024-01-15 12:00'::timestamp AT TIME ZONE 'Asia/Tokyo'")
    assert cur.fetchone()[0] == dt.datetime(2024, 1, 14, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))

    cur.execute("SET TIME ZONE '+02:00'")  # POSIX sign convention: 2 hours WEST of UTC
    cur.execute("SELECT '2024-01-15 12:00:00+00'::timestamptz::text")
    assert cur.fetchone()[0] == "2024-01-15 10:00:00-02"


def test_parameter_status_reports_time_zone(conn):
    conn.autocommit = True
    cur = conn.cursor()
    assert conn.info.parameter_status("client_encoding") == "UTF8"
    assert conn.info.parameter_status("standard_conforming_strings") == "on"
    assert conn.info.parameter_status("integer_datetimes") == "on"
    assert conn.server_version >= 100000
    cur.execute("SET TIME ZONE 'Europe/Lisbon'")
    assert conn.info.parameter_status("TimeZone") == "Europe/Lisbon"
    cur.execute("SET DateStyle = 'ISO, DMY'")
    assert conn.info.parameter_status("DateStyle") == "ISO, DMY"
    cur.execute("SELECT '04/03/2024'::date::text")
    assert cur.fetchone()[0] == "2024-03-04"


def test_result_column_metadata(conn):
    cur = conn.cursor()
    cur.execute("SELECT 1::int2 AS a, 2::int4 AS b, 3::int8 AS c, 1.5::numeric(10,2) AS d, "
                "'x'::varchar(7) AS e, now() AS f, 'y' AS \"Mixed Case\"")
    d = cur.description
    assert [c.name for c in d] == ["a", "b", "c", "d", "e", "f", "Mixed Case"]
    assert [c.type_code for c in d] == [21, 23, 20, 1700, 1043, 1184, 25]
    assert [c.internal_size for c in d[:3]] == [2, 4, 8]
    assert (d[3].precision, d[3].scale) == (10, 2)
    assert d[4].internal_size == 7, d[4]  # varchar(7): from the typmod


def test_null_and_empty_distinguished(conn):
    cur = conn.cursor()
    cur.execute("SELECT NULL::text, ''::text, ARRAY[NULL]::text[], '{}'::text[], NULL::int[]")
    assert cur.fetchone() == (None, "", [None], [], None)
