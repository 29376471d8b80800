"""Workload 5's loader: opens N PostgreSQL client connections (startup + SCRAM auth, asyncpg) and keeps
them idle. Run as a child process so the harness stays light:

    python -m wgbench.idle_loader HOST PORT USER PASSWORD DBNAME N CONCURRENCY

It prints one JSON line when all connections are open (set-up times, errors), then reads commands
from stdin: `check` runs SELECT 1 on every open connection (were they all kept?) and prints a JSON
line; `close` (or end of input) closes them and exits."""
from __future__ import annotations

import asyncio
import json
import sys
import time

import asyncpg


async def open_all(host, port, user, password, dbname, n, concurrency):
    sem = asyncio.Semaphore(concurrency)  # bounded, so set-up time is not queueing time
    conns, times_ms, errors = [], [], {}

    async def one():
        async with sem:
            t0 = time.perf_counter()
            try:
                c = await asyncpg.connect(host=host, port=port, user=user, password=password,
                                          database=dbname, ssl=False, timeout=60)
            except Exception as e:  # counted, not fatal: errors are part of the result
                key = f"{type(e).__name__}: {e}"[:200]
                errors[key] = errors.get(key, 0) + 1
                return
            times_ms.append((time.perf_counter() - t0) * 1000)
            conns.append(c)

    t0 = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    return conns, {"opened": len(conns), "open_seconds": round(time.perf_counter() - t0, 2),
                   "setup_ms": sorted(times_ms), "errors": errors}


async def check(conns, concurrency):
    sem = asyncio.Semaphore(concurrency)
    errors = {}

    async def one(c):
        async with sem:
            try:
                await c.fetchval("SELECT 1", timeout=60)
            except Exception as e:
                key = f"{type(e).__name__}: {e}"[:200]
                errors[key] = errors.get(key, 0) + 1

    await asyncio.gather(*(one(c) for c in conns))
    return {"checked": len(conns), "check_errors": errors}


async def main(argv):
    host, port, user, password, dbname, n, concurrency = argv
    conns, opened = await open_all(host, int(port), user, password, dbname, int(n), int(concurrency))
    print(json.dumps(opened), flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if line == "check":
            print(json.dumps(await check(conns, int(concurrency))), flush=True)
        else:
            break
    await asyncio.gather(*(c.close(timeout=10) for c in conns), return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
