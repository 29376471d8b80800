"""Bad input in the extended query protocol, sent as raw frames after a real (SCRAM) login.

Every expectation below is PostgreSQL's own behaviour (it must hold on the `direct` target too):
the message types the server sends and the SQLSTATE of each ErrorResponse (message texts may
differ, so they are not compared). After an error, PostgreSQL skips every message up to the next
Sync, answers ReadyForQuery, and the same connection then runs a good query; a Sync delimits an
implicit transaction, so everything before the error in the same Sync segment is rolled back.

A seeded random mutation loop over valid Parse/Bind/Describe/Execute/Sync sequences only asserts
that the server never hangs (every read has a timeout) and that no other session is hurt. The
last tests cover clients that go away without reading: the statements they sent still run and
commit, and nothing of theirs (such as a cancel) reaches another session.
"""
from __future__ import annotations

import random
import socket
import struct
import time

import pytest

from harness.pgwire import ProtocolError, RawConnection, message, parse_error_fields

READ_TIMEOUT = 10.0
INT4, INT8, TEXT = 23, 20, 25


# --------------------------------------------------------------------------- frontend messages

def _cstr(s: str | bytes) -> bytes:
    return (s.encode() if isinstance(s, str) else s) + b"\0"


def parse(sql: str, name: str = "", oids=()) -> bytes:
    return message(b"P", _cstr(name) + _cstr(sql) + struct.pack("!h", len(oids))
                   + b"".join(struct.pack("!I", o) for o in oids))


def bind(values=(), stmt: str = "", portal: str = "", param_formats=(), result_formats=()) -> bytes:
    body = _cstr(portal) + _cstr(stmt)
    body += struct.pack("!h", len(param_formats)) + b"".join(struct.pack("!h", f) for f in param_formats)
    body += struct.pack("!h", len(values))
    for v in values:
        if v is None:
            body += struct.pack("!i", -1)
        else:
            v = v.encode() if isinstance(v, str) else v
            body += struct.pack("!i", len(v)) + v
    body += struct.pack("!h", len(result_formats)) + b"".join(struct.pack("!h", f) for f in result_formats)
    return message(b"B", body)


def describe(kind: bytes, name: str = "") -> bytes:
    return message(b"D", kind + _cstr(name))


def execute(portal: str = "", max_rows: int = 0) -> bytes:
    return message(b"E", _cstr(portal) + struct.pack("!i", max_rows))


def close(kind: bytes, name: str = "") -> bytes:
    return message(b"C", kind + _cstr(name))


SYNC = message(b"S")
FLUSH = message(b"H")


# --------------------------------------------------------------------------- reading and summaries

def login(target) -> RawConnection:
    r = RawConnection(target.host, target.port, timeout=READ_TIMEOUT)
    after = r.login(target.user, target.password, target.dbname)
    assert after[-1] == (b"Z", b"I")
    return r


def label(msg: tuple[bytes, bytes]) -> str:
    """A comparable label: 'E:SQLSTATE', 'C:tag', 'Z:status', or the bare message type."""
    kind, payload = msg
    if kind == b"E":
        return "E:" + parse_error_fields(payload).get("C", "?")
    if kind == b"C":
        return "C:" + payload.rstrip(b"\0").decode()
    if kind == b"Z":
        return "Z:" + payload.decode()
    return kind.decode("latin-1")


def _read(r: RawConnection, stop, what: str) -> list[tuple[bytes, bytes]]:
    out: list[tuple[bytes, bytes]] = []
    while True:
        try:
            msg = r.read_message()
        except socket.timeout:
            pytest.fail(f"no {what} within {READ_TIMEOUT} s; received so far {labels(out)}")
        if msg is None:
            pytest.fail(f"server closed the connection before {what}; received {labels(out)} {errors(out)}")
        if msg[0] in (b"N", b"S"):  # notices and parameter status may come at any time
            continue
        out.append(msg)
        if stop(msg, out):
            return out


def read_until_ready(r: RawConnection) -> list[tuple[bytes, bytes]]:
    return _read(r, lambda m, out: m[0] == b"Z", "ReadyForQuery")


def read_n(r: RawConnection, n: int) -> list[tuple[bytes, bytes]]:
    return _read(r, lambda m, out: len(out) == n, f"{n} messages")


def labels(msgs) -> list[str]:
    return [label(m) for m in msgs]


def errors(msgs) -> list[dict[str, str]]:
    return [parse_error_fields(p) for k, p in msgs if k == b"E"]


def roundtrip(r: RawConnection, *msgs: bytes) -> list[tuple[bytes, bytes]]:
    """Sends the messages (which should end with a Sync) and reads up to ReadyForQuery."""
    r.send(b"".join(msgs))
    return read_until_ready(r)


