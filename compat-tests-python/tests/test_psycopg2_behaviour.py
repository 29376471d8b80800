"""Transactions, errors, cancel, notices, multi-statement and large results through psycopg2."""
from __future__ import annotations

import hashlib
import io
import select
import threading
import time

import psycopg2
import psycopg2.errors as errors
import psycopg2.extensions as ext
import pytest


@pytest.fixture
def other(target):
    c = target.connect()
    c.autocommit = True
    try:
        yield c
    finally:
        c.close()


def count(c, table) -> int:
    with c.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {table}")
        return cur.fetchone()[0]


# ------------------------------------------------------------------ transactions and visibility

def test_commit_visible_to_second_connection(conn, other, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int PRIMARY KEY, name text)")
    conn.commit()
    cur.execute(f"INSERT INTO {table_name} VALUES (1, 'a'), (2, 'b')")
    assert cur.rowcount == 2
    assert count(conn, table_name) == 2
    assert count(other, table_name) == 0  # not committed yet
    conn.commit()
    assert count(other, table_name) == 2
    cur.execute(f"UPDATE {table_name} SET name = 'z' WHERE id = 1")
    assert cur.rowcount == 1
    cur.execute(f"DELETE FROM {table_name} WHERE id = 2")
    assert cur.rowcount == 1
    with other.cursor() as ocur:
        ocur.execute(f"SELECT id, name FROM {table_name} ORDER BY id")
        assert ocur.fetchall() == [(1, "a"), (2, "b")]
    conn.commit()
    with other.cursor() as ocur:
        ocur.execute(f"SELECT id, name FROM {table_name} ORDER BY id")
        assert ocur.fetchall() == [(1, "z")]


def test_rollback_invisible_and_discarded(conn, other, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int)")
    conn.commit()
    cur.execute(f"INSERT INTO {table_name} SELECT generate_series(1, 10)")
    assert cur.rowcount == 10
    assert count(conn, table_name) == 10
    conn.rollback()
    assert count(conn, table_name) == 0
    assert count(other, table_name) == 0


def test_rollback_of_ddl(conn, other, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int)")
    conn.rollback()
    with other.cursor() as ocur:
        ocur.execute("SELECT to_regclass(%s)", (table_name,))
        assert ocur.fetchone()[0] is None


def test_savepoints(conn, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int PRIMARY KEY)")
    cur.execute(f"INSERT INTO {table_name} VALUES (1)")
    cur.execute("SAVEPOINT sp1")
    with pytest.raises(errors.UniqueViolation):
        cur.execute(f"INSERT INTO {table_name} VALUES (1)")
    cur.execute("ROLLBACK TO SAVEPOINT sp1")
    cur.execute(f"INSERT INTO {table_name} VALUES (2)")
    conn.commit()
    cur.execute(f"SELECT array_agg(id ORDER BY id) FROM {table_name}")
    assert cur.fetchone()[0] == [1, 2]


def test_transaction_status_transitions(conn):
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur = conn.cursor()
    cur.execute("SELECT 1")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    with pytest.raises(errors.DivisionByZero):
        cur.execute("SELECT 1/0")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    with pytest.raises(errors.InFailedSqlTransaction) as ei:
        cur.execute("SELECT 2")
    assert ei.value.pgcode == "25P02"
    assert "current transaction is aborted" in str(ei.value)
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur.execute("SELECT 3")
    assert cur.fetchone()[0] == 3
    conn.commit()
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE

    conn.autocommit = True
    cur.execute("SELECT 4")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur.execute("BEGIN")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    cur.execute("COMMIT")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_isolation_level_and_read_only(conn, table_name):
    conn.set_session(isolation_level="SERIALIZABLE", readonly=True)
    cur = conn.cursor()
    cur.execute("SHOW transaction_isolation")
    assert cur.fetchone()[0] == "serializable"
    with pytest.raises(errors.ReadOnlySqlTransaction) as ei:
        cur.execute(f"CREATE TABLE {table_name} (id int)")
    assert ei.value.pgcode == "25006"
    conn.rollback()


