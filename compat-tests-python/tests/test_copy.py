"""COPY FROM STDIN / TO STDOUT in text, csv and binary, streamed both ways, with failures rolled back."""
import asyncio
import decimal

import asyncpg
import psycopg
import psycopg2
import pytest


def connect3(target, **kw):
    return psycopg.connect(target.conninfo(include_password=True), **kw)


def test_psycopg3_copy_rows_in_and_out_text_and_binary(target, table_name):
    with connect3(target) as c:
        cur = c.cursor()
        cur.execute(f"create table {table_name} (id int primary key, v text, n numeric)")
        with cur.copy(f"copy {table_name} (id, v, n) from stdin") as copy:
            for i in range(20000):
                copy.write_row((i, f"row\t{i}\\", None if i % 7 == 0 else i / 4))
        assert cur.rowcount == 20000
        with cur.copy(f"copy {table_name} from stdin (format binary)") as copy:
            copy.set_types(["int4", "text", "numeric"])
            copy.write_row((-1, "binary", decimal.Decimal("2.5")))
        c.commit()
        with cur.copy(f"copy (select id, v from {table_name} order by id) to stdout (format binary)") as copy:
            copy.set_types(["int4", "text"])
            rows = list(copy.rows())
        assert len(rows) == 20001
        assert rows[0] == (-1, "binary") and rows[2] == (1, "row\t1\\")
        with cur.copy(f"copy {table_name} to stdout (format csv)") as copy:
            data = b"".join(copy)
        assert data.count(b"\n") == 20001


def test_copy_failure_from_the_client_rolls_back(target, table_name):
    with connect3(target, autocommit=True) as c:
        cur = c.cursor()
        cur.execute(f"create table {table_name} (id int)")
        # psycopg sends CopyFail and re-raises the client's own exception.
        with pytest.raises(RuntimeError):
            with cur.copy(f"copy {table_name} from stdin") as copy:
                copy.write_row((1,))
                raise RuntimeError("client gives up")
        cur.execute(f"select count(*) from {table_name}")
        assert cur.fetchone()[0] == 0


def test_bad_copy_data_is_an_error_and_the_session_goes_on(target, table_name):
    import io
    c = psycopg2.connect(**target.params())
    try:
        c.autocommit = True
        cur = c.cursor()
        cur.execute(f"create table {table_name} (id int, v text)")
        data = io.StringIO("".join(f"{i},ok\n" for i in range(1000)) + "oops,bad\n")
        with pytest.raises(psycopg2.errors.InvalidTextRepresentation) as ei:
            cur.copy_expert(f"copy {table_name} from stdin (format csv)", data)
        assert "oops" in str(ei.value)
        cur.execute(f"select count(*) from {table_name}")
        assert cur.fetchone()[0] == 0
    finally:
        c.close()


def test_asyncpg_copy_records_and_copy_out(target, table_name):
    async def go():
        conn = await asyncpg.connect(host=target.host, port=target.port, user=target.user, password=target.password,
                                     database=target.dbname, ssl=False)
        try:
            await conn.execute(f"create table {table_name} (id int, v text, f float8)")
            result = await conn.copy_records_to_table(table_name, records=[(i, f"v{i}", i * 0.5) for i in range(5000)])
            assert result == "COPY 5000"
            assert await conn.fetchval(f"select sum(id) from {table_name}") == sum(range(5000))
            chunks = []

            async def sink(data):
                chunks.append(data)
            out = await conn.copy_from_query(f"select * from {table_name} where id < $1", 10, output=sink,
                                             format="csv")
            assert out == "COPY 10"
            assert b"".join(chunks).count(b"\n") == 10
        finally:
            await conn.close()
    asyncio.run(go())
