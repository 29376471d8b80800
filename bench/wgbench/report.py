"""Turns the raw records into the Markdown report: medians per (workload, case, target), the ratios
gateway/direct and pgbouncer/direct, and the issue's targets checked against them."""
from __future__ import annotations

from collections import defaultdict

from .stats import median, ratio


def medians(records: list[dict]) -> dict:
    """{(workload, case, target): {metric: median over rounds, 'runs': n, 'errors': [...]}}"""
    groups = defaultdict(list)
    for r in records:
        groups[(r["workload"], r["case"], r["target"])].append(r["metrics"])
    out = {}
    for key, runs in groups.items():
        ok = [m for m in runs if not m.get("error")]
        metrics = {k for m in ok for k, v in m.items() if isinstance(v, (int, float))}
        out[key] = {k: median([m.get(k) for m in ok]) for k in metrics}
        out[key]["runs"] = len(runs)
        out[key]["errors"] = sorted({m["error"] for m in runs if m.get("error")})
    return out


def _f(v, digits=0):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}"


def _r(v):
    return "–" if v is None else f"{v:.2f}"


def _cpu(metrics):
    """The proxy's CPU time per transaction (median over rounds), in microseconds."""
    return _f(metrics.get("proxy_cpu_us_per_tx"), 1)


def _cases(med, workload):
    seen = []
    for (w, c, _t) in med:
        if w == workload and c not in seen:
            seen.append(c)
    return seen


def _errors(med, workload, case, targets):
    errs = [f"{t}: {e}" for t in targets for e in med.get((workload, case, t), {}).get("errors", [])]
    return "; ".join(errs) if errs else ""


