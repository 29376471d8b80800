"""Cursors and streaming clients through a gateway with a 64 MiB heap.

Like tests/test_memory.py, the gateway runs with -Xmx64m and exits on OutOfMemoryError, so a
result it materialised (2,000,000 rows of an int and a 32-character md5 are well over 64 MiB as
Java objects) would kill it. Three ways of reading a large result piece by piece are checked:

- asyncpg's cursor inside a transaction: Bind to a named portal, then Execute with max_rows=1000
  again and again (PortalSuspended in between);
- a psycopg 3 server-side (named) cursor: DECLARE ... CURSOR and FETCH FORWARD n;
- psycopg 3 `cursor.stream()`: one Execute whose rows the client takes one at a time.

Each must deliver every row, in order (checked by a digest over all of them), and the gateway
must still be alive afterwards. One gateway serves the whole module.
"""
from __future__ import annotations

import asyncio
import hashlib

import pytest

from harness import servers

ROWS = 2_000_000
SQL = f"select g, md5(g::text) from generate_series(1, {ROWS}) g"
TIMEOUT = 1200  # 2 shared cores: the gateway and the client compete for them


class Digest:
    """Order-sensitive digest of (g, md5) rows; also checks that g runs 1, 2, 3, ..."""

    def __init__(self):
        self.h = hashlib.sha256()
        self.count = 0

    def add(self, g: int, md5: str) -> None:
        self.count += 1
        if g != self.count:
            raise AssertionError(f"row {self.count} has g = {g}")
        self.h.update(b"%d:%s\n" % (g, md5.encode()))

    def hexdigest(self) -> str:
        return self.h.hexdigest()


@pytest.fixture(scope="module")
def expected_digest() -> str:
    d = Digest()
    for g in range(1, ROWS + 1):
        d.add(g, hashlib.md5(b"%d" % g).hexdigest())
    return d.hexdigest()


@pytest.fixture(scope="module")
def small_heap_gateway():
    yield from servers.small_heap_gateway("small-heap-cursors")


def _conninfo(gw) -> str:
    return (f"host={gw.host} port={gw.port} user={servers.TEST_USER} password={servers.TEST_PASSWORD} "
            f"dbname={servers.DBNAME} sslmode=disable connect_timeout=30")


def _assert_alive(gw) -> None:
    assert gw.proc.poll() is None, \
        f"the gateway died (exit {gw.proc.returncode}; OutOfMemoryError?) while streaming"
    import psycopg
    with psycopg.connect(_conninfo(gw), autocommit=True) as c:
        assert c.execute("select 42").fetchone()[0] == 42


@pytest.mark.timeout(TIMEOUT)
def test_asyncpg_cursor_in_a_transaction(small_heap_gateway, expected_digest):
    import asyncpg

    gw = small_heap_gateway

    async def go() -> Digest:
        conn = await asyncpg.connect(host=gw.host, port=gw.port, user=servers.TEST_USER,
                                     password=servers.TEST_PASSWORD, database=servers.DBNAME, ssl=False,
                                     timeout=30)
        try:
            d = Digest()
            async with conn.transaction():
                async for rec in conn.cursor(SQL, prefetch=1000):
                    d.add(rec[0], rec[1])
            # The session is fine after the cursor's transaction.
            assert await conn.fetchval("select 7") == 7
            return d
        finally:
            await conn.close()

    d = asyncio.run(go())
    assert d.count == ROWS
    assert d.hexdigest() == expected_digest
    _assert_alive(gw)


@pytest.mark.timeout(TIMEOUT)
def test_psycopg3_server_side_cursor(small_heap_gateway, expected_digest):
    import psycopg

    gw = small_heap_gateway
    d = Digest()
    with psycopg.connect(_conninfo(gw)) as c:
        with c.cursor(name="wg_big_cursor") as cur:
            cur.itersize = 2000
            cur.execute(SQL)
            for g, md5 in cur:
                d.add(g, md5)
        c.commit()
        assert c.execute("select 8").fetchone()[0] == 8
    assert d.count == ROWS
    assert d.hexdigest() == expected_digest
    _assert_alive(gw)


@pytest.mark.timeout(TIMEOUT)
def test_psycopg3_stream(small_heap_gateway, expected_digest):
    import psycopg

    gw = small_heap_gateway
    d = Digest()
    with psycopg.connect(_conninfo(gw), autocommit=True) as c:
        cur = c.cursor()
        for g, md5 in cur.stream(SQL):
            d.add(g, md5)
        assert c.execute("select 9").fetchone()[0] == 9
    assert d.count == ROWS
    assert d.hexdigest() == expected_digest
    _assert_alive(gw)