def expect(r: RawConnection, msgs: list[bytes], expected: list[str]) -> list[tuple[bytes, bytes]]:
    got = roundtrip(r, *msgs)
    assert labels(got) == expected, f"got {labels(got)}, PostgreSQL sends {expected}; errors: {errors(got)}"
    return got


def data_values(msgs) -> list[list[bytes | None]]:
    rows = []
    for kind, payload in msgs:
        if kind != b"D":
            continue
        (n,) = struct.unpack("!h", payload[:2])
        i, row = 2, []
        for _ in range(n):
            (ln,) = struct.unpack("!i", payload[i:i + 4])
            i += 4
            if ln == -1:
                row.append(None)
            else:
                row.append(payload[i:i + ln])
                i += ln
        rows.append(row)
    return rows


def assert_usable(r: RawConnection, status: str = "I") -> None:
    """The same connection still runs a good query, extended and simple."""
    got = expect(r, [parse("select 'still ok'::text"), bind(), execute(), SYNC],
                 ["1", "2", "D", "C:SELECT 1", f"Z:{status}"])
    assert data_values(got) == [[b"still ok"]]
    msgs = r.simple_query("select 6 * 7")
    assert labels(msgs) == ["T", "D", "C:SELECT 1", f"Z:{status}"], labels(msgs)
    assert data_values(msgs) == [[b"42"]]


@pytest.fixture
def raw(target):
    r = login(target)
    try:
        yield r
    finally:
        r.close()


@pytest.fixture
def witness(target):
    """A healthy psycopg2 session opened before the bad traffic; it must keep working afterwards."""
    c = target.connect()
    c.autocommit = True
    with c.cursor() as cur:
        cur.execute("select 1")
    yield c
    try:
        with c.cursor() as cur:
            cur.execute("select 'witness ok'")
            assert cur.fetchone()[0] == "witness ok"
        fresh = target.connect()
        try:
            with fresh.cursor() as cur:
                cur.execute("select 'fresh ok'")
                assert cur.fetchone()[0] == "fresh ok"
        finally:
            fresh.close()
    finally:
        c.close()


# --------------------------------------------------------------------------- sanity

def test_good_extended_query_on_the_wire(target, raw):
    # Guards against vacuous passes: the builders produce what PostgreSQL accepts.
    got = expect(raw, [parse("select $1::int4 + 1, $2::text", oids=(INT4, TEXT)), bind(["41", "x"]),
                       describe(b"P"), execute(), SYNC],
                 ["1", "2", "T", "D", "C:SELECT 1", "Z:I"])
    assert data_values(got) == [[b"42", b"x"]]
    got = expect(raw, [parse("select $1::int4 * 2", name="s1", oids=(INT4,)), describe(b"S", "s1"),
                       bind([struct.pack("!i", 21)], stmt="s1", portal="p1", param_formats=(1,),
                            result_formats=(1,)),
                       execute("p1"), close(b"P", "p1"), close(b"S", "s1"), SYNC],
                 ["1", "t", "T", "2", "D", "C:SELECT 1", "3", "3", "Z:I"])
    assert data_values(got) == [[struct.pack("!i", 42)]]
    # Closing what does not exist is not an error.
    expect(raw, [close(b"S", "nosuch"), close(b"P", "nosuch"), SYNC], ["3", "3", "Z:I"])
    # A lone Sync answers ReadyForQuery; a Flush alone answers nothing.
    expect(raw, [FLUSH, SYNC], ["Z:I"])


# --------------------------------------------------------------------------- unknown names

def test_bind_to_unknown_statement(target, raw):
    expect(raw, [bind(stmt="nosuch"), describe(b"P"), execute(), SYNC], ["E:26000", "Z:I"])
    assert_usable(raw)


def test_describe_unknown_statement(target, raw):
    expect(raw, [describe(b"S", "nosuch"), SYNC], ["E:26000", "Z:I"])
    assert_usable(raw)


def test_describe_unknown_portal(target, raw):
    expect(raw, [describe(b"P", "nosuch"), SYNC], ["E:34000", "Z:I"])
    assert_usable(raw)


def test_describe_before_any_parse(target, raw):
    # A fresh session has neither an unnamed statement nor an unnamed portal.
    expect(raw, [describe(b"S"), SYNC], ["E:26000", "Z:I"])
    expect(raw, [describe(b"P"), SYNC], ["E:34000", "Z:I"])
    expect(raw, [bind(), execute(), SYNC], ["E:26000", "Z:I"])
    expect(raw, [execute(), SYNC], ["E:34000", "Z:I"])
    assert_usable(raw)


