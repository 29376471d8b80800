"""Server-side prepared statements (COM_STMT_PREPARE / EXECUTE / RESET / CLOSE, binary protocol)
through mysql-connector-python's cursor(prepared=True). The per-type round trips are in
test_mysql_types.py (test_binary_protocol_round_trip)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from harness.myassert import connector_error, rows


@pytest.fixture
def pconn(my):
    c = my.connector(autocommit=True)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def items(pconn, my_table):
    cur = pconn.cursor()
    cur.execute(f"CREATE TABLE {my_table} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE, "
                f"qty INT UNSIGNED, price DECIMAL(10,2), seen DATETIME(3), note TEXT, data BLOB)")
    cur.close()
    return my_table


def test_parameters_of_every_kind_in_one_statement(pconn):
    cur = pconn.cursor(prepared=True)
    params = (1, -2, 2 ** 40, 18446744073709551615, 1.25, Decimal("-12.345"), "ünï😀", b"\x00\xff",
              dt.date(2024, 2, 29), dt.datetime(2024, 1, 2, 3, 4, 5, 600000), dt.timedelta(hours=5, seconds=7),
              None, True)
    cur.execute("SELECT " + ", ".join(["?"] * len(params)), params)
    got = tuple(bytes(v) if isinstance(v, bytearray) else v for v in cur.fetchone())
    # A parameter's value comes back with the type it was sent with.
    assert got == (1, -2, 2 ** 40, 18446744073709551615, 1.25, Decimal("-12.345"), "ünï😀", b"\x00\xff",
                   dt.date(2024, 2, 29), dt.datetime(2024, 1, 2, 3, 4, 5, 600000),
                   dt.timedelta(hours=5, seconds=7), None, 1)
    cur.close()


def test_insert_update_delete_counts_and_ids(pconn, items):
    cur = pconn.cursor(prepared=True)
    ins = f"INSERT INTO {items} (name, qty, price, seen, note, data) VALUES (?, ?, ?, ?, ?, ?)"
    cur.execute(ins, ("apple", 3, Decimal("1.50"), dt.datetime(2024, 5, 6, 7, 8, 9, 123000), "n", b"\x01"))
    assert cur.lastrowid == 1 and cur.rowcount == 1
    cur.execute(ins, ("pear", None, None, None, None, None))
    assert cur.lastrowid == 2
    cur.execute(f"UPDATE {items} SET qty = ? WHERE id >= ?", (10, 1))
    assert cur.rowcount == 2
    cur.execute(f"DELETE FROM {items} WHERE name = ?", ("pear",))
    assert cur.rowcount == 1
    cur.execute(f"SELECT id, name, qty, price, seen, note, data FROM {items} WHERE id = ?", (1,))
    row = cur.fetchone()
    assert row[:4] == (1, "apple", 10, Decimal("1.50"))
    assert row[4] == dt.datetime(2024, 5, 6, 7, 8, 9, 123000)
    assert row[5] == "n" and bytes(row[6]) == b"\x01"
    cur.close()


def test_none_parameters(pconn, items):
    cur = pconn.cursor(prepared=True)
    cur.execute(f"INSERT INTO {items} (name, qty, note) VALUES (?, ?, ?)", ("n1", None, None))
    cur.execute(f"SELECT qty, note, ? IS NULL, COALESCE(?, 'dflt') FROM {items}", (None, None))
    assert cur.fetchall() == [(None, None, 1, "dflt")]
    cur.close()


def test_re_execute_reuses_the_statement(pconn, items):
    cur = pconn.cursor(prepared=True)
    sql = f"INSERT INTO {items} (name, qty) VALUES (?, ?)"
    cur.execute(sql, ("a", 1))
    stmt_id = cur._prepared["statement_id"]
    for i in range(2, 30):
        cur.execute(sql, (f"a{i}", i))
    assert cur._prepared["statement_id"] == stmt_id, "the same SQL should reuse its prepared statement"
    sel = f"SELECT COUNT(*), SUM(qty) FROM {items} WHERE qty >= ?"
    for lo, expected in ((1, (29, Decimal(sum(range(1, 30))))), (20, (10, Decimal(sum(range(20, 30)))))):
        cur.execute(sel, (lo,))
        count, total = cur.fetchone()
        assert (count, Decimal(total)) == expected
    cur.close()


def test_executemany(pconn, items):
    cur = pconn.cursor(prepared=True)
    cur.executemany(f"INSERT INTO {items} (name, qty) VALUES (?, ?)", [(f"m{i}", i) for i in range(50)])
    cur.close()
    assert rows(pconn, f"SELECT COUNT(*), SUM(qty) FROM {items}") == [(50, Decimal(sum(range(50))))]


def test_many_prepared_statements(pconn, items):
    cursors = []
    try:
        for i in range(40):
            cur = pconn.cursor(prepared=True)
            cur.execute(f"SELECT ? + {i}, '{i}'", (1,))
            assert cur.fetchall() == [(1 + i, str(i))]
            cursors.append(cur)
        # Every statement is still usable after the others were prepared.
        for i, cur in enumerate(cursors):
            cur.execute(f"SELECT ? + {i}, '{i}'", (100,))
            assert cur.fetchall() == [(100 + i, str(i))]
    finally:
        for cur in cursors:
            cur.close()  # COM_STMT_CLOSE
    assert rows(pconn, "SELECT 'after close'") == [("after close",)]


def test_large_result_with_fetchmany(pconn, items):
    cur = pconn.cursor()
    cur.execute(f"INSERT INTO {items} (name, qty) VALUES " + ", ".join(f"('r{i}', {i})" for i in range(2000)))
    cur.close()
    cur = pconn.cursor(prepared=True)
    cur.execute(f"SELECT id, name, qty FROM {items} WHERE qty >= ? ORDER BY id", (0,))
    seen = 0
    while True:
        chunk = cur.fetchmany(300)
        if not chunk:
            break
        for row in chunk:
            assert row[1] == f"r{row[2]}"
        seen += len(chunk)
    assert seen == 2000
    cur.close()


@pytest.mark.parametrize("prepared", [True, False], ids=["binary", "text"])
def test_autocommit_reads_around_the_batch_size_arrive_whole(pconn, items, prepared):
    # The gateway runs an autocommit SELECT in one engine round trip when its result fits a batch
    # (engine.fetch-size, 1000 rows by default) and runs a longer one again to stream it: either way,
    # and again on a second execution, every row arrives once and in order.
    cur = pconn.cursor()
    cur.execute(f"INSERT INTO {items} (name, qty) VALUES " + ", ".join(f"('b{i}', {i})" for i in range(2500)))
    cur.close()
    cur = pconn.cursor(prepared=prepared)
    for limit in (1, 999, 1000, 1001, 2500, 2500, 3):
        if prepared:
            cur.execute(f"SELECT qty, name FROM {items} WHERE qty < ? ORDER BY qty", (limit,))
        else:
            cur.execute(f"SELECT qty, name FROM {items} WHERE qty < {limit} ORDER BY qty")
        assert cur.fetchall() == [(i, f"b{i}") for i in range(limit)], limit
    cur.close()


def test_column_definitions_follow_ddl_between_executes(my, pconn, items):
    """Executes of one prepared statement describe its columns as the table is now: the gateway
    keeps a statement's column definitions between executes, and DDL from another session must
    still show in the next one (MySQL re-prepares the statement after DDL)."""
    not_null = 1  # NOT_NULL_FLAG
    cur = pconn.cursor(prepared=True)
    cur.execute(f"INSERT INTO {items} (name, qty) VALUES (?, ?)", ("fig", 7))
    select = f"SELECT qty FROM {items} WHERE name = ?"
    for _ in range(3):
        cur.execute(select, ("fig",))
        assert cur.fetchall() == [(7,)]
        assert not cur.description[0][7] & not_null
    other = my.connector(autocommit=True)
    try:
        other.cursor().execute(f"ALTER TABLE {items} MODIFY qty INT UNSIGNED NOT NULL")
    finally:
        other.close()
    cur.execute(select, ("fig",))
    assert cur.fetchall() == [(7,)]
    assert cur.description[0][7] & not_null
    cur.close()


def test_error_then_reuse(pconn, items):
    cur = pconn.cursor(prepared=True)
    sql = f"INSERT INTO {items} (name) VALUES (?)"
    cur.execute(sql, ("dup",))
    with connector_error(1062, "23000"):
        cur.execute(sql, ("dup",))
    cur.execute(sql, ("other",))
    assert cur.rowcount == 1
    cur.close()


def test_prepare_errors(pconn):
    cur = pconn.cursor(prepared=True)
    with connector_error(1146, "42S02", "Table 'wgtest.wg_no_such_table' doesn't exist"):
        cur.execute("SELECT * FROM wg_no_such_table WHERE id = ?", (1,))
    with connector_error(1064, "42000"):
        cur.execute("SELEC ?", (1,))
    cur.close()
    assert rows(pconn, "SELECT 1") == [(1,)]


def test_prepare_inside_a_transaction_keeps_it_usable(my, items):
    # A failed prepare, and a parameter whose type nothing determines (the gateway's engine needs
    # retries for it), leave the open transaction as it was.
    c = my.connector(autocommit=False)
    try:
        text = c.cursor()
        text.execute(f"INSERT INTO {items} (name) VALUES ('before')")
        cur = c.cursor(prepared=True)
        with connector_error(1146, "42S02"):
            cur.execute("SELECT * FROM wg_no_such_table WHERE id = ?", (1,))
        cur.close()
        cur = c.cursor(prepared=True)
        cur.execute("SELECT ? IS NULL, ? IS NULL, COALESCE(?, 'x')", (None, 5, None))
        assert [tuple(r) for r in cur.fetchall()] == [(1, 0, "x")]
        cur.close()
        cur = c.cursor(prepared=True)
        cur.execute(f"INSERT INTO {items} (name, qty) VALUES (?, ?)", ("after", 3))
        cur.close()
        c.commit()
        text.execute(f"SELECT name FROM {items} ORDER BY id")
        assert text.fetchall() == [("before",), ("after",)]
        text.close()
    finally:
        c.close()


def test_number_bound_where_the_statement_wants_text(pconn, items):
    # The parameter's type comes from the column; the number is compared as text (as MySQL converts).
    cur = pconn.cursor(prepared=True)
    cur.execute(f"INSERT INTO {items} (name) VALUES (?)", (42,))
    cur.execute(f"SELECT name FROM {items} WHERE name = ?", ("42",))
    assert [tuple(r) for r in cur.fetchall()] == [("42",)]
    cur.execute(f"SELECT CONCAT(name, ?) FROM {items}", (7,))
    assert [tuple(r) for r in cur.fetchall()] == [("427",)]
    cur.close()


def test_prepared_and_text_results_agree(pconn, items):
    text = pconn.cursor()
    text.execute(f"INSERT INTO {items} (name, qty, price, seen, note) VALUES "
                 f"('x', 7, 99.99, '2030-12-31 23:59:59.999', 'txt'), ('y', NULL, NULL, NULL, NULL)")
    text.execute(f"SELECT name, qty, price, seen, note FROM {items} ORDER BY id")
    t_rows = text.fetchall()
    text.close()
    cur = pconn.cursor(prepared=True)
    cur.execute(f"SELECT name, qty, price, seen, note FROM {items} ORDER BY id")
    assert [tuple(r) for r in cur.fetchall()] == t_rows
    assert [d[0] for d in cur.description] == ["name", "qty", "price", "seen", "note"]
    cur.close()
