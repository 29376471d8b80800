"""Samples a proxy while a workload runs: CPU time and resident memory from /proc, heap from jstat
(the gateway's JVM only)."""
from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

from .env import servers


def status_kib(pid: int, key: str) -> int | None:
    """A `kB` field of /proc/<pid>/status (VmRSS, VmHWM), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_peak_rss(pid: int) -> bool:
    """Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs), so a peak is per workload."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of the whole process (all its threads) so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """The CPU time a process used while the block ran. Per transaction, it is the proxy's cost of
    one transaction: steadier than TPS ratios on a machine where client, server and proxy share
    the cores, because it does not depend on who got the CPU."""

    def __init__(self, pid: int | None):
        self.pid = pid
        self.start: float | None = None
        self.used: float | None = None

    def __enter__(self):
        if self.pid:
            self.start = cpu_seconds(self.pid)
        return self

    def __exit__(self, *exc):
        end = cpu_seconds(self.pid) if self.pid else None
        if self.start is not None and end is not None:
            self.used = end - self.start

    def result(self, transactions: float | None) -> dict:
        if self.used is None:
            return {}
        out = {"proxy_cpu_s": round(self.used, 2)}
        if transactions:
            out["proxy_cpu_us_per_tx"] = round(self.used * 1e6 / transactions, 1)
        return out


class RssSampler:
    """Polls VmRSS every `interval` s in a thread; `peak_mib` is the largest sample (and VmHWM)."""

    def __init__(self, pid: int | None, interval: float = 0.05):
        self.pid, self.interval = pid, interval
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.hwm_reset = False

    def __enter__(self):
        if self.pid:
            self.hwm_reset = reset_peak_rss(self.pid)
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(self.interval):
            v = status_kib(self.pid, "VmRSS")
            if v is not None:
                self.samples.append(v)

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread:
            self._thread.join()

    def result(self) -> dict:
        if not self.pid:
            return {}
        hwm = status_kib(self.pid, "VmHWM") if self.hwm_reset else None
        peak = max(self.samples + ([hwm] if hwm else []), default=None)
        return {"rss_peak_mib": round(peak / 1024, 1) if peak else None,
                "rss_end_mib": round((status_kib(self.pid, "VmRSS") or 0) / 1024, 1)}


def jdk_tool(name: str) -> str:
    """jstat/jcmd of the JDK that runs the gateway (the one on PATH may be older)."""
    tool = servers.find_java().parent / name
    return str(tool) if tool.exists() else name


class HeapSampler:
    """`jstat -gc <pid> <ms>` in the background: max heap used and max old-generation used (MiB).
    Old-generation growth is what a materialised result would show; young-gen churn is normal."""

    def __init__(self, pid: int | None, interval_ms: int = 250):
        self.pid, self.interval_ms = pid, interval_ms
        self.proc: subprocess.Popen | None = None
        self.rows: list[dict] = []
        self._thread: threading.Thread | None = None

    def __enter__(self):
        if self.pid:
            self.proc = subprocess.Popen([jdk_tool("jstat"), "-gc", str(self.pid), str(self.interval_ms)],
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            self._thread = threading.Thread(target=self._read, daemon=True)
            self._thread.start()
        return self

    def _read(self):
        header = None
        for line in self.proc.stdout:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "S0C":
                header = parts
                continue
            if header and len(parts) == len(header):
                try:
                    self.rows.append(dict(zip(header, map(float, parts))))
                except ValueError:
                    pass

    def __exit__(self, *exc):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self._thread.join(timeout=10)

    def result(self) -> dict:
        if not self.rows:
            return {}
        used = [r["S0U"] + r["S1U"] + r["EU"] + r["OU"] for r in self.rows]
        return {"heap_used_max_mib": round(max(used) / 1024, 1),
                "old_used_start_mib": round(self.rows[0]["OU"] / 1024, 1),
                "old_used_max_mib": round(max(r["OU"] for r in self.rows) / 1024, 1),
                "young_gcs": int(self.rows[-1]["YGC"] - self.rows[0]["YGC"]),
                "full_gcs": int(self.rows[-1]["FGC"] - self.rows[0]["FGC"])}