# ------------------------------------------------------------------ errors

def test_unique_violation(conn, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int PRIMARY KEY)")
    cur.execute(f"INSERT INTO {table_name} VALUES (1)")
    with pytest.raises(errors.UniqueViolation) as ei:
        cur.execute(f"INSERT INTO {table_name} VALUES (1)")
    e = ei.value
    assert isinstance(e, psycopg2.IntegrityError)
    assert e.pgcode == "23505"
    assert e.diag.sqlstate == "23505"
    assert e.diag.severity == "ERROR"
    assert e.diag.message_primary == f'duplicate key value violates unique constraint "{table_name}_pkey"'
    assert e.diag.message_detail == "Key (id)=(1) already exists."
    assert e.diag.constraint_name == f"{table_name}_pkey"
    assert e.diag.table_name == table_name
    assert e.diag.schema_name == "public"
    assert e.pgerror.startswith("ERROR:  duplicate key value")


def test_undefined_table(conn):
    cur = conn.cursor()
    with pytest.raises(errors.UndefinedTable) as ei:
        cur.execute("SELECT * FROM wg_no_such_table")
    e = ei.value
    assert isinstance(e, psycopg2.ProgrammingError)
    assert e.pgcode == "42P01"
    assert e.diag.message_primary == 'relation "wg_no_such_table" does not exist'
    assert e.diag.statement_position == "15"


def test_syntax_error_with_position(conn):
    cur = conn.cursor()
    with pytest.raises(errors.SyntaxError) as ei:
        cur.execute("SELECT 1 FROM WHERE x = 1")
    e = ei.value
    assert e.pgcode == "42601"
    assert e.diag.message_primary == 'syntax error at or near "WHERE"'
    assert e.diag.statement_position == "15"
    assert "LINE 1: SELECT 1 FROM WHERE x = 1" in e.pgerror


def test_division_by_zero(conn):
    cur = conn.cursor()
    with pytest.raises(errors.DivisionByZero) as ei:
        cur.execute("SELECT 1 / (2 - 2)")
    assert isinstance(ei.value, psycopg2.DataError)
    assert ei.value.pgcode == "22012"
    assert ei.value.diag.message_primary == "division by zero"


def test_undefined_function_has_hint(conn):
    cur = conn.cursor()
    with pytest.raises(errors.UndefinedFunction) as ei:
        cur.execute("SELECT wg_no_such_function(1, 'x')")
    e = ei.value
    assert e.pgcode == "42883"
    assert e.diag.message_hint.startswith("No function matches the given name and argument types.")
    assert e.diag.statement_position == "8"


def test_not_null_and_foreign_key_violations(conn, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int PRIMARY KEY, name text NOT NULL)")
    cur.execute(f"CREATE TABLE {table_name}_child (pid int REFERENCES {table_name}(id))")
    conn.commit()
    with pytest.raises(errors.NotNullViolation) as ei:
        cur.execute(f"INSERT INTO {table_name} (id) VALUES (1)")
    assert ei.value.pgcode == "23502"
    assert ei.value.diag.column_name == "name"
    conn.rollback()
    with pytest.raises(errors.ForeignKeyViolation) as ei:
        cur.execute(f"INSERT INTO {table_name}_child VALUES (5)")
    assert ei.value.pgcode == "23503"
    assert ei.value.diag.message_detail == f'Key (pid)=(5) is not present in table "{table_name}".'
    conn.rollback()


