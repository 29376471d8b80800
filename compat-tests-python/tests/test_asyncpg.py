"""asyncpg: named statements described before execution (Parse/Describe/Flush), binary everything,
type introspection of enums and composites, cursors inside transactions, pools."""
import asyncio
import datetime
import decimal

import asyncpg
import pytest


def run(coro):
    return asyncio.run(coro)


async def connect(target):
    return await asyncpg.connect(host=target.host, port=target.port, user=target.user, password=target.password,
                                 database=target.dbname, ssl=False)


def test_fetch_with_inferred_parameter_types(target):
    async def go():
        conn = await connect(target)
        try:
            row = await conn.fetchrow("select $1::int + 1 as a, $2 || 'x' as b, $3::numeric * 2 as c, now() > $4 as d",
                                      41, "y", decimal.Decimal("1.25"),
                                      datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc))
            assert dict(row) == {"a": 42, "b": "yx", "c": decimal.Decimal("2.50"), "d": True}
            assert await conn.fetchval("select $1::int[]", [1, None, 3]) == [1, None, 3]
            assert await conn.fetchval("select $1::bytea", b"\x00\xff") == b"\x00\xff"
        finally:
            await conn.close()
    run(go())


def test_prepared_statement_reused(target):
    async def go():
        conn = await connect(target)
        try:
            stmt = await conn.prepare("select g, $1::text from generate_series(1, $2) g")
            assert [p.oid for p in stmt.get_parameters()] == [25, 23]
            for n in (3, 300, 1):
                rows = await stmt.fetch("k", n)
                assert len(rows) == n and rows[-1][0] == n and rows[0][1] == "k"
        finally:
            await conn.close()
    run(go())


def test_cursor_inside_transaction(target):
    async def go():
        conn = await connect(target)
        try:
            async with conn.transaction():
                seen = [r[0] async for r in conn.cursor("select g from generate_series(1, 2500) g", prefetch=100)]
                assert seen == list(range(1, 2501))
                cur = await conn.cursor("select g from generate_series(1, 10) g")
                assert [r[0] for r in await cur.fetch(4)] == [1, 2, 3, 4]
                assert (await cur.fetchrow())[0] == 5
        finally:
            await conn.close()
    run(go())


def test_enum_and_composite_introspection(target):
    async def go():
        conn = await connect(target)
        try:
            await conn.execute("drop type if exists wg_mood cascade; create type wg_mood as enum ('sad', 'ok');"
                               "drop type if exists wg_pair cascade; create type wg_pair as (a int, b text)")
            assert await conn.fetchval("select 'ok'::wg_mood") == "ok"
            assert await conn.fetchval("select $1::wg_mood", "sad") == "sad"
            pair = await conn.fetchval("select row(1, 'x')::wg_pair")
            assert tuple(pair) == (1, "x")
            assert tuple(await conn.fetchval("select $1::wg_pair", (2, "y"))) == (2, "y")
        finally:
            await conn.execute("drop type if exists wg_mood cascade; drop type if exists wg_pair cascade")
            await conn.close()
    run(go())


def test_executemany_is_atomic(target, table_name):
    async def go():
        conn = await connect(target)
        try:
            await conn.execute(f"create table {table_name} (id int primary key)")
            with pytest.raises(asyncpg.UniqueViolationError):
                await conn.executemany(f"insert into {table_name} values ($1)", [(1,), (2,), (1,)])
            assert await conn.fetchval(f"select count(*) from {table_name}") == 0
            await conn.executemany(f"insert into {table_name} values ($1)", [(i,) for i in range(100)])
            assert await conn.fetchval(f"select count(*) from {table_name}") == 100
        finally:
            await conn.close()
    run(go())


def test_pool_reset_between_users(target):
    async def go():
        pool = await asyncpg.create_pool(host=target.host, port=target.port, user=target.user,
                                         password=target.password, database=target.dbname, ssl=False,
                                         min_size=1, max_size=1)
        try:
            async with pool.acquire() as conn:
                await conn.execute("set application_name = 'dirty'")
                assert await conn.fetchval("select pg_try_advisory_lock(4242)") is True
            async with pool.acquire() as conn:
                # The pool's reset query ran: RESET ALL and pg_advisory_unlock_all().
                assert await conn.fetchval("show application_name") != "dirty"
                assert await conn.fetchval("select count(*) from pg_locks where locktype = 'advisory' "
                                           "and pid = pg_backend_pid()") == 0
        finally:
            await pool.close()
    run(go())


def test_errors_carry_sqlstate_and_position(target):
    async def go():
        conn = await connect(target)
        try:
            with pytest.raises(asyncpg.UndefinedTableError) as ei:
                await conn.fetch("select * from wg_no_such_table where a = $1", 1)
            assert ei.value.sqlstate == "42P01"
            assert ei.value.position == "15"
            with pytest.raises(asyncpg.PostgresSyntaxError):
                await conn.prepare("selec 1")
            assert await conn.fetchval("select 1") == 1
        finally:
            await conn.close()
    run(go())
