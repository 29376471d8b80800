"""Workload 5's loader: opens N PostgreSQL client connections (startup + SCRAM-SHA-256 login on raw
asyncio sockets) and keeps them idle. Run as a child process so the harness stays light:

    python -m wgbench.idle_loader HOST PORT USER PASSWORD DBNAME N CONCURRENCY

Raw sockets rather than asyncpg: asyncpg derives the SCRAM key in a Python loop (~30 ms of client
CPU per login), which would be measured as set-up time. The harness's SCRAM client derives it once
per (password, salt, iterations), so set-up time is the server's (TCP + startup + SCRAM round trips).

It prints one JSON line when all connections are open (set-up times, errors), then reads commands
from stdin: `check` runs SELECT 1 on every open connection (were they all kept?) and prints a JSON
line; `close` (or end of input) closes them and exits."""
from __future__ import annotations

import asyncio
import json
import struct
import sys
import time

from .env import util  # noqa: F401  (puts the compat harness on sys.path)
from harness.pgwire import _Scram, message, parse_error_fields, startup_packet


class LoginError(Exception):
    pass


async def read_message(reader) -> tuple[bytes, bytes]:
    head = await reader.readexactly(5)
    (length,) = struct.unpack("!I", head[1:])
    return head[:1], await reader.readexactly(length - 4)


async def until_ready(reader) -> None:
    while True:
        kind, payload = await read_message(reader)
        if kind == b"E":
            raise LoginError(parse_error_fields(payload).get("M", "error"))
        if kind == b"Z":
            return


async def login(host, port, user, password, dbname):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(startup_packet({"user": user, "database": dbname, "application_name": "wgbench-idle"}))
    scram = _Scram(password)
    while True:
        kind, payload = await read_message(reader)
        if kind == b"E":
            raise LoginError(parse_error_fields(payload).get("M", "error"))
        if kind != b"R":
            raise LoginError(f"unexpected message {kind!r} during login")
        (code,) = struct.unpack("!I", payload[:4])
        if code == 10:
            first = scram.client_first().encode()
            writer.write(message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(first)) + first))
        elif code == 11:
            writer.write(message(b"p", scram.client_final(payload[4:].decode()).encode()))
        elif code == 12:
            scram.verify_server_final(payload[4:].decode())
        elif code == 0:
            await until_ready(reader)
            return reader, writer
        else:
            raise LoginError(f"unsupported authentication request {code}")


def count(errors: dict, e: Exception) -> None:
    key = f"{type(e).__name__}: {e}"[:200]
    errors[key] = errors.get(key, 0) + 1


async def open_all(host, port, user, password, dbname, n, concurrency):
    sem = asyncio.Semaphore(concurrency)  # bounded, so set-up time is not queueing time
    conns, times_ms, errors = [], [], {}

    async def one():
        async with sem:
            t0 = time.perf_counter()
            try:
                conns.append(await asyncio.wait_for(login(host, port, user, password, dbname), 60))
            except Exception as e:  # counted, not fatal: errors are part of the result
                count(errors, e)
                return
            times_ms.append((time.perf_counter() - t0) * 1000)

    t0 = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    return conns, {"opened": len(conns), "open_seconds": round(time.perf_counter() - t0, 2),
                   "setup_ms": sorted(times_ms), "errors": errors}


async def check(conns, concurrency):
    sem = asyncio.Semaphore(concurrency)
    errors = {}

    async def one(reader, writer):
        async with sem:
            try:
                writer.write(message(b"Q", b"SELECT 1\0"))
                await asyncio.wait_for(until_ready(reader), 60)
            except Exception as e:
                count(errors, e)

    await asyncio.gather(*(one(r, w) for r, w in conns))
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
    for _reader, writer in conns:
        writer.write(message(b"X"))  # Terminate
        writer.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