def test_data_errors(conn, table_name):
    cur = conn.cursor()
    with pytest.raises(errors.InvalidTextRepresentation) as ei:
        cur.execute("SELECT 'abc'::int")
    assert ei.value.pgcode == "22P02"
    assert ei.value.diag.message_primary == 'invalid input syntax for type integer: "abc"'
    conn.rollback()
    cur.execute(f"CREATE TABLE {table_name} (v varchar(3))")
    with pytest.raises(errors.StringDataRightTruncation) as ei:
        cur.execute(f"INSERT INTO {table_name} VALUES ('abcd')")
    assert ei.value.pgcode == "22001"
    assert ei.value.diag.message_primary == "value too long for type character varying(3)"
    conn.rollback()
    with pytest.raises(errors.NumericValueOutOfRange):
        cur.execute("SELECT 32767::int2 + 1::int2")


def test_raise_exception_with_detail_hint_and_context(conn):
    cur = conn.cursor()
    with pytest.raises(errors.InvalidParameterValue) as ei:
        cur.execute("DO $$ BEGIN RAISE EXCEPTION 'custom boom %', 7 USING ERRCODE = '22023', "
                    "DETAIL = 'some detail', HINT = 'some hint'; END $$")
    d = ei.value.diag
    assert d.sqlstate == "22023"
    assert d.message_primary == "custom boom 7"
    assert d.message_detail == "some detail"
    assert d.message_hint == "some hint"
    assert "PL/pgSQL function inline_code_block line 1 at RAISE" in d.context


def test_connection_usable_after_error_in_autocommit(conn):
    conn.autocommit = True
    cur = conn.cursor()
    with pytest.raises(errors.UndefinedColumn):
        cur.execute("SELECT wg_no_such_column")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur.execute("SELECT 'fine'")
    assert cur.fetchone()[0] == "fine"


# ------------------------------------------------------------------ cancel, notices, notifications

def test_cancel_running_query(conn):
    cur = conn.cursor()
    timings = {}

    def cancel_later():
        time.sleep(0.5)
        timings["cancel"] = time.monotonic()
        conn.cancel()

    t = threading.Thread(target=cancel_later)
    start = time.monotonic()
    t.start()
    with pytest.raises(errors.QueryCanceled) as ei:
        cur.execute("SELECT pg_sleep(10)")
    end = time.monotonic()
    t.join()
    assert ei.value.pgcode == "57014"
    assert "canceling statement due to user request" in str(ei.value)
    assert end - timings["cancel"] < 1.0, f"cancel took {end - timings['cancel']:.2f} s to take effect"
    assert end - start < 5
    conn.rollback()
    cur.execute("SELECT 'after cancel'")
    assert cur.fetchone()[0] == "after cancel"


def test_cancel_does_not_hit_other_sessions(target, conn):
    bystander = target.connect()
    try:
        def run_bystander(result):
            try:
                with bystander.cursor() as bcur:
                    bcur.execute("SELECT pg_sleep(1.5), 'bystander done'")
                    result.append(bcur.fetchone()[1])
            except Exception as e:  # noqa: BLE001
                result.append(e)

        result = []
        t = threading.Thread(target=run_bystander, args=(result,))
        t.start()
        time.sleep(0.3)
        conn.cancel()  # conn is idle: nothing to cancel, and never the bystander's query
        t.join(timeout=10)
        assert result == ["bystander done"]
        with conn.cursor() as cur:
            cur.execute("SELECT 1")
            assert cur.fetchone()[0] == 1
    finally:
        bystander.close()


def test_notices_arrive(conn, table_name):
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; "
                "RAISE INFO 'fyi'; RAISE DEBUG 'not sent'; END $$")
    assert cur.statusmessage == "DO"
    assert conn.notices == ["NOTICE:  hello 42\n", "WARNING:  careful\n", "INFO:  fyi\n"]
    cur.execute(f"DROP TABLE IF EXISTS {table_name}")
    assert conn.notices[-1] == f'NOTICE:  table "{table_name}" does not exist, skipping\n'
    cur.execute("SET client_min_messages = warning")
    cur.execute("DO $$ BEGIN RAISE NOTICE 'suppressed'; RAISE WARNING 'shown'; END $$")
    assert conn.notices[-1] == "WARNING:  shown\n" and len(conn.notices) == 5


