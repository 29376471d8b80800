"""The five workloads. Each `run_*` measures one round: every case against every target, targets in
the round's order, and returns records {workload, case, target, round, metrics}."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import bulk, pgbench, procstat, sysbench
from .stats import percentile
from .stack import BENCH_PASSWORD, BENCH_USER, DBNAME, GATEWAY_JAVA_OPTS, Stack, Target, log, start_gateway


@dataclass
class Settings:
    seconds: int = 10          # per pgbench / sysbench run
    bulk_rows: int = 2_000_000
    idle_connections: int = 5000
    connections_seconds: int = 20


def rec(workload, case, target, rnd, metrics):
    return {"workload": workload, "case": case, "target": target, "round": rnd, "metrics": metrics}


def ordered(stack: Stack, order: list[str]) -> list[Target]:
    return [stack.targets[n] for n in order if n in stack.targets]


def measure(target: Target, fn):
    """Runs fn(); meters the proxy's CPU time, and for the gateway also samples its RSS and heap."""
    with procstat.CpuMeter(target.proxy_pid) as cpu, procstat.RssSampler(target.pid) as rss, \
            procstat.HeapSampler(target.pid) as heap:
        metrics = fn()
    return {**metrics, **cpu.result(metrics.get("transactions")), **rss.result(), **heap.result()}


# ------------------------------------------------------------------ 1 and 2: pgbench

SELECT_ONLY_CASES = [(mode, clients) for mode in ("simple", "extended", "prepared") for clients in (1, 8)]


def run_select_only(stack, s: Settings, rnd, order):
    out = []
    for mode, clients in SELECT_ONLY_CASES:
        for t in ordered(stack, order):
            m = measure(t, lambda: pgbench.run(t, clients=clients, seconds=s.seconds, mode=mode))
            out.append(rec("select-only", f"-M {mode} -c {clients}", t.name, rnd, m))
            log(f"  select-only -M {mode} -c {clients} {t.name}: {m.get('tps')} tps {m.get('error', '')}")
    return out


def run_tpcb(stack, s: Settings, rnd, order):
    out = []
    for t in ordered(stack, order):
        m = measure(t, lambda: pgbench.run(t, clients=8, seconds=s.seconds, select_only=False))
        out.append(rec("tpcb", "-c 8", t.name, rnd, m))
        log(f"  tpcb -c 8 {t.name}: {m.get('tps')} tps {m.get('error', '')}")
    return out


# ------------------------------------------------------------------ 3: bulk read

def setup_bulk(stack, s: Settings):
    log(f"creating the bulk-read table ({s.bulk_rows} rows) if needed")
    bulk.create(stack.targets["direct"], s.bulk_rows)


def run_bulk(stack, s: Settings, rnd, order):
    out = []
    for method in bulk.METHODS:
        for t in ordered(stack, order):
            m = measure(t, lambda: bulk.run(t, method, s.bulk_rows))
            out.append(rec("bulk", method, t.name, rnd, m))
            log(f"  bulk {method} {t.name}: {m.get('rows_per_s')} rows/s {m.get('error', '')}")
    return out


# ------------------------------------------------------------------ 4: MySQL surface (sysbench)

def sysbench_targets(stack):
    """name -> (driver, host, port, database): pgsql direct is the reference; the gateway's PostgreSQL
    port separates the gateway's own cost from the MySQL translation's; PgBouncer (its session pool:
    sysbench prepares statements on the server) shows what any proxy costs on this machine."""
    d, g = stack.targets["direct"], stack.gateway
    targets = {"direct-pgsql": ("pgsql", d.host, d.port, DBNAME),
               "gateway-pgsql": ("pgsql", g.host, g.port, DBNAME),
               "gateway-mysql": ("mysql", g.host, g.mysql_port, sysbench.MYSQL_DB)}
    if stack.bouncer is not None:
        b = stack.bouncer
        targets["pgbouncer-pgsql"] = ("pgsql", b.host, b.port, b.session_dbname)
    return targets


def setup_mysql(stack, s: Settings):
    """Tables: pgsql driver in public (direct), mysql driver through the gateway's MySQL port."""
    notes = {}
    for name in ("direct-pgsql", "gateway-mysql"):
        driver, host, port, _ = sysbench_targets(stack)[name]
        log(f"sysbench prepare via {name}")
        t0 = time.monotonic()
        r = sysbench.prepare(driver, host, port)
        notes[name] = {"prepare_seconds": round(time.monotonic() - t0, 1), **r}
        if r.get("error"):
            log(f"  sysbench prepare via {name} failed: {r['error']}")
    return notes


