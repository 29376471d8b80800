"""Malformed traffic on the PostgreSQL port: the offending connection is closed (with an
ErrorResponse where the protocol has a place for one), and other sessions are unaffected."""
from __future__ import annotations

import os
import socket
import ssl
import struct

import psycopg2
import pytest

from harness import pgwire
from harness.pgwire import RawConnection, message, parse_error_fields, startup_packet

CLOSE_TIMEOUT = 10.0


@pytest.fixture
def witness(target):
    """A healthy session opened before the bad traffic; it must keep working afterwards."""
    c = target.connect()
    c.autocommit = True
    with c.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
    yield c
    try:
        with c.cursor() as cur:
            cur.execute("SELECT 'witness ok'")
            assert cur.fetchone()[0] == "witness ok"
        fresh = target.connect()
        with fresh.cursor() as cur:
            cur.execute("SELECT 'fresh ok'")
            assert cur.fetchone()[0] == "fresh ok"
        fresh.close()
    finally:
        c.close()


def raw(target) -> RawConnection:
    return RawConnection(target.host, target.port, timeout=CLOSE_TIMEOUT)


def login(target) -> RawConnection:
    r = raw(target)
    after = r.login(target.user, target.password, target.dbname)
    assert after[-1] == (b"Z", b"I")
    return r


def first_error(data: bytes) -> dict[str, str] | None:
    """The fields of the first ErrorResponse in data, or None if data holds no complete one."""
    i = 0
    while i + 5 <= len(data):
        kind = data[i:i + 1]
        (length,) = struct.unpack("!I", data[i + 1:i + 5])
        if i + 1 + length > len(data):
            return None
        if kind == b"E":
            return parse_error_fields(data[i + 5:i + 1 + length])
        i += 1 + length
    return None


def assert_closed_maybe_error(r: RawConnection, allowed_codes=("08P01",)) -> None:
    data, closed = r.read_until_closed(CLOSE_TIMEOUT)
    assert closed, f"server kept the connection open for {CLOSE_TIMEOUT} s; received {data[:200]!r}"
    if data:
        assert data[:1] == b"E", f"expected nothing or an ErrorResponse before close, got {data[:200]!r}"
        fields = first_error(data)
        assert fields is not None, f"truncated ErrorResponse {data[:200]!r}"
        assert fields.get("S") == "FATAL", fields
        assert fields.get("C") in allowed_codes, fields


def test_raw_client_sanity(target, witness):
    # The raw client used below really logs in and runs a query (guards against vacuous passes).
    with login(target) as r:
        msgs = r.simple_query("SELECT 6 * 7")
        kinds = [k for k, _ in msgs]
        assert kinds == [b"T", b"D", b"C", b"Z"], msgs
        assert msgs[1][1].endswith(b"42")
        assert msgs[2][1] == b"SELECT 1\0"


def test_empty_query_response_on_the_wire(target):
    with login(target) as r:
        msgs = r.simple_query("")
        assert [k for k, _ in msgs] == [b"I", b"Z"], msgs
        msgs = r.simple_query(";")
        assert [k for k, _ in msgs] == [b"I", b"Z"], msgs


