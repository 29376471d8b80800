"""Malformed traffic on the MySQL port. A real server answers with a specific error and either keeps
the session (unknown command, unknown statement id) or closes it (packets out of order, oversized
packet, bad handshake); either way a session opened before and a new one keep working."""
from __future__ import annotations

import os
import socket
import struct

import pytest

from harness.mywire import (COM_QUERY, COM_STMT_CLOSE, COM_STMT_EXECUTE, COM_STMT_FETCH, COM_STMT_RESET, MyError,
                            Ok, RawMyConnection, ResultSet, packets_in, parse_error)

CLOSE_TIMEOUT = 5.0


@pytest.fixture
def witness(my):
    """A healthy PyMySQL session opened before the bad traffic; it must keep working afterwards."""
    c = my.pymysql(autocommit=True)
    with c.cursor() as cur:
        cur.execute("SELECT CONNECTION_ID()")
    yield c
    try:
        with c.cursor() as cur:
            cur.execute("SELECT 'witness ok'")
            assert cur.fetchone() == ("witness ok",)
        fresh = my.pymysql()
        with fresh.cursor() as cur:
            cur.execute("SELECT 'fresh ok'")
            assert cur.fetchone() == ("fresh ok",)
        fresh.close()
    finally:
        c.close()


def login(t) -> RawMyConnection:
    r = RawMyConnection(t.host, t.port, timeout=CLOSE_TIMEOUT)
    r.login(t.user, t.password, "wgtest")
    return r


def expect_error(resp, errno: int, sqlstate: str, message: str | None = None) -> MyError:
    assert isinstance(resp, MyError), f"expected ERR {errno}, got {resp!r}"
    assert (resp.errno, resp.sqlstate) == (errno, sqlstate), resp
    if message is not None:
        assert resp.message == message, resp
    return resp


def assert_usable(r: RawMyConnection) -> None:
    resp = r.query("SELECT 6 * 7")
    assert isinstance(resp, ResultSet) and resp.rows == [[b"42"]], resp


def assert_closed_with(r: RawMyConnection, errno: int | None, sqlstate: str | None = None) -> None:
    """The server closes the connection, after sending nothing or (when errno is set) that ERR."""
    data, closed = r.read_until_closed(CLOSE_TIMEOUT)
    assert closed, f"server kept the connection open for {CLOSE_TIMEOUT} s; received {data[:200]!r}"
    if errno is None:
        return
    packets = packets_in(data)
    assert packets, f"expected ERR {errno} before the close, got {data[:200]!r}"
    e = parse_error(packets[0])
    assert e.errno == errno, e
    if sqlstate:
        assert e.sqlstate == sqlstate, e


def test_raw_client_sanity(my, witness):
    # Guards against vacuous passes: the raw client really logs in and runs queries.
    with login(my) as r:
        assert r.greeting.protocol == 10
        assert_usable(r)
        ok = r.query("SET @raw = 1")
        assert isinstance(ok, Ok), ok


def test_unknown_command_byte(my, witness):
    with login(my) as r:
        r.command(0xEE)
        expect_error(r.read_response(), 1047, "08S01", "Unknown command")
        assert_usable(r)


def test_empty_query(my, witness):
    with login(my) as r:
        r.command(COM_QUERY, b"")
        expect_error(r.read_response(), 1065, "42000", "Query was empty")
        assert_usable(r)


def test_execute_unknown_statement_id(my, witness):
    with login(my) as r:
        r.command(COM_STMT_EXECUTE, struct.pack("<IBI", 9999, 0, 1))
        expect_error(r.read_response(), 1243, "HY000",
                     "Unknown prepared statement handler (9999) given to mysqld_stmt_execute")
        assert_usable(r)


