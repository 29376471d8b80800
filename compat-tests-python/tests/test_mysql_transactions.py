"""Transactions with MySQL semantics: autocommit on/off, BEGIN / START TRANSACTION / COMMIT /
ROLLBACK, savepoints, isolation levels, the in-transaction status flag, and a failing statement
that leaves the transaction (and its earlier work) intact."""
from __future__ import annotations

import pytest
from pymysql.constants import SERVER_STATUS

from harness.myassert import connector_error, execute, pymysql_error, rows, scalar


@pytest.fixture
def tx_table(myconn, my_table):
    execute(myconn, f"CREATE TABLE {my_table} (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=InnoDB")
    return my_table


@pytest.fixture
def observer(my):
    """A second session (autocommit) that looks at committed data."""
    c = my.pymysql(autocommit=True)
    try:
        yield c
    finally:
        c.close()


def count(conn, table) -> int:
    return scalar(conn, f"SELECT COUNT(*) FROM {table}")


def test_autocommit_off_commit_and_rollback(my, tx_table, observer):
    c = my.pymysql()  # PyMySQL's default: SET AUTOCOMMIT = 0
    try:
        assert scalar(c, "SELECT @@autocommit") == 0
        execute(c, f"INSERT INTO {tx_table} VALUES (1, 'one')")
        assert count(c, tx_table) == 1
        assert count(observer, tx_table) == 0
        c.commit()
        assert count(observer, tx_table) == 1
        execute(c, f"INSERT INTO {tx_table} VALUES (2, 'two')")
        c.rollback()
        assert count(c, tx_table) == 1
        assert count(observer, tx_table) == 1
    finally:
        c.close()


def test_uncommitted_work_is_rolled_back_at_disconnect(my, tx_table, observer):
    c = my.pymysql()
    execute(c, f"INSERT INTO {tx_table} VALUES (1, 'lost')")
    c.close()
    assert count(observer, tx_table) == 0


@pytest.mark.parametrize("begin", ["BEGIN", "START TRANSACTION", "BEGIN WORK", "START TRANSACTION READ WRITE"])
def test_explicit_transaction_in_autocommit_mode(myconn, tx_table, observer, begin):
    execute(myconn, begin)
    execute(myconn, f"INSERT INTO {tx_table} VALUES (1, 'a')")
    assert count(observer, tx_table) == 0
    execute(myconn, "COMMIT")
    assert count(observer, tx_table) == 1
    execute(myconn, begin)
    execute(myconn, f"DELETE FROM {tx_table}")
    execute(myconn, "ROLLBACK")
    assert count(myconn, tx_table) == 1
    # Back in autocommit mode after COMMIT/ROLLBACK.
    execute(myconn, f"INSERT INTO {tx_table} VALUES (2, 'b')")
    assert count(observer, tx_table) == 2


def test_server_status_flags(my, tx_table):
    c = my.pymysql(autocommit=True)
    try:
        execute(c, "SELECT 1")
        assert c.server_status & SERVER_STATUS.SERVER_STATUS_AUTOCOMMIT
        assert not c.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS
        execute(c, "START TRANSACTION")
        assert c.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS
        execute(c, f"INSERT INTO {tx_table} VALUES (1, 'x')")
        assert c.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS
        execute(c, "COMMIT")
        assert not c.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS
        c.autocommit(False)
        execute(c, "SELECT 1")
        assert not c.server_status & SERVER_STATUS.SERVER_STATUS_AUTOCOMMIT
        execute(c, f"INSERT INTO {tx_table} VALUES (2, 'y')")
        assert c.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS
        c.rollback()
        assert not c.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS
    finally:
        c.close()


def test_savepoints(myconn, tx_table, observer):
    execute(myconn, "START TRANSACTION")
    execute(myconn, f"INSERT INTO {tx_table} VALUES (1, 'kept')")
    execute(myconn, "SAVEPOINT s1")
    execute(myconn, f"INSERT INTO {tx_table} VALUES (2, 'undone')")
    execute(myconn, "SAVEPOINT s2")
    execute(myconn, f"INSERT INTO {tx_table} VALUES (3, 'undone too')")
    execute(myconn, "ROLLBACK TO SAVEPOINT s1")
    assert rows(myconn, f"SELECT id FROM {tx_table}") == [(1,)]
    execute(myconn, f"INSERT INTO {tx_table} VALUES (4, 'after')")
    execute(myconn, "SAVEPOINT s3")
    execute(myconn, f"INSERT INTO {tx_table} VALUES (5, 'released')")
    execute(myconn, "RELEASE SAVEPOINT s3")
    execute(myconn, "ROLLBACK TO s1")  # the SAVEPOINT keyword is optional
    execute(myconn, f"INSERT INTO {tx_table} VALUES (6, 'last')")
    execute(myconn, "COMMIT")
    assert rows(observer, f"SELECT id FROM {tx_table} ORDER BY id") == [(1,), (6,)]