def test_execute_unknown_portal(target, raw):
    expect(raw, [execute("nosuch"), SYNC], ["E:34000", "Z:I"])
    assert_usable(raw)


def test_execute_closed_portal(target, raw):
    expect(raw, [parse("select 1"), bind(portal="p1"), close(b"P", "p1"), execute("p1"), SYNC],
           ["1", "2", "3", "E:34000", "Z:I"])
    assert_usable(raw)


def test_named_portal_is_gone_after_sync_outside_a_transaction(target, raw):
    # The implicit transaction ends at Sync and takes its portals with it.
    expect(raw, [parse("select 1", name="s1"), bind(stmt="s1", portal="p1"), SYNC], ["1", "2", "Z:I"])
    expect(raw, [execute("p1"), SYNC], ["E:34000", "Z:I"])
    # The named statement, though, survives.
    got = expect(raw, [bind(stmt="s1"), execute(), SYNC], ["2", "D", "C:SELECT 1", "Z:I"])
    assert data_values(got) == [[b"1"]]


def test_statement_skipped_after_error_does_not_exist(target, raw):
    # Parse 'b' comes after the failing Parse 'a' in the same segment, so it is skipped.
    expect(raw, [parse("selec 1", name="a"), parse("select 1", name="b"), SYNC], ["E:42601", "Z:I"])
    expect(raw, [bind(stmt="b"), execute(), SYNC], ["E:26000", "Z:I"])
    expect(raw, [describe(b"S", "a"), SYNC], ["E:26000", "Z:I"])
    assert_usable(raw)


# --------------------------------------------------------------------------- Bind errors

@pytest.mark.parametrize("values", [[], ["1"], ["1", "2", "3"]], ids=["none", "one", "three"])
def test_bind_wrong_parameter_count(target, raw, values):
    expect(raw, [parse("select $1::int4 + $2::int4"), bind(values), execute(), SYNC],
           ["1", "E:08P01", "Z:I"])
    assert_usable(raw)


def test_bind_parameter_format_count_matches_nothing(target, raw):
    # 3 parameters, 2 format codes: neither 0, 1 nor 3.
    expect(raw, [parse("select $1::int4, $2::int4, $3::int4"), bind(["1", "2", "3"], param_formats=(0, 0)),
                 execute(), SYNC],
           ["1", "E:08P01", "Z:I"])
    # 1 parameter, 2 format codes.
    expect(raw, [parse("select $1::int4"), bind(["1"], param_formats=(0, 0)), execute(), SYNC],
           ["1", "E:08P01", "Z:I"])
    assert_usable(raw)


def test_bind_result_format_count_matches_nothing(target, raw):
    expect(raw, [parse("select 1, 2, 3"), bind(result_formats=(0, 1)), execute(), SYNC],
           ["1", "E:08P01", "Z:I"])
    assert_usable(raw)


def row_description_formats(msgs) -> list[list[int]]:
    out = []
    for kind, payload in msgs:
        if kind != b"T":
            continue
        (n,) = struct.unpack("!h", payload[:2])
        i, formats = 2, []
        for _ in range(n):
            i = payload.index(b"\0", i) + 1 + 16  # name, table oid, attnum, type oid, typlen, typmod
            formats.append(struct.unpack("!h", payload[i:i + 2])[0])
            i += 2
        out.append(formats)
    return out


def test_bind_valid_format_code_shorthands(target, raw):
    # One format code applies to all parameters/columns; as many as there are is fine too.
    got = expect(raw, [parse("select $1::int4, $2::int4", oids=(INT4, INT4)),
                       bind([struct.pack("!i", 1), struct.pack("!i", 2)], param_formats=(1,), result_formats=(0,)),
                       describe(b"P"), execute(),
                       bind(["3", struct.pack("!i", 4)], param_formats=(0, 1), result_formats=(1, 0)),
                       describe(b"P"), execute(), SYNC],
                 ["1", "2", "T", "D", "C:SELECT 1", "2", "T", "D", "C:SELECT 1", "Z:I"])
    assert row_description_formats(got) == [[0, 0], [1, 0]]
    # Columns of the same type in different formats: each column as its own format code says.
    assert data_values(got) == [[b"1", b"2"], [struct.pack("!i", 3), b"4"]]


def test_bind_invalid_parameter_format_code(target, raw):
    expect(raw, [parse("select $1::int4", oids=(INT4,)), bind(["1"], param_formats=(7,)), execute(), SYNC],
           ["1", "E:22023", "Z:I"])
    assert_usable(raw)


