"""Workload 4: sysbench oltp_point_select / oltp_read_only. The MySQL driver talks to the gateway's
MySQL port (tables prepared through that port: the honest path); the pgsql driver talks to the same
PostgreSQL directly, and to the gateway's PostgreSQL port and PgBouncer, for comparison."""
from __future__ import annotations

import re
import subprocess

from .stack import BENCH_PASSWORD, BENCH_USER, DBNAME

TESTS = ("oltp_point_select", "oltp_read_only")
TABLES = 4
TABLE_SIZE = 100_000
MYSQL_DB = "sbtest"  # a schema of the bench database, seen by MySQL clients as a database


def connection_args(driver: str, host: str, port: int, dbname: str = DBNAME) -> list[str]:
    if driver == "mysql":
        return ["--db-driver=mysql", f"--mysql-host={host}", f"--mysql-port={port}",
                f"--mysql-user={BENCH_USER}", f"--mysql-password={BENCH_PASSWORD}", f"--mysql-db={MYSQL_DB}",
                "--mysql-ssl=off"]
    return ["--db-driver=pgsql", f"--pgsql-host={host}", f"--pgsql-port={port}",
            f"--pgsql-user={BENCH_USER}", f"--pgsql-password={BENCH_PASSWORD}", f"--pgsql-db={dbname}"]


def _sysbench(test: str, conn: list[str], command: str, extra: list[str], timeout: int):
    argv = ["sysbench", test, *conn, f"--tables={TABLES}", f"--table-size={TABLE_SIZE}", *extra, command]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)


def create_mysql_database(host: str, port: int) -> None:
    import pymysql

    c = pymysql.connect(host=host, port=port, user=BENCH_USER, password=BENCH_PASSWORD)
    try:
        c.cursor().execute(f"CREATE DATABASE IF NOT EXISTS {MYSQL_DB}")
    finally:
        c.close()


def prepare(driver: str, host: str, port: int) -> dict:
    """`sysbench ... prepare` (CREATE TABLE, multi-row INSERTs, CREATE INDEX). Returns {} or an error."""
    if driver == "mysql":
        create_mysql_database(host, port)
    conn = connection_args(driver, host, port)
    _sysbench("oltp_read_only", conn, "cleanup", [], 300)
    r = _sysbench("oltp_read_only", conn, "prepare", ["--threads=1"], 1800)
    if r.returncode != 0:
        return {"error": _error(r.stdout + r.stderr), "output": (r.stdout + r.stderr)[-3000:]}
    return {}


def run(test: str, driver: str, host: str, port: int, threads: int, seconds: int, dbname: str = DBNAME) -> dict:
    r = _sysbench(test, connection_args(driver, host, port, dbname), "run",
                  [f"--threads={threads}", f"--time={seconds}", "--percentile=99", "--report-interval=0",
                   "--db-ps-mode=auto"], seconds + 120)
    out = r.stdout
    res = {"tps": _num(r"transactions:\s+\d+\s+\(([\d.]+) per sec", out),
           "transactions": int(_num(r"transactions:\s+(\d+)\s+\(", out) or 0),
           "qps": _num(r"queries:\s+\d+\s+\(([\d.]+) per sec", out),
           "latency_avg_ms": _num(r"avg:\s+([\d.]+)", out),
           "latency_p99_ms": _num(r"99th percentile:\s+([\d.]+)", out),
           "errors": int(_num(r"ignored errors:\s+(\d+)", out) or 0)}
    if r.returncode != 0 or res["tps"] is None:
        res["error"] = _error(r.stdout + r.stderr) or f"sysbench exited with {r.returncode}"
    return res


def _num(pattern: str, text: str):
    m = re.search(pattern, text)
    return float(m.group(1)) if m else None


def _error(out: str) -> str:
    lines = [l.strip() for l in out.splitlines() if "error" in l.lower() or "FATAL" in l]
    return " | ".join(lines[:3])[:500]