def pgbench_table(med, workload) -> list[str]:
    tg = ["direct", "pgbouncer", "gateway"]
    lines = ["| case | direct TPS | pgbouncer TPS | gateway TPS | gateway/direct | pgbouncer/direct "
             "| latency avg / p99 ms: direct | pgbouncer | gateway | proxy CPU µs/txn: pgbouncer | gateway "
             "| gateway peak RSS MiB | errors |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for case in _cases(med, workload):
        m = {t: med.get((workload, case, t), {}) for t in tg}
        tps = {t: m[t].get("tps") for t in tg}
        lat = {t: f"{_f(m[t].get('latency_avg_ms'), 3)} / {_f(m[t].get('latency_p99_ms'), 3)}" for t in tg}
        lines.append(f"| `{case}` | {_f(tps['direct'])} | {_f(tps['pgbouncer'])} | {_f(tps['gateway'])} "
                     f"| **{_r(ratio(tps['gateway'], tps['direct']))}** | {_r(ratio(tps['pgbouncer'], tps['direct']))} "
                     f"| {lat['direct']} | {lat['pgbouncer']} | {lat['gateway']} "
                     f"| {_cpu(m['pgbouncer'])} | {_cpu(m['gateway'])} "
                     f"| {_f(m['gateway'].get('rss_peak_mib'))} | {_errors(med, workload, case, tg)} |")
    return lines


def bulk_table(med) -> list[str]:
    tg = ["direct", "pgbouncer", "gateway"]
    lines = ["| method | direct rows/s | pgbouncer rows/s | gateway rows/s | gateway/direct | pgbouncer/direct "
             "| gateway peak RSS MiB | gateway heap used max MiB | gateway old gen start → max MiB | errors |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for case in _cases(med, "bulk"):
        m = {t: med.get(("bulk", case, t), {}) for t in tg}
        v = {t: m[t].get("rows_per_s") for t in tg}
        g = m["gateway"]
        lines.append(f"| {case} | {_f(v['direct'])} | {_f(v['pgbouncer'])} | {_f(v['gateway'])} "
                     f"| **{_r(ratio(v['gateway'], v['direct']))}** | {_r(ratio(v['pgbouncer'], v['direct']))} "
                     f"| {_f(g.get('rss_peak_mib'))} | {_f(g.get('heap_used_max_mib'))} "
                     f"| {_f(g.get('old_used_start_mib'), 1)} → {_f(g.get('old_used_max_mib'), 1)} "
                     f"| {_errors(med, 'bulk', case, tg)} |")
    return lines


def mysql_table(med) -> list[str]:
    tg = ["direct-pgsql", "pgbouncer-pgsql", "gateway-pgsql", "gateway-mysql"]
    lines = ["| sysbench test (8 threads) | direct (pgsql) TPS | pgbouncer (pgsql) TPS "
             "| gateway PostgreSQL port (pgsql) TPS | gateway MySQL port (mysql) TPS | gateway-mysql/direct "
             "| pgbouncer-pgsql/direct | gateway-pgsql/direct "
             "| latency avg / p99 ms: direct | pgbouncer | gw pgsql | gw mysql "
             "| proxy CPU µs/txn: pgbouncer | gw pgsql | gw mysql | errors |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for case in _cases(med, "mysql"):
        m = {t: med.get(("mysql", case, t), {}) for t in tg}
        v = {t: m[t].get("tps") for t in tg}
        lat = {t: f"{_f(m[t].get('latency_avg_ms'), 2)} / {_f(m[t].get('latency_p99_ms'), 2)}" for t in tg}
        lines.append(f"| {case} | {_f(v['direct-pgsql'])} | {_f(v['pgbouncer-pgsql'])} | {_f(v['gateway-pgsql'])} "
                     f"| {_f(v['gateway-mysql'])} "
                     f"| **{_r(ratio(v['gateway-mysql'], v['direct-pgsql']))}** "
                     f"| {_r(ratio(v['pgbouncer-pgsql'], v['direct-pgsql']))} "
                     f"| {_r(ratio(v['gateway-pgsql'], v['direct-pgsql']))} "
                     f"| {lat['direct-pgsql']} | {lat['pgbouncer-pgsql']} | {lat['gateway-pgsql']} "
                     f"| {lat['gateway-mysql']} "
                     f"| {_cpu(m['pgbouncer-pgsql'])} | {_cpu(m['gateway-pgsql'])} | {_cpu(m['gateway-mysql'])} "
                     f"| {_errors(med, 'mysql', case, tg)} |")
    return lines


def connections_section(c: dict) -> list[str]:
    if not c:
        return []
    o, b, w, chk = c.get("open", {}), c.get("baseline", {}), c.get("with_idle", {}), c.get("check", {})
    errors = {**o.get("errors", {}), **chk.get("check_errors", {})}
    return [
        "| measure | value |", "|---|---|",
        f"| gateway JVM options | `{c.get('java_opts')}`; engine.pool-mode=transaction, engine.pool.size={c.get('engine_pool_size')} |",
        f"| idle connections opened / asked | {o.get('opened')} / {c.get('idle_connections')} in {o.get('open_seconds')} s ({c.get('loader_concurrency')} at a time) |",
        f"| connection set-up p50 / p99 / max | {o.get('setup_p50_ms')} / {o.get('setup_p99_ms')} / {o.get('setup_max_ms')} ms |",
        f"| gateway RSS: idle / after opening / peak (VmHWM) | {c.get('rss_idle_gateway_mib')} / {c.get('rss_after_open_mib')} / **{c.get('rss_hwm_mib')}** MiB |",
        f"| select-only prepared -c 8 without idle connections | {_f(b.get('tps'))} TPS, avg {b.get('latency_avg_ms')} ms, p99 {b.get('latency_p99_ms')} ms, failed {b.get('failed')} {b.get('error', '')} |",
        f"| same, with the idle connections held | {_f(w.get('tps'))} TPS, avg {w.get('latency_avg_ms')} ms, p99 {w.get('latency_p99_ms')} ms, failed {w.get('failed')} {w.get('error', '')} |",
        f"| idle connections answering SELECT 1 afterwards | {chk.get('checked')} checked |",
        f"| errors | {errors or 'none'} |",
    ]


def targets_section(med, conn: dict) -> list[str]:
    def tps(w, case, t, key="tps"):
        return med.get((w, case, t), {}).get(key)

    lines = ["| target (issue 6) | measured | met? |", "|---|---|---|"]
    c = "-M prepared -c 8"
    g, p = ratio(tps("select-only", c, "gateway"), tps("select-only", c, "direct")), \
        ratio(tps("select-only", c, "pgbouncer"), tps("select-only", c, "direct"))
    if g is not None:
        lines.append(f"| select-only prepared, 8 clients: gateway/direct ≥ pgbouncer/direct and ≥ 0.8 "
                     f"| {_r(g)} vs pgbouncer {_r(p)} | {_yes(g >= 0.8 and (p is None or g >= p))} |")
    bulk = [ratio(tps("bulk", m, "gateway", "rows_per_s"), tps("bulk", m, "direct", "rows_per_s"))
            for m in _cases(med, "bulk")]
    bulk = [b for b in bulk if b is not None]
    if bulk:
        lines.append(f"| bulk read ≥ 0.8 of direct, heap flat | worst {_r(min(bulk))}, best {_r(max(bulk))} "
                     f"| {_yes(min(bulk) >= 0.8)} (heap: see the bulk table) |")
    if conn:
        hwm = conn.get("rss_hwm_mib")
        errs = {**conn.get("open", {}).get("errors", {}), **conn.get("check", {}).get("check_errors", {})}
        failed = conn.get("with_idle", {}).get("failed") or conn.get("with_idle", {}).get("error")
        ok = hwm is not None and hwm < 1024 and not errs and not failed and \
            conn.get("open", {}).get("opened") == conn.get("idle_connections")
        lines.append(f"| {conn.get('idle_connections')} idle connections < 1 GiB RSS, no error in workload 1 "
                     f"| VmHWM {hwm} MiB, errors {errs or 'none'}, failed {failed or 0} | {_yes(ok)} |")
    my = ratio(tps("mysql", "oltp_point_select", "gateway-mysql"), tps("mysql", "oltp_point_select", "direct-pgsql"))
    if my is not None:
        lines.append(f"| MySQL point select ≥ 0.7 of direct pgsql | {_r(my)} | {_yes(my >= 0.7)} |")
    return lines


def _yes(b: bool) -> str:
    return "yes" if b else "**no**"


def markdown(results: dict) -> str:
    med = medians(results["records"])
    f = results["facts"]
    a = results["args"]
    out = [f"# wiregate benchmark {results['started']}", "",
           f"`bench/run {a['argv']}` — {a['rounds']} round(s), medians over rounds; targets interleaved "
           f"(the order rotates each round). {a['seconds']} s per pgbench/sysbench run.", "",
           "| machine | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in f.items()]
    out += [f"| load average before each round | {', '.join(results.get('load_per_round', []))} |",
            f"| load average at the end | {results.get('load_at_end', '?')} |", ""]
    if results.get("finished") is not True:
        out += ["**Incomplete run** (interrupted or failed): " + str(results.get("finished")), ""]
    sections = [("## Targets", targets_section(med, results.get("connections") or {})),
                ("## 1. pgbench select-only (`-S`), scale 10", pgbench_table(med, "select-only")),
                ("## 2. pgbench TPC-B-like (default script)", pgbench_table(med, "tpcb")),
                (f"## 3. Bulk read ({a.get('bulk_rows'):,} rows x 5 columns)", bulk_table(med)),
                ("## 4. MySQL surface: sysbench", mysql_table(med)),
                ("## 5. Idle connections (transaction pool mode)", connections_section(results.get("connections") or {}))]
    for title, lines in sections:
        if len(lines) > 2 or (lines and "Targets" in title):
            out += [title, ""] + lines + [""]
    notes = results.get("notes") or []
    if notes:
        out += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)
