"""The gateway streams results: a result far larger than its heap passes through with flat memory.

The gateway runs here with a 64 MiB heap and exits on OutOfMemoryError, so a materialised
5,000,000-row result (hundreds of MiB) would kill it; the bound is stated in docs/postgresql.md.
"""
import os
import shutil
import subprocess

import pytest

from harness import servers

ROWS = 5_000_000


@pytest.fixture(scope="module")
def small_heap_gateway():
    yield from servers.small_heap_gateway("small-heap")


@pytest.mark.timeout(900)
def test_five_million_rows_through_psql_with_a_64_mib_heap(small_heap_gateway):
    gw = small_heap_gateway
    psql = os.environ.get("WIREGATE_PSQL") or shutil.which("psql") or "/usr/bin/psql"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(PGPASSWORD=servers.TEST_PASSWORD, LC_ALL="C.UTF-8")
    sql = f"select g, 'row number ' || g, now() from generate_series(1, {ROWS}) g"
    conninfo = f"host={gw.host} port={gw.port} user={servers.TEST_USER} dbname={servers.DBNAME} sslmode=disable"
    proc = subprocess.Popen([psql, "-X", "-w", "-At", "-d", conninfo, "-c", sql], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    count = 0
    last = b""
    for line in proc.stdout:
        count += 1
        last = line
    err = proc.stderr.read().decode(errors="replace")
    assert proc.wait(timeout=600) == 0, err
    assert count == ROWS
    assert last.startswith(f"{ROWS}|row number {ROWS}|".encode())
    assert gw.proc.poll() is None, "the gateway died (OutOfMemoryError?) while streaming"
    # The gateway still serves new sessions afterwards.
    r = subprocess.run([psql, "-X", "-w", "-At", "-d", conninfo, "-c", "select 42"], capture_output=True, text=True,
                       env=env, timeout=60)
    assert r.stdout.strip() == "42", r.stderr