def test_bind_invalid_result_format_code(target, raw):
    # PostgreSQL accepts any result format code at Bind and fails when rows are to be sent.
    expect(raw, [parse("select 1"), bind(result_formats=(7,)), execute(), SYNC],
           ["1", "2", "E:22023", "Z:I"])
    assert_usable(raw)


# Too long: int4recv sees bytes left over (22P03 "incorrect binary data format in bind parameter 1").
# Too short: int4recv runs out of bytes (08P01 "insufficient data left in message").
@pytest.mark.parametrize("value, sqlstate", [(b"\0\0\0\0\0\0\0\x01", "22P03"), (b"\0\0\0\x01\0", "22P03"),
                                             (b"\0\0\0", "08P01"), (b"", "08P01")],
                         ids=["8-bytes", "5-bytes", "3-bytes", "empty"])
def test_bind_binary_int4_of_wrong_length(target, raw, value, sqlstate):
    expect(raw, [parse("select $1", oids=(INT4,)), bind([value], param_formats=(1,)), execute(), SYNC],
           ["1", f"E:{sqlstate}", "Z:I"])
    assert_usable(raw)


@pytest.mark.parametrize("value, sqlstate", [("abc", "22P02"), ("12x", "22P02"), ("", "22P02"),
                                             ("99999999999", "22003")],
                         ids=["letters", "trailing", "empty", "overflow"])
def test_bind_text_value_that_does_not_parse(target, raw, value, sqlstate):
    expect(raw, [parse("select $1", oids=(INT4,)), bind([value]), execute(), SYNC],
           ["1", f"E:{sqlstate}", "Z:I"])
    assert_usable(raw)


def test_bind_null_is_fine_for_any_type(target, raw):
    got = expect(raw, [parse("select $1::int4 is null, $2::int8", oids=(INT4, INT8)),
                       bind([None, None], param_formats=(1,)), execute(), SYNC],
                 ["1", "2", "D", "C:SELECT 1", "Z:I"])
    assert data_values(got) == [[b"t", None]]


# --------------------------------------------------------------------------- Parse errors

def test_parse_two_statements_in_one(target, raw):
    expect(raw, [parse("select 1; select 2"), bind(), execute(), SYNC], ["E:42601", "Z:I"])
    expect(raw, [parse("select 1; select 2", name="two"), SYNC], ["E:42601", "Z:I"])
    assert_usable(raw)


def test_parse_redefining_a_named_statement(target, raw):
    expect(raw, [parse("select 'first'::text", name="s1"), SYNC], ["1", "Z:I"])
    expect(raw, [parse("select 'second'::text", name="s1"), bind(stmt="s1"), execute(), SYNC],
           ["E:42P05", "Z:I"])
    # The original definition is untouched.
    got = expect(raw, [bind(stmt="s1"), execute(), SYNC], ["2", "D", "C:SELECT 1", "Z:I"])
    assert data_values(got) == [[b"first"]]
    # After Close the name is free again; the unnamed statement may always be redefined.
    got = expect(raw, [close(b"S", "s1"), parse("select 'second'::text", name="s1"), bind(stmt="s1"), execute(),
                       parse("select 'u1'::text"), parse("select 'u2'::text"), bind(), execute(), SYNC],
                 ["3", "1", "2", "D", "C:SELECT 1", "1", "1", "2", "D", "C:SELECT 1", "Z:I"])
    assert data_values(got) == [[b"second"], [b"u2"]]


def test_parse_syntax_error_then_bind_execute(target, raw):
    # One error only: Bind/Describe/Execute after the failed Parse are skipped silently.
    got = expect(raw, [parse("selec 1"), bind(), describe(b"P"), execute(), SYNC], ["E:42601", "Z:I"])
    assert len(errors(got)) == 1
    assert_usable(raw)


def test_parse_undefined_table(target, raw):
    expect(raw, [parse("select * from wg_no_such_table_xyz"), bind(), execute(), SYNC], ["E:42P01", "Z:I"])
    assert_usable(raw)


# --------------------------------------------------------------------------- pipelines

def _insert(table: str) -> bytes:
    return parse(f"insert into {table} values ($1)", name="ins", oids=(INT4,))


def _count(r: RawConnection, table: str, status: str = "I") -> int:
    msgs = r.simple_query(f"select count(*) from {table}")
    assert labels(msgs) == ["T", "D", "C:SELECT 1", f"Z:{status}"], (labels(msgs), errors(msgs))
    return int(data_values(msgs)[0][0])