def test_http_request_instead_of_startup(target, witness):
    with raw(target) as r:
        r.send(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert_closed_maybe_error(r)


def test_random_garbage_instead_of_startup(target, witness):
    with raw(target) as r:
        r.send(os.urandom(4096))
        assert_closed_maybe_error(r)


def test_truncated_startup_packet(target, witness):
    with raw(target) as r:
        packet = startup_packet({"user": target.user, "database": target.dbname})
        r.send(packet[: len(packet) - 7])
        r.sock.shutdown(socket.SHUT_WR)
        assert_closed_maybe_error(r)


def test_startup_packet_too_short_length(target, witness):
    with raw(target) as r:
        r.send(struct.pack("!II", 3, pgwire.PROTOCOL_3_0))
        assert_closed_maybe_error(r)


def test_oversized_startup_length(target, witness):
    with raw(target) as r:
        r.send(struct.pack("!II", 0x7FFFFFF0, pgwire.PROTOCOL_3_0) + b"user\0x\0")
        assert_closed_maybe_error(r)


def test_unsupported_protocol_version(target, witness):
    with raw(target) as r:
        r.send(startup_packet({"user": target.user, "database": target.dbname}, version=(9 << 16) | 9))
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed
        fields = first_error(data)
        assert fields is not None, f"expected an ErrorResponse, got {data[:200]!r}"
        assert fields["S"] == "FATAL"
        assert fields["C"] == "0A000"
        assert "protocol" in fields["M"], fields


def test_newer_minor_version_is_negotiated_down(target, witness):
    # A 3.x client with unknown _pq_ options is told "3.0" via NegotiateProtocolVersion and goes on.
    with raw(target) as r:
        after = r.login(target.user, target.password, target.dbname, version=(3 << 16) | 9,
                        extra={"_pq_.wg_unknown_option": "1"})
        # PostgreSQL sends its whole newest version number (3 << 16 | 0), not a bare minor number,
        # and libpq compares it against full version numbers.
        assert r.negotiated == (pgwire.PROTOCOL_3_0, ["_pq_.wg_unknown_option"]), r.negotiated
        assert after[-1] == (b"Z", b"I")
        msgs = r.simple_query("SELECT 'negotiated'")
        assert msgs[1][1].endswith(b"negotiated")


def test_startup_without_user(target, witness):
    with raw(target) as r:
        r.send(startup_packet({"database": target.dbname}))
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed
        fields = first_error(data)
        assert fields is not None, f"expected an ErrorResponse, got {data[:200]!r}"
        assert fields["S"] == "FATAL" and fields["C"] == "28000", fields
        assert "user" in fields["M"], fields  # PG: "no PostgreSQL user name specified in startup packet"


def test_plaintext_garbage_after_ssl_request(target, witness):
    with raw(target) as r:
        r.send(struct.pack("!II", 8, pgwire.SSL_REQUEST_CODE))
        assert r.read_byte() == b"S"
        r.send(b"this is not a TLS ClientHello" * 20)
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed
        assert not data.startswith(b"E"), "no plaintext ErrorResponse may follow an accepted SSLRequest"


def test_tls_then_garbage_message(target, witness):
    s = socket.create_connection((target.host, target.port), timeout=CLOSE_TIMEOUT)
    try:
        s.sendall(struct.pack("!II", 8, pgwire.SSL_REQUEST_CODE))
        assert s.recv(1) == b"S"
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        tls = ctx.wrap_socket(s, server_hostname="localhost")
        tls.sendall(struct.pack("!I", 0x7FFFFFF0) + b"\0\3\0\0garbage")
        data = b""
        while True:
            try:
                chunk = tls.recv(65536)
            except (ssl.SSLError, ConnectionResetError, socket.timeout) as e:
                if isinstance(e, socket.timeout):
                    pytest.fail(f"connection not closed within {CLOSE_TIMEOUT} s")
                break
            if not chunk:
                break
            data += chunk
        if data:
            assert data[:1] == b"E", data[:200]
    finally:
        s.close()


def test_bogus_cancel_request(target, witness):
    with raw(target) as r:
        r.send(struct.pack("!IIII", 16, pgwire.CANCEL_REQUEST_CODE, 12345, 67890))
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed and data == b""


def test_oversized_message_length_after_login(target, witness):
    with login(target) as r:
        # Announce a ~2 GiB query, send a few bytes of it, and wait: the server must not wait for the rest.
        r.send(b"Q" + struct.pack("!I", 0x7FFFFFF0) + b"SELECT 1")
        assert_closed_maybe_error(r, allowed_codes=("08P01", "54000"))


def test_negative_message_length_after_login(target, witness):
    with login(target) as r:
        r.send(b"Q" + struct.pack("!I", 2) + b"SELECT 1\0")
        assert_closed_maybe_error(r)


def test_unknown_message_type_after_login(target, witness):
    with login(target) as r:
        r.send(message(b"y", b"\0\0\0\0"))
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed
        fields = first_error(data)
        assert fields is not None, f"expected an ErrorResponse, got {data[:200]!r}"
        assert fields["S"] == "FATAL" and fields["C"] == "08P01", fields
        assert "invalid frontend message type 121" in fields["M"]


def test_client_vanishes_mid_query_message(target, witness):
    with login(target) as r:
        r.send(b"Q" + struct.pack("!I", 1000) + b"SELECT ")
        r.sock.shutdown(socket.SHUT_WR)
        assert_closed_maybe_error(r)


def test_terminate_message_closes_cleanly(target, witness):
    with login(target) as r:
        r.send(message(b"X"))
        data, closed = r.read_until_closed(CLOSE_TIMEOUT)
        assert closed and data == b""


@pytest.mark.gateway_only
def test_message_over_configured_max_size_is_refused(target, witness):
    limit = target.max_message_size
    assert limit, "gateway target must report its protocols.postgres.max-message-size"
    with login(target) as r:
        # Only the header: the gateway must refuse on the announced length alone.
        r.send(b"Q" + struct.pack("!I", limit + 1024) + b"SELECT ")
        assert_closed_maybe_error(r, allowed_codes=("08P01", "54000"))


@pytest.mark.gateway_only
def test_query_under_max_size_works_and_over_fails(target, witness):
    limit = target.max_message_size
    small = target.connect()
    try:
        with small.cursor() as cur:
            payload = "x" * (limit // 2)
            cur.execute("SELECT length(%s)", (payload,))
            assert cur.fetchone()[0] == limit // 2
    finally:
        small.close()
    big = target.connect()
    try:
        with pytest.raises(psycopg2.Error):
            with big.cursor() as cur:
                cur.execute("SELECT length(%s)", ("y" * (limit + 1024),))
    finally:
        big.close()


@pytest.mark.gateway_only  # a PostgreSQL built with GSSAPI may accept ('G')
def test_gssenc_request_is_declined_and_startup_goes_on(target):
    r = raw(target)
    try:
        r.sock.sendall(struct.pack("!ii", 8, 80877104))
        assert r.sock.recv(1) == b"N"
        # libpq then sends its StartupMessage on the same connection, in plaintext.
        r.sock.sendall(startup_packet({"user": target.user, "database": target.dbname}))
        assert r.sock.recv(1) == b"R"
    finally:
        r.close()
