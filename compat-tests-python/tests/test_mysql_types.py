"""Round trip of every basic MySQL column type through PyMySQL (text protocol, client-side
parameters) and mysql-connector-python prepared statements (binary protocol, ? parameters),
column metadata, NULLs, and the strict-mode errors for values a column cannot hold."""
from __future__ import annotations

import pytest

from harness.myassert import connector_error, pymysql_error, rows
from harness.mytypes import TYPE_CASES, TYPE_IDS, TypeCase, normalize, normalized_expectations


def create(conn, table: str, case: TypeCase) -> None:
    with conn.cursor() as cur:
        cur.execute(f"CREATE TABLE {table} (id INT AUTO_INCREMENT PRIMARY KEY, v {case.ddl})")


@pytest.mark.parametrize("case", TYPE_CASES, ids=TYPE_IDS)
def test_text_protocol_round_trip(my, myconn, my_table, case):
    create(myconn, my_table, case)
    with myconn.cursor() as cur:
        for v in case.values:
            cur.execute(f"INSERT INTO {my_table} (v) VALUES (%s)", (v,))
        cur.execute(f"INSERT INTO {my_table} (v) VALUES (NULL)")
        cur.execute(f"SELECT v FROM {my_table} ORDER BY id")
        got = [normalize(case, r[0]) for r in cur.fetchall()]
        assert got == normalized_expectations(case) + [None]
        d = cur.description[0]
        expected_code = case.mariadb_type_code if (my.is_mariadb and case.mariadb_type_code) else case.type_code
        assert d[0] == "v"
        assert d[1] == expected_code, f"type code {d[1]} for {case.ddl}, expected {expected_code}"
        flags = cur._result.fields[0].flags
        assert flags & case.flags == case.flags, f"column flags {flags:#x} lack {case.flags:#x}"


@pytest.mark.parametrize("case", TYPE_CASES, ids=TYPE_IDS)
def test_binary_protocol_round_trip(my, my_table, case):
    c = my.connector(autocommit=True)
    try:
        create(c, my_table, case)
        cur = c.cursor(prepared=True)
        for v in case.values:
            cur.execute(f"INSERT INTO {my_table} (v) VALUES (?)", (v,))
        cur.execute(f"INSERT INTO {my_table} (v) VALUES (?)", (None,))
        expected = normalized_expectations(case) + [None]
        if case.binary_result_ok:
            cur.execute(f"SELECT v FROM {my_table} WHERE id > ? ORDER BY id", (0,))
            assert [normalize(case, r[0]) for r in cur.fetchall()] == expected
        cur.close()
        # The values written through the binary protocol read back the same as text.
        text = c.cursor()
        text.execute(f"SELECT v FROM {my_table} ORDER BY id")
        assert [normalize(case, r[0]) for r in text.fetchall()] == expected
        text.close()
    finally:
        c.close()


def test_tinyint1_column_metadata(myconn, my_table):
    # SQLAlchemy and Connector/J treat TINYINT(1) as boolean from the column length.
    with myconn.cursor() as cur:
        cur.execute(f"CREATE TABLE {my_table} (b TINYINT(1), t TINYINT, i INT)")
        cur.execute(f"SELECT b, t, i FROM {my_table}")
        lengths = [f.length for f in cur._result.fields]
        assert lengths[0] == 1
        assert lengths[1] == 4
        assert lengths[2] == 11


def test_column_flags_not_null_primary_key_auto_increment(myconn, my_table):
    with myconn.cursor() as cur:
        cur.execute(f"CREATE TABLE {my_table} (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, "
                    f"n VARCHAR(10) NOT NULL, m VARCHAR(10))")
        cur.execute(f"SELECT id, n, m FROM {my_table}")
        f_id, f_n, f_m = cur._result.fields
        NOT_NULL, PRI_KEY, UNSIGNED, AUTO_INCREMENT = 1, 2, 32, 512
        assert f_id.flags & (NOT_NULL | PRI_KEY | UNSIGNED | AUTO_INCREMENT) == NOT_NULL | PRI_KEY | UNSIGNED | AUTO_INCREMENT
        assert f_n.flags & NOT_NULL and not f_n.flags & PRI_KEY
        assert not f_m.flags & NOT_NULL
        db = f_id.db.decode() if isinstance(f_id.db, bytes) else f_id.db
        assert (f_id.table_name, f_id.org_table, f_id.org_name, db) == (my_table, my_table, "id", "wgtest")


def test_char_trailing_spaces_are_stripped(myconn, my_table):
    with myconn.cursor() as cur:
        cur.execute(f"CREATE TABLE {my_table} (c CHAR(8), v VARCHAR(8))")
        cur.execute(f"INSERT INTO {my_table} VALUES ('ab  ', 'ab  ')")
        cur.execute(f"SELECT c, v, LENGTH(c), LENGTH(v) FROM {my_table}")
        assert cur.fetchone() == ("ab", "ab  ", 2, 4)


def test_boolean_literals(myconn):
    assert rows(myconn, "SELECT TRUE, FALSE, 1 = 1, 1 = 2, NULL IS NULL") == [(1, 0, 1, 0, 1)]


@pytest.mark.parametrize("ddl,value", [
    ("TINYINT", 128), ("TINYINT", -129), ("TINYINT UNSIGNED", -1), ("SMALLINT UNSIGNED", 65536),
    ("INT", 2147483648), ("INT UNSIGNED", -1), ("BIGINT UNSIGNED", 18446744073709551616),
    ("DECIMAL(5,2)", 1000),
])
def test_out_of_range_value(my, my_table, ddl, value):
    c = my.connector(autocommit=True)
    try:
        cur = c.cursor()
        cur.execute(f"CREATE TABLE {my_table} (v {ddl})")
        with connector_error(1264, "22003", "Out of range value for column 'v' at row 1"):
            cur.execute(f"INSERT INTO {my_table} VALUES ({value})")
        assert rows(c, f"SELECT COUNT(*) FROM {my_table}") == [(0,)]
    finally:
        c.close()


def test_invalid_enum_value(my, my_table):
    c = my.connector(autocommit=True)
    try:
        cur = c.cursor()
        cur.execute(f"CREATE TABLE {my_table} (e ENUM('a','b'))")
        with connector_error(1265, "01000", "Data truncated for column 'e' at row 1"):
            cur.execute(f"INSERT INTO {my_table} VALUES ('zzz')")
    finally:
        c.close()


def test_bigint_unsigned_arithmetic(myconn):
    assert rows(myconn, "SELECT CAST(18446744073709551615 AS UNSIGNED), 18446744073709551615 - 1") == \
        [(18446744073709551615, 18446744073709551614)]


def test_select_expression_types(myconn):
    with myconn.cursor() as cur:
        cur.execute("SELECT 1, 1.5, 'x', NULL, 9223372036854775807, CAST('2024-01-02' AS DATE)")
        assert cur.fetchone()[:5] == (1, __import__("decimal").Decimal("1.5"), "x", None, 9223372036854775807)
        assert [d[0] for d in cur.description] == ["1", "1.5", "x", "NULL", "9223372036854775807",
                                                    "CAST('2024-01-02' AS DATE)"]