def test_listen_notify(target, conn, other):
    conn.autocommit = True
    conn.cursor().execute("LISTEN wg_channel")
    other.cursor().execute("NOTIFY wg_channel, 'payload 1'")
    other.cursor().execute("SELECT pg_notify('wg_channel', 'payload 2')")
    got = []
    deadline = time.monotonic() + 5
    while len(got) < 2 and time.monotonic() < deadline:
        if select.select([conn], [], [], 0.5)[0]:
            conn.poll()
            while conn.notifies:
                n = conn.notifies.pop(0)
                got.append((n.channel, n.payload))
    assert got == [("wg_channel", "payload 1"), ("wg_channel", "payload 2")]


# ------------------------------------------------------------------ statement shapes

def test_multiple_statements_in_one_execute(conn, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int); INSERT INTO {table_name} VALUES (1); "
                f"INSERT INTO {table_name} VALUES (2), (3); SELECT sum(id), count(*) FROM {table_name}")
    assert cur.fetchall() == [(6, 3)]
    assert cur.statusmessage == "SELECT 1"
    cur.execute(f"UPDATE {table_name} SET id = id + 1; DELETE FROM {table_name} WHERE id = 4")
    assert cur.statusmessage == "DELETE 1"
    assert cur.rowcount == 1
    conn.commit()
    assert count(conn, table_name) == 2


def test_multiple_statements_error_rolls_back_implicit_transaction(target, table_name):
    c = target.connect()
    c.autocommit = True
    try:
        cur = c.cursor()
        cur.execute(f"CREATE TABLE {table_name} (id int)")
        with pytest.raises(errors.DivisionByZero):
            cur.execute(f"INSERT INTO {table_name} VALUES (1); SELECT 1/0; INSERT INTO {table_name} VALUES (2)")
        # One Query message is one implicit transaction: the first INSERT is gone too.
        assert count(c, table_name) == 0
    finally:
        c.close()


@pytest.mark.parametrize("sql", ["", ";", "   ", "-- only a comment"])
def test_empty_query(conn, sql):
    cur = conn.cursor()
    with pytest.raises(psycopg2.ProgrammingError) as ei:
        cur.execute(sql)
    assert "empty query" in str(ei.value)
    assert conn.get_transaction_status() in (ext.TRANSACTION_STATUS_IDLE, ext.TRANSACTION_STATUS_INTRANS)
    cur.execute("SELECT 'next'")
    assert cur.fetchone()[0] == "next"


def test_parameters_are_quoted_safely(conn):
    cur = conn.cursor()
    nasty = "'; DROP TABLE pg_class; --"
    cur.execute("SELECT %s, %s::text, %s", (nasty, "a\\b", None))
    assert cur.fetchone() == (nasty, "a\\b", None)


def test_executemany_and_rowcount(conn, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int, label text)")
    cur.executemany(f"INSERT INTO {table_name} VALUES (%s, %s)", [(i, f"row {i}") for i in range(500)])
    cur.execute(f"UPDATE {table_name} SET label = upper(label) WHERE id % 5 = 0")
    assert cur.rowcount == 100
    cur.execute(f"SELECT count(*), count(*) FILTER (WHERE label LIKE 'ROW%%') FROM {table_name}")
    assert cur.fetchone() == (500, 100)


def test_copy_from_and_to_stdin(conn, table_name):
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table_name} (id int, name text)")
    data = "".join(f"{i}\tname {i}\n" for i in range(1000)) + "1000\t\\N\n"
    cur.copy_expert(f"COPY {table_name} FROM STDIN", io.StringIO(data))
    assert cur.rowcount == 1001
    out = io.StringIO()
    cur.copy_expert(f"COPY (SELECT * FROM {table_name} ORDER BY id) TO STDOUT", out)
    assert out.getvalue() == data
    with pytest.raises(errors.InvalidTextRepresentation):
        cur.copy_expert(f"COPY {table_name} FROM STDIN", io.StringIO("x\ty\n"))
    conn.rollback()


