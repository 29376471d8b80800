"""psycopg 3: the extended query protocol with text and binary formats, prepared statements,
server-side cursors, streaming and pipeline mode."""
import datetime
import decimal
import uuid

import psycopg
import pytest
from psycopg import errors
from psycopg.types.json import Jsonb


def connect(target, **kw):
    return psycopg.connect(target.conninfo(include_password=True), **kw)


VALUES = [
    ("int2", 32767), ("int4", -2147483648), ("int8", 9223372036854775807),
    ("numeric", decimal.Decimal("-12345678901234567890.123456789")), ("float8", 0.1), ("bool", True),
    ("text", "naïve 'quoted' \\ text"), ("bytea", bytes(range(256))), ("date", datetime.date(2024, 2, 29)),
    ("time", datetime.time(23, 59, 58, 123456)),
    ("timestamp", datetime.datetime(1999, 12, 31, 23, 59, 59, 999999)),
    ("timestamptz", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)),
    ("interval", datetime.timedelta(days=3, seconds=7, microseconds=5)),
    ("uuid", uuid.UUID("12345678-1234-5678-1234-567812345678")), ("jsonb", {"a": [1, None, "x"]}),
    ("int4[]", [1, None, 3]), ("text[]", ["a", None, 'q"uote']),
]


@pytest.mark.parametrize("binary", [False, True], ids=["text", "binary"])
def test_parameters_and_results_round_trip(target, binary):
    with connect(target) as c:
        cur = c.cursor(binary=binary)
        for typ, value in VALUES:
            param = Jsonb(value) if typ == "jsonb" else value
            cur.execute(f"select %s::{typ}", (param,))
            got = cur.fetchone()[0]
            assert got == value, (typ, binary)
            assert cur.pgresult.fformat(0) == (1 if binary else 0)


def test_parameter_types_are_inferred_by_the_engine(target):
    with connect(target) as c:
        cur = c.cursor()
        cur.execute("create temp table inf (a int8, b numeric, c date)")
        cur.execute("insert into inf values (%s, %s, %s) returning a + 1, b * 2, c + 1", ("41", "1.5", "2024-01-01"))
        assert cur.fetchone() == (42, decimal.Decimal("3.0"), datetime.date(2024, 1, 2))


def test_prepared_after_threshold_gives_same_results(target):
    with connect(target, prepare_threshold=2) as c:
        cur = c.cursor()
        for i in range(8):
            cur.execute("select %s::int * 2, %s::text", (i, f"v{i}"))
            assert cur.fetchone() == (i * 2, f"v{i}")
        cur.execute("select count(*) from pg_prepared_statements")
        assert cur.fetchone()[0] >= 1


def test_server_side_cursor_and_stream(target):
    with connect(target) as c:
        with c.cursor(name="wgcur") as sc:
            sc.itersize = 7
            sc.execute("select g, g::text from generate_series(1, 100) g where g > %s", (10,))
            rows = list(sc)
        assert len(rows) == 90 and rows[0] == (11, "11")
        cur = c.cursor()
        total = sum(r[0] for r in cur.stream("select g from generate_series(1, 50000) g"))
        assert total == 50000 * 50001 // 2


def test_pipeline_mode_is_one_transaction_per_sync(target, table_name):
    with connect(target, autocommit=True) as c:
        c.execute(f"create table {table_name} (id int primary key)")
        with pytest.raises(errors.UniqueViolation):
            with c.pipeline():
                c.execute(f"insert into {table_name} values (%s)", (1,))
                c.execute(f"insert into {table_name} values (%s)", (1,))
        assert c.execute(f"select count(*) from {table_name}").fetchone()[0] == 0
        with c.pipeline():
            for i in range(20):
                c.execute(f"insert into {table_name} values (%s)", (i,))
        assert c.execute(f"select count(*) from {table_name}").fetchone()[0] == 20


def test_executemany_and_errors(target, table_name):
    with connect(target) as c:
        cur = c.cursor()
        cur.execute(f"create table {table_name} (id int primary key, v text)")
        cur.executemany(f"insert into {table_name} values (%s, %s)", [(i, str(i)) for i in range(50)])
        c.commit()
        with pytest.raises(errors.UniqueViolation) as ei:
            cur.execute(f"insert into {table_name} values (%s, %s)", (1, "dup"))
        assert ei.value.sqlstate == "23505"
        assert ei.value.diag.constraint_name == f"{table_name}_pkey"
        assert c.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
        c.rollback()
        with pytest.raises(errors.UndefinedColumn) as ei:
            cur.execute(f"select nosuch from {table_name} where id = %s", (1,))
        assert ei.value.diag.statement_position == "8"
        c.rollback()
        cur.execute(f"select count(*) from {table_name}")
        assert cur.fetchone()[0] == 50


def test_discard_all_resets_the_session_and_prepared_statements(target):
    with connect(target, autocommit=True, prepare_threshold=None) as c:
        c.execute("set application_name = 'before-discard'")
        c.execute("create temp table wg_discard (a int)")
        c.execute("prepare wg_p as select 1")
        c.execute("discard all")
        assert c.execute("show application_name").fetchone()[0] != "before-discard"
        assert c.execute("select count(*) from pg_prepared_statements").fetchone()[0] == 0
        assert c.execute("select to_regclass('pg_temp.wg_discard')").fetchone()[0] is None
        assert c.execute("select %s::int", (2,)).fetchone() == (2,)
