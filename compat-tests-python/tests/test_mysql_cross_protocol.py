"""One engine behind both protocols: what MySQL clients commit, PostgreSQL clients read at once (the
MySQL database `wgtest` is the PostgreSQL schema `wgtest`), and the reverse; uncommitted work is
invisible to the other side. Gateway targets only."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from harness.myassert import execute, rows, scalar

pytestmark = pytest.mark.gateway_only


@pytest.fixture
def pg(my):
    c = my.pg.connect()
    c.autocommit = True
    try:
        yield c
    finally:
        c.close()


def pg_rows(c, sql, params=None):
    with c.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


@pytest.fixture
def shared(myconn, my_table):
    execute(myconn, f"CREATE TABLE {my_table} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                    f"flag TINYINT(1) DEFAULT 0, amount DECIMAL(8,2), at DATETIME(3), doc JSON)")
    return my_table


def test_mysql_commit_is_visible_to_postgres_at_once(my, shared, pg):
    c = my.pymysql()
    try:
        execute(c, f"INSERT INTO {shared} (name, flag, amount, at, doc) VALUES "
                   f"('from mysql', 1, 12.50, '2024-05-06 07:08:09.123', '{{\"k\": [1, 2]}}')")
        assert pg_rows(pg, f"SELECT count(*) FROM wgtest.{shared}") == [(0,)]  # not committed yet
        c.commit()
    finally:
        c.close()
    assert pg_rows(pg, f"SELECT id, name, flag, amount, at, doc FROM wgtest.{shared}") == \
        [(1, "from mysql", 1, Decimal("12.50"), dt.datetime(2024, 5, 6, 7, 8, 9, 123000), {"k": [1, 2]})]


def test_postgres_commit_is_visible_to_mysql_at_once(my, shared, pg):
    tx = my.pg.connect()
    try:
        with tx.cursor() as cur:
            cur.execute(f"INSERT INTO wgtest.{shared} (name, amount) VALUES (%s, %s)", ("from pg", Decimal("3.25")))
        m = my.pymysql(autocommit=True)
        try:
            assert scalar(m, f"SELECT COUNT(*) FROM {shared}") == 0  # uncommitted on the PostgreSQL side
            tx.commit()
            assert rows(m, f"SELECT name, amount, flag FROM {shared}") == [("from pg", Decimal("3.25"), 0)]
        finally:
            m.close()
    finally:
        tx.close()


def test_uncommitted_mysql_row_is_invisible_then_rolled_back(my, shared, pg):
    c = my.pymysql()
    try:
        execute(c, "START TRANSACTION")
        execute(c, f"INSERT INTO {shared} (name) VALUES ('never')")
        assert pg_rows(pg, f"SELECT count(*) FROM wgtest.{shared}") == [(0,)]
        c.rollback()
    finally:
        c.close()
    assert pg_rows(pg, f"SELECT count(*) FROM wgtest.{shared}") == [(0,)]


def test_postgres_table_seen_by_mysql(my, pg, my_table):
    with pg.cursor() as cur:
        cur.execute(f"CREATE TABLE wgtest.{my_table} (id integer PRIMARY KEY, label text NOT NULL, "
                    f"made timestamp(0) without time zone)")
        cur.execute(f"INSERT INTO wgtest.{my_table} VALUES (1, 'pg row', '2024-01-02 03:04:05')")
    m = my.pymysql(autocommit=True)
    try:
        assert my_table in {r[0] for r in rows(m, "SHOW TABLES")}
        cols = rows(m, f"SHOW COLUMNS FROM {my_table}")
        assert [(c[0], c[1], c[2], c[3]) for c in cols] == [("id", "int", "NO", "PRI"), ("label", "text", "NO", ""),
                                                          ("made", "datetime", "YES", "")]
        assert rows(m, f"SELECT id, label, made FROM {my_table.upper()}") == \
            [(1, "pg row", dt.datetime(2024, 1, 2, 3, 4, 5))]
        execute(m, f"UPDATE {my_table} SET label = 'changed by mysql' WHERE id = 1")
    finally:
        m.close()
    assert pg_rows(pg, f"SELECT label FROM wgtest.{my_table}") == [("changed by mysql",)]


def test_mysql_databases_are_postgres_schemas(my, pg):
    schemas = {r[0] for r in pg_rows(pg, "SELECT nspname FROM pg_namespace")}
    m = my.pymysql(autocommit=True)
    try:
        dbs = {r[0] for r in rows(m, "SHOW DATABASES")}
    finally:
        m.close()
    assert {"wgtest", "wgother"} <= dbs
    assert dbs - {"information_schema"} <= schemas
    assert not any(d.startswith("pg_") for d in dbs)
