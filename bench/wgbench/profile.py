"""bench/profile: where the gateway's time goes on select-only prepared, 8 clients (workload 1's
target case), or on sysbench oltp_point_select through the MySQL port (`--workload mysql`, workload
4's target case). Starts PostgreSQL and the gateway, records JFR for the measured run only, stops the
gateway and summarises jdk.ExecutionSample: hot methods (top frame) and the share of samples each
layer appears in. Also the gateway's CPU time per transaction.

    bench/profile [--workload pgbench|mysql] [--test oltp_point_select|oltp_read_only] [--seconds 30]
                  [--mode prepared] [--clients 8]"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from . import pgbench, procstat, sysbench
from .env import RESULTS_DIR
from .stack import GATEWAY_JAVA_OPTS, Stack, log

# Layers by class-name prefix, most specific first; a sample counts once per layer in its stack.
LAYERS = [
    ("wiregate pgwire", "wiregate.pgwire"), ("wiregate protocol", "wiregate.protocol"),
    ("wiregate engine adapter", "wiregate.engine"), ("wiregate dialect", "wiregate.dialect"),
    ("wiregate mysql", "wiregate.mysql"), ("wiregate core", "wiregate."), ("pgjdbc", "org.postgresql."), ("HikariCP", "com.zaxxer.hikari."),
    ("JSQLParser", "net.sf.jsqlparser."), ("Netty", "io.netty."), ("Caffeine", "com.github.benmanes."),
    ("Micrometer", "io.micrometer."), ("JDK virtual threads / locks", "java.util.concurrent."),
    ("JDK socket I/O", "sun.nio."), ("JDK", "java."), ("JDK internal", "jdk."),
]


def layer(cls: str) -> str:
    return next((name for name, prefix in LAYERS if cls.startswith(prefix)), "other")


SAMPLE_PERIOD = "2ms"


def jcmd(pid: int, *args: str) -> None:
    subprocess.run([procstat.jdk_tool("jcmd"), str(pid), *args], check=True, capture_output=True, timeout=120)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def summarise(jfr_file: Path, top: int = 40) -> dict:
    r = subprocess.run([procstat.jdk_tool("jfr"), "print", "--json", "--stack-depth", "64",
                        "--events", "jdk.ExecutionSample", str(jfr_file)],
                       capture_output=True, text=True, timeout=600, check=True)
    events = json.loads(r.stdout)["recording"]["events"]
    self_methods, self_layers, incl_layers, incl_methods = Counter(), Counter(), Counter(), Counter()
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        names = [f'{f["method"]["type"]["name"].replace("/", ".")}.{f["method"]["name"]}' for f in frames]
        if not names:
            continue
        self_methods[names[0]] += 1
        self_layers[layer(names[0])] += 1
        for lay in {layer(n) for n in names}:
            incl_layers[lay] += 1
        for n in set(names):
            if n.startswith("wiregate.") or n.startswith("org.postgresql.") or n.startswith("io.netty."):
                incl_methods[n] += 1
    n = len(events)
    pct = lambda c: {k: round(100 * v / n, 1) for k, v in c.most_common(top)}  # noqa: E731
    return {"samples": n, "self_methods": pct(self_methods), "self_layers": pct(self_layers),
            "inclusive_layers": pct(incl_layers), "inclusive_methods": pct(incl_methods)}


def markdown(res: dict) -> str:
    s = res["summary"]
    run = (f"pgbench `-S -M {res['mode']} -c {res['clients']} -j 2 -T {res['seconds']}`"
           if res["workload"] == "pgbench" else
           f"sysbench `{res['test']} --threads={res['clients']} --time={res['seconds']} --db-ps-mode=auto` "
           "(the mysql driver, the MySQL port)")
    out = [f"# Gateway profile {res['started']}", "",
           f"{run} through the gateway "
           f"(JVM `{res['java_opts']}`), JFR `settings=profile` with `jdk.ExecutionSample#period={SAMPLE_PERIOD}` "
           f"for the measured run only; {s['samples']} execution samples (Java code on CPU).", "",
           f"- throughput: {res['result'].get('tps')} TPS, avg {res['result'].get('latency_avg_ms')} ms, "
           f"p99 {res['result'].get('latency_p99_ms')} ms",
           f"- gateway CPU: {res['gateway_cpu_s']} s over the run = {res['gateway_cpu_us_per_tx']} µs per "
           f"transaction ({res['gateway_cores']} cores busy on average)", "",
           "## Share of samples by layer (top frame = self; anywhere in the stack = inclusive)", "",
           "| layer | self % | inclusive % |", "|---|--:|--:|"]
    for lay in s["inclusive_layers"]:
        out.append(f"| {lay} | {s['self_layers'].get(lay, 0)} | {s['inclusive_layers'][lay]} |")
    out += ["", "## Hot methods (top frame)", "", "| % | method |", "|--:|---|"]
    out += [f"| {v} | `{k}` |" for k, v in s["self_methods"].items()]
    out += ["", "## wiregate, pgjdbc and Netty methods by inclusive share", "", "| % | method |", "|--:|---|"]
    out += [f"| {v} | `{k}` |" for k, v in s["inclusive_methods"].items()]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="bench/profile", description=__doc__)
    p.add_argument("--workload", default="pgbench", choices=["pgbench", "mysql"])
    p.add_argument("--test", default="oltp_point_select", choices=list(sysbench.TESTS),
                   help="the sysbench test of --workload mysql")
    p.add_argument("--seconds", type=int, default=30)
    p.add_argument("--mode", default="prepared", choices=["simple", "extended", "prepared"])
    p.add_argument("--clients", type=int, default=8)
    a = p.parse_args(argv)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    jfr_file = Path(f"/tmp/wgbench-profile-{stamp}.jfr")
    java_opts = GATEWAY_JAVA_OPTS
    stack = Stack(pgbouncer=False)
    try:
        stack.start()
        t = stack.targets["gateway"]
        if a.workload == "pgbench":
            pgbench.init(stack.targets["direct"])
            measured_run = lambda secs: pgbench.run(t, clients=a.clients, seconds=secs, mode=a.mode)  # noqa: E731
        else:
            g = stack.gateway
            prepared = sysbench.prepare("mysql", g.host, g.mysql_port)
            if prepared.get("error"):
                raise SystemExit(f"sysbench prepare failed: {prepared['error']}")
            measured_run = lambda secs: sysbench.run(a.test, "mysql", g.host, g.mysql_port,  # noqa: E731
                                                     threads=a.clients, seconds=secs)
        log("warm-up")
        measured_run(10)
        log(f"profiling {a.seconds} s")
        # Recording only the measured run (not start-up, logins, warm-up), sampling every 2 ms.
        jcmd(t.pid, "JFR.start", "name=wgbench", "settings=profile", f"jdk.ExecutionSample#period={SAMPLE_PERIOD}")
        cpu0 = cpu_seconds(t.pid)
        result = measured_run(a.seconds)
        cpu = cpu_seconds(t.pid) - cpu0
        jcmd(t.pid, "JFR.stop", "name=wgbench", f"filename={jfr_file}")
    finally:
        stack.close()
    tx = result.get("transactions") or round((result.get("tps") or 0) * a.seconds) or 1
    res = {"started": stamp, "workload": a.workload, "test": a.test, "mode": a.mode, "clients": a.clients, "seconds": a.seconds,
           "java_opts": " ".join(java_opts), "result": result, "gateway_cpu_s": round(cpu, 1),
           "gateway_cpu_us_per_tx": round(cpu * 1e6 / tx, 1), "gateway_cores": round(cpu / a.seconds, 2),
           "jfr_file": str(jfr_file), "summary": summarise(jfr_file)}
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    md = markdown(res)
    (RESULTS_DIR / f"profile-{stamp}.md").write_text(md)
    (RESULTS_DIR / f"profile-{stamp}.json").write_text(json.dumps(res, indent=1) + "\n")
    print(md)
    log(f"wrote {RESULTS_DIR}/profile-{stamp}.md; recording kept in {jfr_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
