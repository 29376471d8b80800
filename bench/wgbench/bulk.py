"""Workload 3: read a 2,000,000-row x 5-column table whole, three ways: psycopg2's plain cursor
(the whole result in one go), a psycopg2 server-side cursor (DECLARE/FETCH in batches of ITERSIZE),
and psql's COPY ... TO STDOUT. Rows/s is rows over wall time, client conversion included."""
from __future__ import annotations

import subprocess
import time

import psycopg2

from .stack import Target

TABLE = "bulk_read"
ITERSIZE = 10_000
METHODS = ("psycopg2-plain", "psycopg2-named", "psql-copy")


def create(target: Target, rows: int) -> None:
    """The table, created once through the direct connection (kept when it has `rows` rows)."""
    conn = psycopg2.connect(target.dsn())
    conn.autocommit = True  # VACUUM cannot run in a transaction block
    try:
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM pg_class WHERE relname = %s", (TABLE,))
        if cur.fetchone()[0]:
            cur.execute(f"SELECT count(*) FROM {TABLE}")
            if cur.fetchone()[0] == rows:
                return
            cur.execute(f"DROP TABLE {TABLE}")
        cur.execute(f"""CREATE TABLE {TABLE} AS
            SELECT g::bigint AS id, (g %% 1000)::int AS k, md5(g::text) AS label,
                   g * 1.5::float8 AS amount, timestamptz '2024-01-01' + g * interval '1 second' AS at
            FROM generate_series(1, %s) g""", (rows,))
        cur.execute(f"VACUUM ANALYZE {TABLE}")
    finally:
        conn.close()


def run(target: Target, method: str, rows: int) -> dict:
    t0 = time.perf_counter()
    if method == "psql-copy":
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", f"COPY {TABLE} TO STDOUT"],
                           env=target.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=900)
        if r.returncode != 0:
            return {"error": r.stderr.decode(errors="replace").strip()[:300]}
        n = r.stdout.count(b"\n")
    else:
        n = _fetch(target, named=(method == "psycopg2-named"))
    secs = time.perf_counter() - t0
    res = {"rows": n, "seconds": round(secs, 3), "rows_per_s": round(n / secs)}
    if n != rows:
        res["error"] = f"read {n} rows, expected {rows}"
    return res


def _fetch(target: Target, named: bool) -> int:
    conn = psycopg2.connect(target.dsn())
    try:
        if named:
            cur = conn.cursor(name="bulk")  # DECLARE ... CURSOR, FETCH FORWARD itersize
            cur.itersize = ITERSIZE
        else:
            cur = conn.cursor()
        cur.execute(f"SELECT * FROM {TABLE}")
        n = 0
        if named:
            for _ in cur:
                n += 1
        else:
            while True:  # rows are in client memory already; fetchmany only limits Python objects
                batch = cur.fetchmany(ITERSIZE)
                if not batch:
                    break
                n += len(batch)
        cur.close()
        conn.rollback()
        return n
    finally:
        conn.close()
