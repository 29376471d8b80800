"""What a test gets for one target: connection parameters plus client helpers."""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

from . import util

DIRECT = "direct"
GATEWAY_EMBEDDED = "gateway-embedded"
GATEWAY_EXTERNAL = "gateway-external"
# The embedded-engine gateway in engine.pool-mode: transaction, with a small engine pool.
GATEWAY_TXPOOL = "gateway-txpool"
ALL_TARGETS = (DIRECT, GATEWAY_EMBEDDED, GATEWAY_EXTERNAL, GATEWAY_TXPOOL)

CONNECT_TIMEOUT = 15


def conninfo_quote(value) -> str:
    s = str(value)
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass
class Target:
    name: str
    host: str
    port: int
    user: str
    password: str
    dbname: str
    sslrootcert: str | None = None
    # Further login users: role -> (user, password). "utf8" has a non-ASCII password.
    users: dict[str, tuple[str, str]] = field(default_factory=dict)
    log_path: Path | None = None
    data_dir: Path | None = None
    max_message_size: int | None = None
    # The gateway's MySQL port (None for direct PostgreSQL).
    mysql_port: int | None = None

    @property
    def is_gateway(self) -> bool:
        return self.name != DIRECT

    @property
    def on_jdbc_path(self) -> bool:
        """A gateway whose PostgreSQL sessions run through the JDBC path, not the relay: transaction
        pool mode. The other gateway targets relay (protocols.postgres.relay, session pool mode)."""
        return self.name == GATEWAY_TXPOOL

    def params(self, **overrides) -> dict:
        p = dict(host=self.host, port=self.port, user=self.user, password=self.password,
                 dbname=self.dbname, sslmode="disable", connect_timeout=CONNECT_TIMEOUT,
                 application_name="wiregate-compat")
        p.update(overrides)
        return {k: v for k, v in p.items() if v is not None}

    def conninfo(self, include_password: bool = False, **overrides) -> str:
        p = self.params(**overrides)
        if not include_password:
            p.pop("password", None)
        return " ".join(f"{k}={conninfo_quote(v)}" for k, v in p.items())

    def connect(self, **overrides):
        return psycopg2.connect(**self.params(**overrides))

    def psql(self, *args: str, input: str | None = None, password: str | None = None,
             timeout: float = 60, **overrides) -> subprocess.CompletedProcess:
        """Run Debian's psql against this target. Never prompts (-w); password via PGPASSWORD."""
        psql = os.environ.get("WIREGATE_PSQL") or shutil.which("psql") or "/usr/bin/psql"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(PGPASSWORD=self.password if password is None else password,
                   PGCONNECT_TIMEOUT=str(CONNECT_TIMEOUT), LC_ALL="C.UTF-8", PAGER="cat",
                   PSQL_PAGER="cat", PGCLIENTENCODING="UTF8")
        argv = [psql, "-X", "-w", "-d", self.conninfo(**overrides), *args]
        return subprocess.run(argv, input=input, capture_output=True, text=True, env=env,
                              timeout=timeout)

    def log_size(self) -> int:
        return util.file_size(self.log_path)

    def log_since(self, offset: int, max_chars: int = 20000) -> str:
        return util.read_since(self.log_path, offset, max_chars)