def test_savepoint_errors(my):
    c = my.connector(autocommit=True)
    try:
        cur = c.cursor()
        cur.execute("START TRANSACTION")
        cur.execute("SAVEPOINT a")
        cur.execute("RELEASE SAVEPOINT a")
        with connector_error(1305, "42000", "SAVEPOINT a does not exist"):
            cur.execute("ROLLBACK TO SAVEPOINT a")
        with connector_error(1305, "42000", "SAVEPOINT nope does not exist"):
            cur.execute("RELEASE SAVEPOINT nope")
        cur.execute("COMMIT")
        cur.close()
    finally:
        c.close()


def test_failing_statement_keeps_the_transaction(my, tx_table, observer):
    # MySQL: a failed statement is rolled back alone; the transaction and its earlier work stay.
    c = my.pymysql()
    try:
        execute(c, f"INSERT INTO {tx_table} VALUES (1, 'first')")
        with pymysql_error(1062):
            execute(c, f"INSERT INTO {tx_table} VALUES (1, 'duplicate')")
        with pymysql_error(1146):
            execute(c, "SELECT * FROM wg_no_such_table")
        with pymysql_error(1146):  # the gateway's existence check runs ahead of the SHOW
            execute(c, "SHOW COLUMNS FROM wg_no_such_table")
        with pymysql_error(1064):
            execute(c, "SELEC 1")
        with pymysql_error(1406):
            execute(c, f"INSERT INTO {tx_table} VALUES (9, 'far too long for twenty chars')")
        execute(c, f"INSERT INTO {tx_table} VALUES (2, 'second')")
        assert rows(c, f"SELECT id FROM {tx_table} ORDER BY id") == [(1,), (2,)]
        assert count(observer, tx_table) == 0
        c.commit()
        assert rows(observer, f"SELECT id, v FROM {tx_table} ORDER BY id") == [(1, "first"), (2, "second")]
    finally:
        c.close()


def test_result_failing_after_its_first_rows_keeps_the_transaction(my, my_table):
    """A SELECT whose error comes after more rows than the gateway fetches at once (1,000) fails
    alone, like any statement: the transaction and its earlier work stay. (Server-side prepared:
    MySqlConnectorJCompatibilityTest; mysql-connector's pure-Python prepared cursor waits forever
    on an error that follows binary rows, with MariaDB too.)"""
    import mysql.connector

    setup = my.connector(autocommit=True)
    try:
        cur = setup.cursor()
        cur.execute(f"CREATE TABLE {my_table} (id INT PRIMARY KEY)")
        cur.execute(f"INSERT INTO {my_table} VALUES " + ", ".join(f"({i})" for i in range(1, 2501)))
    finally:
        setup.close()
    c = my.connector(autocommit=False)
    try:
        cur = c.cursor()
        cur.execute(f"INSERT INTO {my_table} VALUES (9999)")
        # The subquery returns two rows from id 1501 on: an error (1242) after 1,500 good rows.
        with pytest.raises(mysql.connector.Error) as failed:
            cur.execute(f"SELECT t.id, (SELECT x.id FROM {my_table} x WHERE x.id <= t.id - 1499) "
                        f"FROM {my_table} t ORDER BY t.id")
            cur.fetchall()
        assert failed.value.errno == 1242
        cur = c.cursor()
        cur.execute(f"SELECT COUNT(*) FROM {my_table}")
        assert cur.fetchall() == [(2501,)]
        c.rollback()
        cur.execute(f"SELECT COUNT(*) FROM {my_table}")
        assert cur.fetchall() == [(2500,)]
    finally:
        c.close()


def test_failing_multi_row_statement_is_undone_as_a_whole(myconn, tx_table):
    execute(myconn, "START TRANSACTION")
    execute(myconn, f"INSERT INTO {tx_table} VALUES (1, 'a')")
    with pymysql_error(1062):
        execute(myconn, f"INSERT INTO {tx_table} VALUES (2, 'b'), (3, 'c'), (1, 'dup')")
    execute(myconn, "COMMIT")
    assert rows(myconn, f"SELECT id FROM {tx_table}") == [(1,)]


def test_failing_statement_in_explicit_transaction_then_rollback(myconn, tx_table):
    execute(myconn, "BEGIN")
    execute(myconn, f"INSERT INTO {tx_table} VALUES (1, 'a')")
    with pymysql_error(1062):
        execute(myconn, f"INSERT INTO {tx_table} VALUES (1, 'a')")
    execute(myconn, "ROLLBACK")
    assert count(myconn, tx_table) == 0


