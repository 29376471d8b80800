"""Assertion helpers shared by the MySQL tests."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from .mytarget import MyTarget


def server_word(my: MyTarget) -> str:
    """The product name MySQL puts in syntax error messages ("... your MySQL server version ...").
    MariaDB says MariaDB; the gateway must say MySQL, as MySQL 8 does."""
    return "MariaDB" if my.is_mariadb else "MySQL"


def syntax_error_message(my: MyTarget, near: str, line: int = 1) -> str:
    return (f"You have an error in your SQL syntax; check the manual that corresponds to your "
            f"{server_word(my)} server version for the right syntax to use near '{near}' at line {line}")


ACCESS_DENIED = re.compile(r"Access denied for user '(?P<user>[^']*)'@'(?P<host>[^']*)' "
                           r"\(using password: (?P<pw>YES|NO)\)")


@contextmanager
def connector_error(errno: int, sqlstate: str | None = None, message: str | re.Pattern | None = None):
    """Expect a mysql-connector-python error with this errno (and SQLSTATE, and message: exact
    string or compiled pattern that must match the whole message). Yields a holder whose .err
    is the exception."""
    import mysql.connector

    class Holder:
        err = None

    h = Holder()
    with pytest.raises(mysql.connector.Error) as ei:
        yield h
    e = ei.value
    h.err = e
    assert e.errno == errno, f"errno {e.errno} ({e.sqlstate}): {e.msg!r}; expected {errno}"
    if sqlstate is not None:
        assert e.sqlstate == sqlstate, f"SQLSTATE {e.sqlstate} for {e.errno}: {e.msg!r}; expected {sqlstate}"
    if message is not None:
        if isinstance(message, re.Pattern):
            assert message.fullmatch(e.msg), f"message {e.msg!r} does not match {message.pattern!r}"
        else:
            assert e.msg == message, f"message {e.msg!r}, expected {message!r}"


@contextmanager
def pymysql_error(errno: int, message: str | re.Pattern | None = None):
    """Expect a PyMySQL error with this errno (PyMySQL does not keep the SQLSTATE)."""
    import pymysql

    with pytest.raises(pymysql.MySQLError) as ei:
        yield ei
    code, msg = ei.value.args[0], ei.value.args[1]
    assert code == errno, f"errno {code}: {msg!r}; expected {errno}"
    if message is not None:
        if isinstance(message, re.Pattern):
            assert message.fullmatch(msg), f"message {msg!r} does not match {message.pattern!r}"
        else:
            assert msg == message, f"message {msg!r}, expected {message!r}"


def scalar(conn, sql: str, params=None):
    """First column of the first row (PyMySQL or mysql-connector connection)."""
    cur = conn.cursor()
    try:
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        row = cur.fetchone()
        cur.fetchall()
        return None if row is None else row[0]
    finally:
        cur.close()


def rows(conn, sql: str, params=None) -> list[tuple]:
    cur = conn.cursor()
    try:
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        return [tuple(r) for r in cur.fetchall()]
    finally:
        cur.close()


def execute(conn, sql: str, params=None) -> int:
    """Run one statement; returns the cursor's rowcount."""
    cur = conn.cursor()
    try:
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        if cur.description:
            cur.fetchall()
        return cur.rowcount
    finally:
        cur.close()
