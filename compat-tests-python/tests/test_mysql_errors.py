"""MySQL error numbers, SQLSTATEs and message texts for the errors applications handle, including
lock wait timeout (1205) and deadlock (1213) with two sessions.

Each case states MySQL 8's message; where MariaDB 10.11 words it differently the MariaDB text is
given too and used only on mysql-direct (the gateway must produce MySQL 8's).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import pytest

from harness.myassert import connector_error, execute, rows, scalar, syntax_error_message


@dataclass
class ErrCase:
    id: str
    sql: str
    errno: int
    sqlstate: str
    message: str           # MySQL 8.0
    mariadb: str | None = None  # MariaDB 10.11, when it differs
    mariadb_sqlstate: str | None = None


def cases(t: str) -> list[ErrCase]:
    return [
        ErrCase("dup_primary", f"INSERT INTO {t} VALUES (1, 'b', 1)", 1062, "23000",
                f"Duplicate entry '1' for key '{t}.PRIMARY'", "Duplicate entry '1' for key 'PRIMARY'"),
        ErrCase("dup_unique", f"INSERT INTO {t} VALUES (3, 'a', 1)", 1062, "23000",
                f"Duplicate entry 'a' for key '{t}.k'", "Duplicate entry 'a' for key 'k'"),
        ErrCase("dup_update", f"UPDATE {t} SET k = 'a' WHERE id = 2", 1062, "23000",
                f"Duplicate entry 'a' for key '{t}.k'", "Duplicate entry 'a' for key 'k'"),
        ErrCase("fk_child", f"INSERT INTO {t}_child VALUES (2, 99)", 1452, "23000",
                f"Cannot add or update a child row: a foreign key constraint fails (`wgtest`.`{t}_child`, "
                f"CONSTRAINT `fk_{t[-8:]}` FOREIGN KEY (`pid`) REFERENCES `{t}` (`id`))"),
        ErrCase("fk_parent_delete", f"DELETE FROM {t} WHERE id = 1", 1451, "23000",
                f"Cannot delete or update a parent row: a foreign key constraint fails (`wgtest`.`{t}_child`, "
                f"CONSTRAINT `fk_{t[-8:]}` FOREIGN KEY (`pid`) REFERENCES `{t}` (`id`))"),
        ErrCase("fk_parent_update", f"UPDATE {t} SET id = 5 WHERE id = 1", 1451, "23000",
                f"Cannot delete or update a parent row: a foreign key constraint fails (`wgtest`.`{t}_child`, "
                f"CONSTRAINT `fk_{t[-8:]}` FOREIGN KEY (`pid`) REFERENCES `{t}` (`id`))"),
        ErrCase("not_null", f"INSERT INTO {t} VALUES (3, NULL, 1)", 1048, "23000", "Column 'k' cannot be null"),
        ErrCase("too_long", f"INSERT INTO {t} VALUES (3, 'toolong', 1)", 1406, "22001",
                "Data too long for column 'k' at row 1"),
        ErrCase("bad_integer", f"INSERT INTO {t} VALUES (3, 'x', 'abc')", 1366, "HY000",
                "Incorrect integer value: 'abc' for column 'n' at row 1",
                f"Incorrect integer value: 'abc' for column `wgtest`.`{t}`.`n` at row 1", "22007"),
        ErrCase("division_by_zero", f"INSERT INTO {t} VALUES (3, 'x', 1/0)", 1365, "22012", "Division by 0"),
        ErrCase("no_such_table", "SELECT * FROM wg_no_such_table", 1146, "42S02",
                "Table 'wgtest.wg_no_such_table' doesn't exist"),
        ErrCase("no_such_table_qualified", "SELECT * FROM wgother.wg_no_such_table", 1146, "42S02",
                "Table 'wgother.wg_no_such_table' doesn't exist"),
        ErrCase("drop_unknown_table", "DROP TABLE wg_no_such_table", 1051, "42S02",
                "Unknown table 'wgtest.wg_no_such_table'"),
        ErrCase("table_exists", f"CREATE TABLE {t} (id INT)", 1050, "42S01", f"Table '{t}' already exists"),
        ErrCase("unknown_column_select", f"SELECT nope FROM {t}", 1054, "42S22",
                "Unknown column 'nope' in 'field list'", "Unknown column 'nope' in 'SELECT'"),
        ErrCase("unknown_column_where", f"SELECT * FROM {t} WHERE nope = 1", 1054, "42S22",
                "Unknown column 'nope' in 'where clause'", "Unknown column 'nope' in 'WHERE'"),
        ErrCase("unknown_column_insert", f"INSERT INTO {t} (id, nope) VALUES (1, 2)", 1054, "42S22",
                "Unknown column 'nope' in 'field list'", "Unknown column 'nope' in 'INSERT INTO'"),
        ErrCase("ambiguous_column", f"SELECT id FROM {t}, {t}_child", 1052, "23000",
                "Column 'id' in field list is ambiguous", "Column 'id' in SELECT is ambiguous"),
        ErrCase("column_count", f"INSERT INTO {t} (id, k) VALUES (4, 'q', 5)", 1136, "21S01",
                "Column count doesn't match value count at row 1"),
        ErrCase("duplicate_column", f"ALTER TABLE {t} ADD COLUMN n INT", 1060, "42S21", "Duplicate column name 'n'"),
        ErrCase("unknown_database", "SELECT * FROM wg_no_such_db.t", 1146, "42S02",
                "Table 'wg_no_such_db.t' doesn't exist"),
    ]


CASE_IDS = [c.id for c in cases("t")]


@pytest.fixture
def err_tables(myconn, my_table):
    with myconn.cursor() as cur:
        cur.execute(f"CREATE TABLE {my_table} (id INT PRIMARY KEY, k VARCHAR(5) NOT NULL UNIQUE, n INT)")
        cur.execute(f"CREATE TABLE {my_table}_child (id INT PRIMARY KEY, pid INT, CONSTRAINT fk_{my_table[-8:]} "
                    f"FOREIGN KEY (pid) REFERENCES {my_table} (id))")
        cur.execute(f"INSERT INTO {my_table} VALUES (1, 'a', 1), (2, 'b', 2)")
        cur.execute(f"INSERT INTO {my_table}_child VALUES (1, 1)")
    return my_table


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_error(my, err_tables, case_id):
    case = next(c for c in cases(err_tables) if c.id == case_id)
    message = case.mariadb if (my.is_mariadb and case.mariadb) else case.message
    sqlstate = case.mariadb_sqlstate if (my.is_mariadb and case.mariadb_sqlstate) else case.sqlstate
    c = my.connector(autocommit=True)
    try:
        cur = c.cursor()
        with connector_error(case.errno, sqlstate, message):
            cur.execute(case.sql)
        # The session goes on.
        cur.execute("SELECT 1")
        assert cur.fetchall() == [(1,)]
        cur.close()
    finally:
        c.close()


def test_syntax_errors(my):
    c = my.connector(autocommit=True)
    try:
        cur = c.cursor()
        for sql, near in (("SELEC 1", "SELEC 1"), ("SELECT * FROM", ""), ("SELECT 1 +", ""),
                          ("INSERT INTO t VALUES (1,", "")):
            with connector_error(1064, "42000", syntax_error_message(my, near)):
                cur.execute(sql)
        with connector_error(1064, "42000", syntax_error_message(my, "WHERE\nx", line=2)):
            cur.execute("SELECT 1\nFROM WHERE\nx")
        cur.close()
    finally:
        c.close()


def test_data_too_long_is_a_warning_without_strict_mode(myconn, my_table):
    with myconn.cursor() as cur:
        cur.execute("SET SESSION sql_mode = ''")
        cur.execute(f"CREATE TABLE {my_table} (k VARCHAR(3))")
        assert cur.execute(f"INSERT INTO {my_table} VALUES ('abcdef')") == 1
        cur.execute("SHOW WARNINGS")
        assert cur.fetchall() == (("Warning", 1265, "Data truncated for column 'k' at row 1"),)
        cur.execute(f"SELECT k FROM {my_table}")
        assert cur.fetchall() == (("abc",),)


# --------------------------------------------------------------------------- locks

@pytest.fixture
def lock_table(myconn, my_table):
    with myconn.cursor() as cur:
        cur.execute(f"CREATE TABLE {my_table} (id INT PRIMARY KEY, n INT) ENGINE=InnoDB")
        cur.execute(f"INSERT INTO {my_table} VALUES (1, 0), (2, 0)")
    return my_table


def test_lock_wait_timeout(my, lock_table):
    a, b = my.connector(), my.connector()
    try:
        ca, cb = a.cursor(), b.cursor()
        ca.execute("START TRANSACTION")
        ca.execute(f"UPDATE {lock_table} SET n = 1 WHERE id = 1")
        cb.execute("SET SESSION innodb_lock_wait_timeout = 1")
        cb.execute("START TRANSACTION")
        cb.execute(f"UPDATE {lock_table} SET n = 2 WHERE id = 2")  # B's own work before the wait
        started = time.monotonic()
        with connector_error(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction"):
            cb.execute(f"UPDATE {lock_table} SET n = 2 WHERE id = 1")
        assert time.monotonic() - started < 10
        # Only the statement is rolled back (innodb_rollback_on_timeout=OFF): B's transaction goes on.
        cb.execute(f"SELECT n FROM {lock_table} WHERE id = 2")
        assert cb.fetchall() == [(2,)]
        b.commit()
        a.commit()
        assert rows(a, f"SELECT id, n FROM {lock_table} ORDER BY id") == [(1, 1), (2, 2)]
    finally:
        a.close()
        b.close()


def test_deadlock(my, lock_table):
    a, b = my.connector(), my.connector()
    errors: list = []
    try:
        ca, cb = a.cursor(), b.cursor()
        for cur in (ca, cb):
            cur.execute("SET SESSION innodb_lock_wait_timeout = 20")
            cur.execute("START TRANSACTION")
        ca.execute(f"UPDATE {lock_table} SET n = 1 WHERE id = 1")
        cb.execute(f"UPDATE {lock_table} SET n = 2 WHERE id = 2")

        def a_wants_row_2():
            try:
                ca.execute(f"UPDATE {lock_table} SET n = 1 WHERE id = 2")
            except Exception as e:  # noqa: BLE001 - inspected below
                errors.append(("a", e))

        t = threading.Thread(target=a_wants_row_2, daemon=True)
        t.start()
        time.sleep(1.0)  # A is now waiting for B's row lock
        try:
            cb.execute(f"UPDATE {lock_table} SET n = 2 WHERE id = 1")
        except Exception as e:  # noqa: BLE001
            errors.append(("b", e))
        t.join(30)
        assert not t.is_alive(), "the deadlock was not resolved"
        assert len(errors) == 1, errors
        who, e = errors[0]
        assert (e.errno, e.sqlstate, e.msg) == (1213, "40001",
                                                "Deadlock found when trying to get lock; try restarting transaction")
        # The victim's whole transaction was rolled back; the survivor commits both rows.
        survivor = b if who == "a" else a
        survivor.commit()
        (a if who == "a" else b).rollback()
        expected = [(1, 2), (2, 2)] if who == "a" else [(1, 1), (2, 1)]
        assert rows(survivor, f"SELECT id, n FROM {lock_table} ORDER BY id") == expected
    finally:
        a.close()
        b.close()
