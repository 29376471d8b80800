"""The servers of one benchmark run: one PostgreSQL, a PgBouncer and the gateway in front of it.

Everything listens on 127.0.0.1 and is stopped by pid, in reverse start order, by `close()` (the
runner calls it from `finally`, so Ctrl-C stops them too)."""
from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field

from .env import servers
from .pgbouncer import PgBouncer

DBNAME = "bench"
BENCH_USER = "wgbench"
BENCH_PASSWORD = "wg-Bench_pw.1"

# Modest tuning for a small machine: the data sets (pgbench -s 10, 2M-row bulk table, sysbench
# tables) fit in shared_buffers; durability is off as in the tests, so the disk is not measured.
PG_SETTINGS = {
    "shared_buffers": "512MB", "max_connections": 200, "work_mem": "16MB",
    "maintenance_work_mem": "256MB", "effective_cache_size": "2GB", "max_wal_size": "4GB",
    "checkpoint_timeout": "30min", "ssl": "off", "autovacuum": "off",
}

# The gateway's JVM options (part of the report). A fixed heap keeps RSS comparable across runs.
# The heap fixed, and Netty's leak sampling off as `./gw run` has it.
GATEWAY_JAVA_OPTS = shlex.split(os.environ.get("WIREGATE_BENCH_JAVA_OPTS",
                                               "-Xms512m -Xmx512m -Dio.netty.leakDetection.level=disabled"))


@dataclass
class Target:
    """One way for a PostgreSQL client to reach the database."""
    name: str
    host: str
    port: int
    dbname: str = DBNAME
    # Databases to use instead of `dbname` for some pgbench protocol modes (PgBouncer 1.18 can
    # only run -M prepared through a session pool).
    dbname_for_mode: dict = field(default_factory=dict)
    pid: int | None = None  # the gateway's JVM, for RSS and heap sampling
    proxy_pid: int | None = None  # the proxy in the path (gateway or PgBouncer), for its CPU time

    def env(self, mode: str | None = None) -> dict:
        return {**os.environ, "PGHOST": self.host, "PGPORT": str(self.port), "PGUSER": BENCH_USER,
                "PGPASSWORD": BENCH_PASSWORD, "PGDATABASE": self.dbname_for_mode.get(mode, self.dbname),
                "PGSSLMODE": "disable", "PGAPPNAME": "wgbench"}

    def dsn(self) -> str:
        return (f"host={self.host} port={self.port} dbname={self.dbname} user={BENCH_USER} "
                f"password={BENCH_PASSWORD} sslmode=disable")


def gateway_engine(pg: servers.DebianPostgres, **extra) -> dict:
    """engine.kind=postgres on the bench database, as the same role the direct clients use."""
    return {"kind": "postgres", "url": f"jdbc:postgresql://{pg.host}:{pg.port}/{DBNAME}",
            "user": BENCH_USER, "password": BENCH_PASSWORD, "pool": {"size": 20}, **extra}


def start_gateway(label: str, pg: servers.DebianPostgres, java_opts: list[str], **engine) -> servers.Gateway:
    gw = servers.Gateway(label, gateway_engine(pg, **engine), java_opts=java_opts, config={
        # MySQL databases are schemas of the bench database; sysbench links libmariadb, which
        # speaks mysql_native_password without TLS or an RSA key exchange.
        "protocols": {"mysql": {"database": DBNAME, "default-auth-plugin": "mysql_native_password"}},
    })
    gw.start([(BENCH_USER, BENCH_PASSWORD)])
    return gw


class Stack:
    def __init__(self, pgbouncer: bool = True, gateway: bool = True, java_opts: list[str] | None = None):
        self.want_pgbouncer = pgbouncer
        self.want_gateway = gateway
        self.java_opts = java_opts or GATEWAY_JAVA_OPTS
        self.pg: servers.DebianPostgres | None = None
        self.bouncer: PgBouncer | None = None
        self.gateway: servers.Gateway | None = None
        self.targets: dict[str, Target] = {}

    def start(self) -> "Stack":
        log("starting PostgreSQL")
        self.pg = servers.DebianPostgres("bench", settings=PG_SETTINGS).start()
        self.pg.admin_sql(f"CREATE ROLE {BENCH_USER} LOGIN PASSWORD {servers.sql_literal(BENCH_PASSWORD)}")
        self.pg.admin_sql(f"CREATE DATABASE {DBNAME} OWNER {BENCH_USER}")
        self.targets["direct"] = Target("direct", self.pg.host, self.pg.port)
        if self.want_pgbouncer:
            log("starting PgBouncer")
            self.bouncer = PgBouncer(self.pg.host, self.pg.port, DBNAME, [(BENCH_USER, BENCH_PASSWORD)]).start()
            self.targets["pgbouncer"] = Target("pgbouncer", self.bouncer.host, self.bouncer.port,
                                               dbname_for_mode={"prepared": self.bouncer.session_dbname},
                                               proxy_pid=self.bouncer.proc.pid)
        if self.want_gateway:
            log(f"starting the gateway ({' '.join(self.java_opts)})")
            self.gateway = start_gateway("bench-gw", self.pg, self.java_opts)
            self.targets["gateway"] = Target("gateway", self.gateway.host, self.gateway.port,
                                             pid=self.gateway.proc.pid, proxy_pid=self.gateway.proc.pid)
        return self

    def pg_version(self) -> str:
        return self.pg.admin_sql("SHOW server_version").strip()

    def close(self) -> None:
        for name, s in (("gateway", self.gateway), ("pgbouncer", self.bouncer), ("postgres", self.pg)):
            if s is not None:
                try:
                    s.stop()
                except Exception as e:  # keep stopping the others
                    log(f"stopping {name} failed: {e}")
        self.gateway = self.bouncer = self.pg = None


def log(msg: str) -> None:
    print(f"bench: {msg}", flush=True)
