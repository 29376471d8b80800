"""Machine and software facts recorded with every result (numbers mean little without them)."""
from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

from .env import ROOT, servers


def _cmd(argv) -> str:
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (r.stdout + r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def collect(pg_version: str, gateway_java_opts: list[str]) -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), "?")
    mem_kib = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                   if l.startswith("MemTotal"))
    java = servers.find_java()
    return {
        "cores": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "jdk": _cmd([str(java), "-version"]) + f" ({java.parent.parent})",
        "gateway_java_opts": " ".join(gateway_java_opts),
        "gateway_commit": _cmd(["git", "-C", str(ROOT), "describe", "--always", "--dirty"]),
        "postgresql": pg_version, "pgbench": _cmd(["pgbench", "--version"]),
        "pgbouncer": _cmd(["/usr/sbin/pgbouncer", "--version"]), "sysbench": _cmd(["sysbench", "--version"]),
        "python": platform.python_version(), "load_average_at_start": load_average(),
    }