def test_pipeline_error_at_execute_rolls_back_the_segment(target, raw, table_name):
    assert labels(raw.simple_query(f"create table {table_name} (id int primary key)")) == \
        ["C:CREATE TABLE", "Z:I"]
    expect(raw, [_insert(table_name),
                 bind(["1"], stmt="ins"), execute(),
                 bind(["2"], stmt="ins"), execute(),
                 bind(["1"], stmt="ins"), execute(),  # duplicate key
                 bind(["3"], stmt="ins"), execute(),
                 SYNC],
           ["1", "2", "C:INSERT 0 1", "2", "C:INSERT 0 1", "2", "E:23505", "Z:I"])
    assert _count(raw, table_name) == 0  # the rows before the error went with the implicit transaction
    assert_usable(raw)


def test_pipeline_error_at_bind_rolls_back_the_segment(target, raw, table_name):
    raw.simple_query(f"create table {table_name} (id int primary key)")
    expect(raw, [_insert(table_name),
                 bind(["1"], stmt="ins"), execute(),
                 bind(["not a number"], stmt="ins"), execute(),
                 bind(["3"], stmt="ins"), execute(),
                 SYNC],
           ["1", "2", "C:INSERT 0 1", "E:22P02", "Z:I"])
    assert _count(raw, table_name) == 0
    assert_usable(raw)


def test_pipeline_each_sync_is_its_own_transaction(target, raw, table_name):
    raw.simple_query(f"create table {table_name} (id int primary key)")
    raw.send(b"".join([_insert(table_name), bind(["1"], stmt="ins"), execute(), SYNC,
                       bind(["1"], stmt="ins"), execute(), bind(["5"], stmt="ins"), execute(), SYNC,
                       bind(["2"], stmt="ins"), execute(), SYNC]))
    got = [labels(read_until_ready(raw)) for _ in range(3)]
    assert got == [["1", "2", "C:INSERT 0 1", "Z:I"],
                   ["2", "E:23505", "Z:I"],
                   ["2", "C:INSERT 0 1", "Z:I"]], got
    assert _count(raw, table_name) == 2
    assert_usable(raw)


def test_pipeline_error_inside_an_explicit_transaction(target, raw, table_name):
    raw.simple_query(f"create table {table_name} (id int primary key)")
    assert labels(raw.simple_query("begin")) == ["C:BEGIN", "Z:T"]
    expect(raw, [_insert(table_name),
                 bind(["1"], stmt="ins"), execute(),
                 bind(["1"], stmt="ins"), execute(),
                 bind(["2"], stmt="ins"), execute(),
                 SYNC],
           ["1", "2", "C:INSERT 0 1", "2", "E:23505", "Z:E"])
    # The transaction is aborted until it ends.
    expect(raw, [parse("select 1"), bind(), execute(), SYNC], ["E:25P02", "Z:E"])
    assert labels(raw.simple_query("rollback")) == ["C:ROLLBACK", "Z:I"]
    assert _count(raw, table_name) == 0
    assert_usable(raw)


# --------------------------------------------------------------------------- malformed bodies

def _bind_body_value_too_long() -> bytes:
    body = b"\0\0" + struct.pack("!h", 0) + struct.pack("!h", 1) + struct.pack("!i", 100) + b"abc"
    return message(b"B", body)


def _bind_body_missing_value() -> bytes:
    # Two parameters announced, one present.
    body = b"\0\0" + struct.pack("!h", 0) + struct.pack("!h", 2) + struct.pack("!i", 1) + b"1"
    return message(b"B", body)


def _bind_body_negative_length() -> bytes:
    body = b"\0\0" + struct.pack("!h", 0) + struct.pack("!h", 1) + struct.pack("!i", -2) + struct.pack("!h", 0)
    return message(b"B", body)


def _bind_body_trailing_garbage() -> bytes:
    return message(b"B", bind(["1"])[5:] + b"extra")


def _bind_body_huge_format_count() -> bytes:
    return message(b"B", b"\0\0" + struct.pack("!h", -1) + struct.pack("!h", 0))