def test_isolation_level_statements(myconn):
    with myconn.cursor() as cur:
        cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
        cur.execute("SELECT @@tx_isolation")
        assert cur.fetchone() == ("READ-COMMITTED",)
        cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        cur.execute("SELECT @@session.tx_isolation")
        assert cur.fetchone() == ("SERIALIZABLE",)
        cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED")
        cur.execute("SELECT @@tx_isolation")
        assert cur.fetchone() == ("READ-UNCOMMITTED",)
        # Next transaction only: the session level comes back after it.
        cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cur.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        cur.execute("START TRANSACTION")
        cur.execute("COMMIT")
        cur.execute("SELECT @@tx_isolation")
        assert cur.fetchone() == ("REPEATABLE-READ",)
        cur.execute("SET SESSION TRANSACTION READ ONLY")
        cur.execute("SET SESSION TRANSACTION READ WRITE")


@pytest.mark.mysql8_only
def test_transaction_isolation_variable(myconn):
    with myconn.cursor() as cur:
        cur.execute("SET SESSION transaction_isolation = 'READ-COMMITTED'")
        cur.execute("SELECT @@transaction_isolation, @@session.transaction_isolation")
        assert cur.fetchone() == ("READ-COMMITTED", "READ-COMMITTED")
        cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        cur.execute("SELECT @@transaction_isolation")
        assert cur.fetchone() == ("SERIALIZABLE",)


@pytest.mark.parametrize("level,sees_new_row", [("REPEATABLE READ", False), ("READ COMMITTED", True)])
def test_isolation_level_behaviour(my, tx_table, observer, level, sees_new_row):
    execute(observer, f"INSERT INTO {tx_table} VALUES (1, 'before')")
    c = my.pymysql(autocommit=True)
    try:
        execute(c, f"SET SESSION TRANSACTION ISOLATION LEVEL {level}")
        execute(c, "START TRANSACTION")
        assert count(c, tx_table) == 1  # the snapshot (REPEATABLE READ) starts here
        execute(observer, f"INSERT INTO {tx_table} VALUES (2, 'during')")
        assert count(c, tx_table) == (2 if sees_new_row else 1)
        execute(c, "COMMIT")
        assert count(c, tx_table) == 2
    finally:
        c.close()


def test_read_only_transaction(my, tx_table):
    c = my.connector(autocommit=True)
    try:
        cur = c.cursor()
        cur.execute("START TRANSACTION READ ONLY")
        cur.execute(f"SELECT COUNT(*) FROM {tx_table}")
        assert cur.fetchall() == [(0,)]
        msg = "Cannot execute statement in a READ ONLY transaction" + ("" if my.is_mariadb else ".")
        with connector_error(1792, "25006", msg):
            cur.execute(f"INSERT INTO {tx_table} VALUES (1, 'x')")
        cur.execute("ROLLBACK")
        cur.execute(f"INSERT INTO {tx_table} VALUES (1, 'x')")
        cur.close()
    finally:
        c.close()


def test_ddl_commits_implicitly(my, tx_table, observer, my_table):
    # MySQL commits the open transaction before (and after) DDL such as CREATE TABLE.
    c = my.pymysql()
    try:
        execute(c, f"INSERT INTO {tx_table} VALUES (1, 'before ddl')")
        execute(c, f"CREATE TABLE {my_table}_child (id INT)")
        assert count(observer, tx_table) == 1
        c.rollback()
        assert count(observer, tx_table) == 1
    finally:
        c.close()


def test_pymysql_begin_commit_api(my, tx_table, observer):
    c = my.pymysql(autocommit=True)
    try:
        c.begin()
        execute(c, f"INSERT INTO {tx_table} VALUES (1, 'x')")
        assert count(observer, tx_table) == 0
        c.commit()
        assert count(observer, tx_table) == 1
    finally:
        c.close()


def test_connector_transactions(my, tx_table, observer):
    c = my.connector()  # mysql-connector's default: autocommit off
    try:
        cur = c.cursor()
        c.start_transaction(isolation_level="READ COMMITTED")
        assert c.in_transaction
        cur.execute(f"INSERT INTO {tx_table} VALUES (1, 'x')")
        c.rollback()
        assert not c.in_transaction
        cur.execute(f"INSERT INTO {tx_table} VALUES (2, 'y')")
        c.commit()
        cur.close()
        assert rows(observer, f"SELECT id FROM {tx_table}") == [(2,)]
    finally:
        c.close()
