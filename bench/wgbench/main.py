"""bench/run's Python side: start the stack, run the chosen workloads for N interleaved rounds,
write bench/results/<timestamp>.{md,json} and latest.{md,json}. Servers are stopped at the end,
on error and on Ctrl-C/SIGTERM."""
from __future__ import annotations

import argparse
import json
import resource
import shlex
import shutil
import signal
import sys
import time

from . import facts, pgbench, workloads
from .env import RESULTS_DIR
from .report import markdown
from .stack import GATEWAY_JAVA_OPTS, Stack, log

ROUND_WORKLOADS = {"select-only": workloads.run_select_only, "tpcb": workloads.run_tpcb,
                   "bulk": workloads.run_bulk, "mysql": workloads.run_mysql}
ALL = [*ROUND_WORKLOADS, "connections"]
TARGET_NAMES = ["direct", "pgbouncer", "gateway"]


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    p.add_argument("--quick", action="store_true",
                   help="smoke test: 1 round, 3 s runs, 200k-row bulk table, 500 idle connections")
    p.add_argument("--workloads", default=",".join(ALL), help=f"comma-separated subset of {','.join(ALL)}")
    p.add_argument("--rounds", type=int, help="interleaved rounds (default 3; --quick: 1)")
    p.add_argument("--seconds", type=int, help="seconds per pgbench/sysbench run (default 10; --quick: 3)")
    p.add_argument("--idle-connections", type=int, help="workload 5 (default 5000; --quick: 500)")
    p.add_argument("--no-write", action="store_true", help="print the report, write no results file")
    a = p.parse_args(argv)
    a.workloads = [w.strip() for w in a.workloads.split(",") if w.strip()]
    unknown = set(a.workloads) - set(ALL)
    if unknown:
        p.error(f"unknown workload(s) {', '.join(sorted(unknown))}; choose from {', '.join(ALL)}")
    a.rounds = a.rounds or (1 if a.quick else 3)
    return a


def settings(a) -> workloads.Settings:
    if a.quick:
        s = workloads.Settings(seconds=3, bulk_rows=200_000, idle_connections=500, connections_seconds=3)
    else:
        s = workloads.Settings()
    if a.seconds:
        s.seconds = s.connections_seconds = a.seconds
    if a.idle_connections:
        s.idle_connections = a.idle_connections
    return s


def raise_fd_limit() -> None:
    """5,000 client sockets in the loader, as many in the gateway: children inherit the limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def on_sigterm(*_):
    raise KeyboardInterrupt  # unwinds through the `finally` that stops the servers


def main(argv=None) -> int:
    a = parse_args(sys.argv[1:] if argv is None else argv)
    s = settings(a)
    signal.signal(signal.SIGTERM, on_sigterm)
    raise_fd_limit()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    results = {"started": stamp, "finished": False, "records": [], "notes": [], "load_per_round": [],
               "args": {"argv": shlex.join(sys.argv[1:] if argv is None else argv), "rounds": a.rounds,
                        "seconds": s.seconds, "bulk_rows": s.bulk_rows, "workloads": a.workloads}}
    stack = Stack()
    try:
        stack.start()
        results["facts"] = facts.collect(stack.pg_version(), GATEWAY_JAVA_OPTS)
        setup(stack, s, a.workloads, results)
        for rnd in range(a.rounds):
            order = TARGET_NAMES[rnd % 3:] + TARGET_NAMES[:rnd % 3]
            results["load_per_round"].append(facts.load_average())
            log(f"round {rnd + 1}/{a.rounds}, order {' -> '.join(order)}")
            for w in a.workloads:
                if w in ROUND_WORKLOADS:
                    results["records"] += ROUND_WORKLOADS[w](stack, s, rnd, order)
            write(results, a)
        if "connections" in a.workloads:
            results["connections"] = workloads.run_connections(stack, s)
        results["finished"] = True
    except KeyboardInterrupt:
        results["finished"] = "interrupted"
        log("interrupted; stopping the servers")
    except Exception as e:
        results["finished"] = f"failed: {type(e).__name__}: {e}"
        raise
    finally:
        results["load_at_end"] = facts.load_average()
        stack.close()
        if "facts" in results:
            path = write(results, a)
            print(markdown(results))
            if path:
                log(f"wrote {path}")
    return 0 if results["finished"] is True else 1


def setup(stack, s, chosen, results) -> None:
    direct = stack.targets["direct"]
    if {"select-only", "tpcb", "connections"} & set(chosen):
        log(f"pgbench -i -s {pgbench.SCALE}")
        pgbench.init(direct)
        # JIT warm-up for the gateway (and the same for the others): not recorded.
        for t in stack.targets.values():
            for mode in ("simple", "prepared"):
                pgbench.run(t, clients=8, seconds=2 if s.seconds <= 3 else 5, mode=mode)
    if "bulk" in chosen:
        workloads.setup_bulk(stack, s)
    if "mysql" in chosen:
        from . import sysbench
        if s.seconds <= 3:
            sysbench.TABLES, sysbench.TABLE_SIZE = 1, 10_000
        results["sysbench_prepare"] = workloads.setup_mysql(stack, s)
        for name, r in results["sysbench_prepare"].items():
            if r.get("error"):
                results["notes"].append(f"sysbench prepare through {name} failed: {r['error']}")
    results["notes"].append("PgBouncer 1.18 (Debian 12) has no protocol-level prepared statements in "
                            "transaction pooling, so its `-M prepared` runs use a session-pool alias of "
                            "the same database; every other PgBouncer run uses transaction pooling.")
    results["notes"].append("Proxy CPU µs/txn: the user + system CPU time of the proxy process (PgBouncer, or "
                            "the gateway's whole JVM: event loops, virtual threads, JIT and GC) over the run, "
                            "divided by the transactions the client counted. It is what one transaction costs "
                            "the proxy, and varies less between runs than the TPS ratios, which depend on how "
                            "client, server and proxy happen to share the cores.")


def write(results, a):
    if a.no_write:
        return None
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    # A smoke test (--quick) never replaces latest.* and is not meant to be committed.
    base = RESULTS_DIR / (results["started"] + ("-quick" if a.quick else ""))
    (base.with_suffix(".json")).write_text(json.dumps(results, indent=1, default=str) + "\n")
    (base.with_suffix(".md")).write_text(markdown(results))
    if not a.quick:
        for ext in (".json", ".md"):
            shutil.copyfile(base.with_suffix(ext), RESULTS_DIR / f"latest{ext}")
    return base.with_suffix(".md")


if __name__ == "__main__":
    sys.exit(main())