# ------------------------------------------------------------------ large results

BIG_QUERY = "SELECT g, md5(g::text) FROM generate_series(1, 100000) AS g ORDER BY g"


def test_large_result_plain_cursor(conn):
    cur = conn.cursor()
    cur.execute(BIG_QUERY)
    assert cur.rowcount == 100000
    rows = cur.fetchall()
    assert len(rows) == 100000
    assert rows[0] == (1, hashlib.md5(b"1").hexdigest())
    assert rows[77776] == (77777, hashlib.md5(b"77777").hexdigest())
    assert rows[-1][0] == 100000
    assert sum(r[0] for r in rows) == 100000 * 100001 // 2
    assert cur.statusmessage == "SELECT 100000"


def test_large_result_named_cursor_streams(conn):
    cur = conn.cursor(name="wg_big_cursor")
    cur.itersize = 5000
    cur.execute(BIG_QUERY)
    n = total = 0
    last = None
    for row in cur:
        n += 1
        total += row[0]
        last = row
        if n == 1:
            # Streaming: only the first batch is on the client; the cursor lives on the server.
            side = conn.cursor()
            side.execute("SELECT count(*) FROM pg_cursors WHERE name = 'wg_big_cursor'")
            assert side.fetchone()[0] == 1
    assert n == 100000
    assert total == 100000 * 100001 // 2
    assert last == (100000, hashlib.md5(b"100000").hexdigest())
    cur.close()
    # The server-side cursor lived inside the transaction; it must be gone afterwards.
    conn.commit()
    plain = conn.cursor()
    plain.execute("SELECT count(*) FROM pg_cursors WHERE name = 'wg_big_cursor'")
    assert plain.fetchone()[0] == 0


def test_named_cursor_fetchmany_and_scroll(conn):
    cur = conn.cursor(name="wg_scroll_cursor", scrollable=True)
    cur.execute("SELECT g FROM generate_series(1, 1000) AS g")
    assert [r[0] for r in cur.fetchmany(3)] == [1, 2, 3]
    cur.scroll(500, mode="absolute")
    assert cur.fetchone()[0] == 501
    cur.scroll(-11)
    assert cur.fetchone()[0] == 491
    assert len(cur.fetchall()) == 509
    conn.rollback()


def test_notification_carries_the_sender_backend_pid(target, conn, other):
    conn.autocommit = True
    other.autocommit = True
    conn.cursor().execute("LISTEN wg_pid")
    cur = other.cursor()
    cur.execute("SELECT pg_backend_pid()")
    sender = cur.fetchone()[0]
    assert sender == other.info.backend_pid  # BackendKeyData matches pg_backend_pid()
    cur.execute("NOTIFY wg_pid, 'x'")
    deadline = time.monotonic() + 5
    while not conn.notifies and time.monotonic() < deadline:
        if select.select([conn], [], [], 0.5)[0]:
            conn.poll()
    assert conn.notifies and conn.notifies[0].pid == sender


def test_non_iso_datestyle_is_refused_and_the_session_goes_on(target, conn):
    cur = conn.cursor()
    if target.on_jdbc_path:
        # The JDBC path's link to the engine needs ISO (docs/postgresql.md).
        with pytest.raises(psycopg2.errors.FeatureNotSupported):
            cur.execute("SET DateStyle TO 'German'")
        conn.rollback()
    else:
        # Relayed sessions are PostgreSQL's own.
        cur.execute("SET DateStyle TO 'German'")
        cur.execute("select '2024-02-29'::date::text")
        assert cur.fetchone()[0] == "29.02.2024"
    cur.execute("SET DateStyle TO 'ISO, DMY'")
    cur.execute("select '2024-02-29'::date::text")
    assert cur.fetchone()[0] == "2024-02-29"
