"""pgbench runs (workloads 1, 2 and the load of 5): TPS from pgbench's summary, average latency from
its summary, p99 from the per-transaction log (--log), which records every transaction's latency."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .stack import Target
from .stats import percentile

SCALE = 10


def init(target: Target, scale: int = SCALE) -> None:
    """pgbench -i once, through the direct connection (the tables are shared by all targets)."""
    subprocess.run(["pgbench", "-i", "-q", "-s", str(scale)], env=target.env(), check=True,
                   capture_output=True, text=True, timeout=600)


def run(target: Target, *, clients: int, seconds: int, mode: str = "simple", select_only: bool = True,
        threads: int = 2) -> dict:
    """One pgbench run; returns tps, latency_avg_ms, latency_p99_ms, failed, error."""
    logdir = Path(tempfile.mkdtemp(prefix="wgbench-pgbench-"))
    argv = ["pgbench", "-n", "-M", mode, "-c", str(clients), "-j", str(min(threads, clients)),
            "-T", str(seconds), "--log", f"--log-prefix={logdir}/tx"]
    if select_only:
        argv.append("-S")
    try:
        r = subprocess.run(argv, env=target.env(mode), capture_output=True, text=True, timeout=seconds + 120)
        out = r.stdout + r.stderr
        res = {"tps": _num(r"^tps = ([\d.]+)", r.stdout),
               "latency_avg_ms": _num(r"^latency average = ([\d.]+) ms", r.stdout),
               "failed": int(_num(r"^number of failed transactions: (\d+)", r.stdout) or 0),
               "transactions": int(_num(r"^number of transactions actually processed: (\d+)", r.stdout) or 0)}
        lat = _log_latencies_us(logdir)
        res["latency_p99_ms"] = round(percentile(lat, 99) / 1000, 3) if lat else None
        if r.returncode != 0 or res["tps"] is None:
            res["error"] = _first_error(out) or f"pgbench exited with {r.returncode}"
        return res
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


def _num(pattern: str, text: str):
    m = re.search(pattern, text, re.M)
    return float(m.group(1)) if m else None


def _log_latencies_us(logdir: Path) -> list[int]:
    """Field 3 of each log line is the transaction's elapsed time in microseconds."""
    lat = []
    for f in logdir.iterdir():
        with open(f) as fh:
            for line in fh:
                parts = line.split(" ", 3)
                if len(parts) > 2 and parts[2].isdigit():  # "failed"/"skipped" carry no time
                    lat.append(int(parts[2]))
    lat.sort()
    return lat


def _first_error(out: str) -> str | None:
    for line in out.splitlines():
        if "error" in line.lower() or "abort" in line.lower() or "FATAL" in line:
            return line.strip()[:300]
    return None