def run_mysql(stack, s: Settings, rnd, order):
    targets = sysbench_targets(stack)
    names = list(targets)
    names = names[rnd % len(names):] + names[:rnd % len(names)]
    out = []
    pid = stack.targets["gateway"].pid
    for test in sysbench.TESTS:
        for name in names:
            driver, host, port, dbname = targets[name]
            proxy = {"pgbouncer-pgsql": stack.targets.get("pgbouncer"), "gateway-pgsql": stack.targets["gateway"],
                     "gateway-mysql": stack.targets["gateway"]}.get(name)
            tgt = Target(name, host, port, pid=pid if name.startswith("gateway") else None,
                         proxy_pid=proxy.proxy_pid if proxy else None)
            m = measure(tgt, lambda: sysbench.run(test, driver, host, port, threads=8, seconds=s.seconds,
                                                  dbname=dbname))
            out.append(rec("mysql", test, name, rnd, m))
            log(f"  sysbench {test} {name}: {m.get('tps')} tps {m.get('error', '')}")
    return out


# ------------------------------------------------------------------ 5: idle connections

LOADER_CONCURRENCY = 50  # logins in flight at once


def run_connections(stack, s: Settings):
    """Once per run: a second gateway in transaction pool mode; workload 1 (prepared, 8 clients)
    without, then with N idle client connections held open."""
    pg = stack.pg
    log(f"connections: starting a gateway with engine.pool-mode=transaction ({' '.join(GATEWAY_JAVA_OPTS)})")
    gw = start_gateway("bench-gw-txpool", pg, GATEWAY_JAVA_OPTS, **{"pool-mode": "transaction"})
    loader = None
    try:
        t = Target("gateway-txpool", gw.host, gw.port, pid=gw.proc.pid)
        res = {"java_opts": " ".join(GATEWAY_JAVA_OPTS), "engine_pool_size": 20,
               "loader_concurrency": LOADER_CONCURRENCY,
               "idle_connections": s.idle_connections,
               "rss_idle_gateway_mib": round((procstat.status_kib(t.pid, "VmRSS") or 0) / 1024, 1)}
        pgbench.run(t, clients=8, seconds=3, mode="prepared")  # warm-up
        res["baseline"] = pgbench.run(t, clients=8, seconds=s.connections_seconds, mode="prepared")
        log(f"  baseline (no idle connections): {res['baseline'].get('tps')} tps")
        loader = subprocess.Popen([sys.executable, "-m", "wgbench.idle_loader", t.host, str(t.port),
                                   BENCH_USER, BENCH_PASSWORD, DBNAME, str(s.idle_connections), str(LOADER_CONCURRENCY)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  cwd=str(Path(__file__).parent.parent))
        opened = json.loads(loader.stdout.readline())
        times = opened.pop("setup_ms")
        res["open"] = {**opened, "setup_p50_ms": round(percentile(times, 50) or 0, 2),
                       "setup_p99_ms": round(percentile(times, 99) or 0, 2),
                       "setup_max_ms": round(times[-1], 2) if times else None}
        res["rss_after_open_mib"] = round((procstat.status_kib(t.pid, "VmRSS") or 0) / 1024, 1)
        log(f"  opened {opened['opened']} idle connections in {opened['open_seconds']} s, "
            f"RSS {res['rss_after_open_mib']} MiB, errors {opened['errors']}")
        res["with_idle"] = measure(t, lambda: pgbench.run(t, clients=8, seconds=s.connections_seconds,
                                                          mode="prepared"))
        log(f"  with idle connections: {res['with_idle'].get('tps')} tps")
        loader.stdin.write("check\n")
        loader.stdin.flush()
        res["check"] = json.loads(loader.stdout.readline())
        res["rss_hwm_mib"] = round((procstat.status_kib(t.pid, "VmHWM") or 0) / 1024, 1)
        res["heap_info"] = _heap_info(t.pid)
        log(f"  idle connections still working: {res['check']}; gateway VmHWM {res['rss_hwm_mib']} MiB")
        return res
    finally:
        if loader is not None:
            try:
                loader.stdin.close()
                loader.wait(timeout=120)
            except Exception:
                loader.kill()
        gw.stop()


def _heap_info(pid: int) -> str:
    r = subprocess.run([procstat.jdk_tool("jcmd"), str(pid), "GC.heap_info"], capture_output=True,
                       text=True, timeout=60)
    return "\n".join(l for l in r.stdout.splitlines()[1:] if l.strip())