def test_reset_and_fetch_unknown_statement_id(my, witness):
    with login(my) as r:
        r.command(COM_STMT_RESET, struct.pack("<I", 4242))
        expect_error(r.read_response(), 1243, "HY000",
                     "Unknown prepared statement handler (4242) given to mysqld_stmt_reset")
        r.command(COM_STMT_FETCH, struct.pack("<II", 4243, 10))
        expect_error(r.read_response(), 1243, "HY000",
                     "Unknown prepared statement handler (4243) given to mysqld_stmt_fetch")
        assert_usable(r)


def test_close_unknown_statement_id_is_silent(my, witness):
    with login(my) as r:
        r.command(COM_STMT_CLOSE, struct.pack("<I", 777))  # COM_STMT_CLOSE has no response
        assert_usable(r)


def test_truncated_stmt_execute(my, witness):
    with login(my) as r:
        r.command(COM_STMT_EXECUTE, b"\x01")
        e = expect_error(r.read_response(), 1835, "HY000")
        assert e.message.startswith("Malformed communication packet"), e
        assert_usable(r)


def test_wrong_sequence_id(my, witness):
    with login(my) as r:
        r.command(COM_QUERY, b"SELECT 1", seq=5)
        assert_closed_with(r, 1156, "08S01")


def test_truncated_packet_then_eof(my, witness):
    with login(my) as r:
        r.send_raw(b"\x64\x00\x00\x00\x03SELECT")  # header says 100 bytes, 7 follow
        r.sock.shutdown(socket.SHUT_WR)
        assert_closed_with(r, None)


def test_oversized_packet(my_small_packet, witness):
    t = my_small_packet
    with login(t) as r:
        resp = r.query("SELECT LENGTH('" + "x" * 1_000_000 + "')")  # just under the 1 MiB limit
        assert resp.rows == [[b"1000000"]]
        try:
            r.command(COM_QUERY, b"SELECT '" + b"x" * (2 * 1024 * 1024) + b"'")
        except OSError:
            pass  # the server may close before reading it all
        assert_closed_with(r, 1153, "08S01")
    with login(t) as again:
        assert_usable(again)
        # The variable tells clients the limit.
        assert again.query("SELECT @@max_allowed_packet").rows == [[b"1048576"]]


def test_http_request_instead_of_handshake_response(my, witness):
    with RawMyConnection(my.host, my.port, timeout=CLOSE_TIMEOUT) as r:
        r.read_greeting()
        r.send_raw(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed
        for p in packets_in(data):
            assert p[:1] == b"\xff", data[:200]


def test_short_handshake_response(my, witness):
    with RawMyConnection(my.host, my.port, timeout=CLOSE_TIMEOUT) as r:
        r.read_greeting()
        r.send_packet(b"\x01\x02")
        assert_closed_with(r, 1043, "08S01")


def test_random_garbage_after_greeting(my, witness):
    with RawMyConnection(my.host, my.port, timeout=CLOSE_TIMEOUT) as r:
        r.read_greeting()
        try:
            r.send_raw(os.urandom(4096))
        except OSError:
            pass
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed, f"server kept the connection open; received {data[:200]!r}"


def test_quit_closes_without_reply(my, witness):
    with login(my) as r:
        r.command(0x01)
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed and data == b""


def test_many_bad_sessions_do_not_disturb_others(my, witness):
    for i in range(10):
        with login(my) as r:
            r.command(0xEE)
            expect_error(r.read_response(), 1047, "08S01")
            r.command(COM_QUERY, b"SELECT 1", seq=3)
            r.read_until_closed(CLOSE_TIMEOUT)


def test_abrupt_disconnects_release_their_sessions(my_isolated):
    # Clients that vanish without COM_QUIT (killed processes, network drops) must not keep server
    # resources: far more such sessions than the gateway's engine pool (4 here), then a new one works.
    t = my_isolated
    for i in range(12):
        r = login(t)
        assert_usable(r)
        r.close(quit=False)
    with login(t) as r:
        assert_usable(r)
    c = t.pymysql(read_timeout=10)
    try:
        with c.cursor() as cur:
            cur.execute("SELECT 'after abrupt disconnects'")
            assert cur.fetchone() == ("after abrupt disconnects",)
    finally:
        c.close()