MALFORMED = {
    # Bind whose value length runs past the end of the body ("insufficient data left in message").
    "bind-value-exceeds-body": (_bind_body_value_too_long, "select $1::int4"),
    "bind-missing-value": (_bind_body_missing_value, "select $1::int4, $2::int4"),
    "bind-negative-value-length": (_bind_body_negative_length, "select $1::int4"),
    "bind-trailing-garbage": (_bind_body_trailing_garbage, "select $1::int4"),
    "bind-format-count-65535": (_bind_body_huge_format_count, "select 1"),
    # Execute without its max_rows field.
    "execute-without-max-rows": (lambda: message(b"E", b"\0"), "select 1"),
    # Describe/Close of a kind that is neither 'S' nor 'P'.
    "describe-kind-X": (lambda: describe(b"X", ""), "select 1"),
    "close-kind-X": (lambda: close(b"X", ""), "select 1"),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_malformed_body_inside_its_length(target, raw, case):
    # The frame is intact, only its content is wrong: PostgreSQL reports 08P01 as an ERROR, skips
    # to Sync and keeps the session.
    build, sql = MALFORMED[case]
    got = expect(raw, [parse(sql), build(), execute(), SYNC], ["1", "E:08P01", "Z:I"])
    assert errors(got)[0]["S"] == "ERROR", errors(got)
    assert_usable(raw)


@pytest.mark.parametrize("case", ["parse-query-not-terminated", "parse-oid-count-too-big"])
def test_malformed_parse_body(target, raw, case):
    if case == "parse-query-not-terminated":
        bad = message(b"P", b"\0select 1")
    else:
        bad = message(b"P", b"\0select 1\0" + struct.pack("!h", 3) + struct.pack("!I", INT4))
    got = expect(raw, [bad, bind(), execute(), SYNC], ["E:08P01", "Z:I"])
    assert errors(got)[0]["S"] == "ERROR", errors(got)
    assert_usable(raw)


# --------------------------------------------------------------------------- max_rows / PortalSuspended

def test_execute_max_rows_suspends_and_continues(target, raw):
    raw.send(b"".join([parse("select g from generate_series(1, 5) g"), bind(), execute(max_rows=2), FLUSH]))
    first = read_n(raw, 5)
    assert labels(first) == ["1", "2", "D", "D", "s"], labels(first)
    raw.send(execute(max_rows=2) + FLUSH)
    second = read_n(raw, 3)
    assert labels(second) == ["D", "D", "s"], labels(second)
    last = roundtrip(raw, execute(), SYNC)
    # PostgreSQL's tag counts the rows of the last Execute only.
    assert labels(last) == ["D", "C:SELECT 1", "Z:I"], labels(last)
    rows = [int(v[0]) for v in data_values(first + second + last)]
    assert rows == [1, 2, 3, 4, 5]
    assert_usable(raw)


def test_execute_max_rows_exact_multiple(target, raw):
    got = expect(raw, [parse("select g from generate_series(1, 4) g"), bind(), execute(max_rows=2),
                       execute(max_rows=2), execute(max_rows=2), SYNC],
                 ["1", "2", "D", "D", "s", "D", "D", "s", "C:SELECT 0", "Z:I"])
    assert [int(v[0]) for v in data_values(got)] == [1, 2, 3, 4]
    # max_rows larger than the result completes at once.
    got = expect(raw, [bind(), execute(max_rows=100), SYNC], ["2", "D", "D", "D", "D", "C:SELECT 4", "Z:I"])


def test_named_portal_continues_across_syncs_in_a_transaction(target, raw):
    assert labels(raw.simple_query("begin")) == ["C:BEGIN", "Z:T"]
    a = expect(raw, [parse("select g, md5(g::text) from generate_series(1, 7) g", name="cur_s"),
                     bind(stmt="cur_s", portal="cur"), execute("cur", 3), SYNC],
               ["1", "2", "D", "D", "D", "s", "Z:T"])
    b = expect(raw, [execute("cur", 3), SYNC], ["D", "D", "D", "s", "Z:T"])
    c = expect(raw, [describe(b"P", "cur"), execute("cur", 3), SYNC], ["T", "D", "C:SELECT 1", "Z:T"])
    assert [int(v[0]) for v in data_values(a + b + c)] == list(range(1, 8))
    # A finished portal stays open (and returns nothing more) until it is closed or the transaction ends.
    expect(raw, [execute("cur", 3), SYNC], ["C:SELECT 0", "Z:T"])
    assert labels(raw.simple_query("commit")) == ["C:COMMIT", "Z:I"]
    expect(raw, [execute("cur"), SYNC], ["E:34000", "Z:I"])
    assert_usable(raw)


# --------------------------------------------------------------------------- random mutations

FUZZ_SEED = 20240611
FUZZ_ITERATIONS = 300
FRONTEND_TYPES = b"PBDECSHQXFdcfp"
BACKEND_TYPES = set(b"123ERSZTDCIKNnstVvAGHWcdf")


def _fuzz_bases() -> list[list[bytes]]:
    return [
        [parse("select $1::int4 + 1", oids=(INT4,)), bind(["41"]), describe(b"P"), execute(), SYNC],
        [parse("select g, md5(g::text) from generate_series(1, 3) g", name="s1"), describe(b"S", "s1"),
         bind(stmt="s1", portal="p1", result_formats=(1,)), execute("p1", 2), execute("p1", 0),
         close(b"P", "p1"), close(b"S", "s1"), SYNC],
        [parse("select $1::text, $2::int8", oids=(TEXT, INT8)),
         bind([b"x", struct.pack("!q", 7)], param_formats=(0, 1)), execute(), SYNC],
        [parse("select 1"), bind(), execute(), parse("select 1/0"), bind(), execute(), SYNC,
         parse("select 'after'"), bind(), execute(), SYNC],
        [parse("select $1::int4", name="a", oids=(INT4,)), bind([struct.pack("!i", 5)], stmt="a",
                                                                 param_formats=(1,), result_formats=(1,)),
         execute(), FLUSH, describe(b"S", "a"), bind([None], stmt="a"), execute(max_rows=1), SYNC],
        [message(b"Q", b"begin\0"), parse("select now()"), bind(), execute(), SYNC,
         message(b"Q", b"commit\0")],
    ]


def _mutate(rng: random.Random, msgs: list[bytes]) -> bytes:
    msgs = list(msgs)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(9)
        i = rng.randrange(len(msgs))
        m = bytearray(msgs[i])
        if op == 0 and len(m) > 0:  # flip a byte
            m[rng.randrange(len(m))] = rng.randrange(256)
        elif op == 1 and len(m) >= 5:  # damage the length field
            body = len(m) - 1
            m[1:5] = struct.pack("!I", rng.choice([0, 1, 3, 4, body - 1, body + 1, body + 7, body + 1000,
                                                   0x7FFFFFFF, 0xFFFFFFFF, 0x80000000,
                                                   rng.randrange(0, body + 64)]) & 0xFFFFFFFF)
        elif op == 2:  # truncate the message
            m = m[:rng.randrange(len(m) + 1)]
        elif op == 3:  # drop it
            m = bytearray()
        elif op == 4:  # duplicate it
            m = m + m
        elif op == 5 and len(msgs) > 1:  # swap with another message
            j = rng.randrange(len(msgs))
            msgs[i], msgs[j] = msgs[j], msgs[i]
            continue
        elif op == 6 and len(m) > 0:  # change its type
            m[0] = rng.choice(FRONTEND_TYPES) if rng.random() < 0.8 else rng.randrange(256)
        elif op == 7:  # insert random bytes
            pos = rng.randrange(len(m) + 1)
            m[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 8 and len(m) > 7:  # overwrite a 16/32-bit field in the body with a boundary value
            pos = rng.randrange(5, len(m) - 1)
            if rng.random() < 0.5:
                m[pos:pos + 2] = struct.pack("!H", rng.choice([0, 1, 2, 0x7FFF, 0x8000, 0xFFFF]))
            else:
                m[pos:pos + 4] = struct.pack("!I", rng.choice([0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
                                                               0xFFFFFFFE]))
        msgs[i] = bytes(m)
    return b"".join(msgs)


def _check_backend_framing(data: bytes, context: str) -> None:
    i = 0
    while i < len(data):
        assert i + 5 <= len(data), f"{context}: truncated backend message header at {i}: {data[i:i + 20]!r}"
        kind = data[i]
        (length,) = struct.unpack("!I", data[i + 1:i + 5])
        assert kind in BACKEND_TYPES, f"{context}: unknown backend message type {chr(kind)!r} at {i}"
        assert length >= 4, f"{context}: backend message length {length} at {i}"
        assert i + 1 + length <= len(data), f"{context}: backend message cut short at {i}"
        i += 1 + length


def _read_answer(r: RawConnection) -> tuple[bytes, str]:
    """Reads until the trailing `select 'alive'` has been answered ('answered'), the server closes
    ('closed'), or it goes quiet for a while ('waiting': it may rightly wait for the rest of a
    message whose length was enlarged)."""
    data = b""
    while True:
        r.sock.settimeout(FUZZ_QUIET)
        try:
            chunk = r.sock.recv(65536)
        except socket.timeout:
            return data, "waiting"
        except ConnectionResetError:
            return data, "closed"
        if not chunk:
            return data, "closed"
        data += chunk
        if b"alive" in data and data.endswith(b"Z\0\0\0\5I"):
            return data, "answered"


FUZZ_QUIET = 0.5


@pytest.mark.timeout(600)
def test_random_mutations_never_hang_nor_hurt_other_sessions(target, witness):
    rng = random.Random(FUZZ_SEED)
    bases = _fuzz_bases()
    outcomes = {"answered": 0, "closed": 0, "waiting": 0, "vanished": 0}
    for it in range(FUZZ_ITERATIONS):
        payload = _mutate(rng, rng.choice(bases))
        vanish = rng.random() < 0.25
        context = f"iteration {it} (seed {FUZZ_SEED}), sent {payload[:300].hex()}"
        try:
            r = login(target)
        except (OSError, ProtocolError) as e:
            pytest.fail(f"{context}: a new session could not log in: {e!r}")
        try:
            try:
                # A good Sync and query after the damage.
                r.send(payload + SYNC + message(b"Q", b"select 'alive'\0"))
            except OSError:
                outcomes["closed"] += 1  # the server already closed (e.g. on a FATAL protocol error)
                continue
            if vanish:
                # The client goes away without reading: nothing it started may leak into other sessions.
                outcomes["vanished"] += 1
                continue
            data, outcome = _read_answer(r)
            outcomes[outcome] += 1
            if outcome == "waiting":
                # The client gives up and half-closes: the server must then close.
                r.sock.shutdown(socket.SHUT_WR)
                more, closed = r.read_until_closed(READ_TIMEOUT)
                assert closed, f"{context}: the server did not close within {READ_TIMEOUT} s after the " \
                               f"client's EOF; received {(data + more)[:300]!r}"
                data += more
            _check_backend_framing(data, context)
        finally:
            r.close()
        if it % 50 == 49:
            with witness.cursor() as cur:
                cur.execute("select %s::int", (it,))
                assert cur.fetchone()[0] == it, context
    # The loop really exercised every outcome.
    assert all(outcomes.values()), outcomes
    # The witness (checked again by the fixture) and a fresh raw session still work.
    with login(target) as r:
        assert_usable(r)


# --------------------------------------------------------------------------- clients that go away

@pytest.mark.timeout(300)
def test_client_vanishing_mid_statement_does_not_cancel_the_next_session(target, witness):
    # A client sends a query and disconnects without reading. PostgreSQL ends that backend alone;
    # the next session (which, behind a pool, may get the same engine connection) must never see a
    # stray 57014 meant for the statement of the session that went away.
    rng = random.Random(7)
    failures = []
    for it in range(400):
        r = login(target)
        k = rng.randrange(100, 20000)
        r.send(parse(f"select g from generate_series(1, {k}) g") + bind() + execute() + SYNC)
        r.close()
        try:
            with login(target) as n:
                msgs = n.simple_query("select pg_sleep(0.01), 'next ok'")
                if labels(msgs) != ["T", "D", "C:SELECT 1", "Z:I"]:
                    failures.append((it, labels(msgs), errors(msgs)))
        except ProtocolError as e:
            failures.append((it, "login", str(e)))
    assert not failures, f"{len(failures)} of 400 next sessions failed, e.g. {failures[:3]}"


@pytest.mark.parametrize("terminate", [True, False], ids=["terminate", "close-only"])
def test_fire_and_forget_statements_are_all_committed(target, table_name, terminate):
    # Send a statement (and Terminate) and close the socket without waiting for the answer:
    # PostgreSQL still runs and commits everything it received before the EOF.
    with login(target) as a:
        assert labels(a.simple_query(f"create table {table_name} (id int primary key, how text)")) == \
            ["C:CREATE TABLE", "Z:I"]
    n = 100
    for i in range(n):
        try:
            r = login(target)
        except ProtocolError as e:
            pytest.fail(f"session {i} could not log in after {i} fire-and-forget sessions: {e}")
        if i % 2:
            msgs = message(b"Q", f"insert into {table_name} values ({i}, 'simple')\0".encode())
        else:
            msgs = parse(f"insert into {table_name} values ($1, 'extended')", oids=(INT4,)) + bind([str(i)]) \
                + execute() + SYNC
        r.send(msgs + (message(b"X") if terminate else b""))
        r.close()
    c = target.connect()
    try:
        c.autocommit = True
        deadline = time.monotonic() + 10
        while True:
            with c.cursor() as cur:
                cur.execute(f"select coalesce(array_agg(id order by id), '{{}}') from {table_name}")
                ids = cur.fetchone()[0]
            if len(ids) == n or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    finally:
        c.close()
    missing = sorted(set(range(n)) - set(ids))
    assert not missing, f"rows never committed: {missing} (even ids: extended protocol, odd: simple Query)"


def test_half_closed_client_still_gets_every_answer(target):
    # A client may send its requests and shut down its sending side: PostgreSQL still answers every
    # complete message it received before the EOF, then closes.
    with login(target) as r:
        r.send(parse("select 'one'::text") + bind() + execute() + SYNC + message(b"Q", b"select 'two'\0"))
        r.sock.shutdown(socket.SHUT_WR)
        data, closed = r.read_until_closed(READ_TIMEOUT)
        assert closed
        _check_backend_framing(data, "half-close")
        assert b"one" in data and b"two" in data, f"received {data!r}"
        assert data.endswith(b"Z\0\0\0\5I"), data[-40:]
