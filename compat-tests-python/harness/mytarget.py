"""What a MySQL test gets for one MySQL target: connection parameters plus client helpers."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from . import util
from .target import Target

MYSQL_DIRECT = "mysql-direct"
MY_GATEWAY_EMBEDDED = "gateway-embedded"
MY_GATEWAY_EXTERNAL = "gateway-external"
MY_GATEWAY_TXPOOL = "gateway-txpool"
ALL_MYSQL_TARGETS = (MYSQL_DIRECT, MY_GATEWAY_EMBEDDED, MY_GATEWAY_EXTERNAL, MY_GATEWAY_TXPOOL)

DATABASE = "wgtest"
# A second database for USE / COM_INIT_DB / SHOW DATABASES.
OTHER_DATABASE = "wgother"

CONNECT_TIMEOUT = 10
READ_TIMEOUT = 30


def venv_site_packages() -> Path:
    import mysql.connector

    return Path(mysql.connector.__file__).resolve().parent.parent.parent


def cext_env() -> dict[str, str]:
    """Environment for a subprocess that can load mysql-connector's C extension: it is linked
    against the OpenSSL 3 shipped in the wheel (mysql/vendor), newer than Debian's."""
    vendor = venv_site_packages() / "mysql" / "vendor"
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = str(vendor) + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    return env


@dataclass
class MyTarget:
    name: str
    host: str
    port: int
    user: str
    password: str
    database: str = DATABASE
    # The PostgreSQL side of the same gateway (None for mysql-direct).
    pg: Target | None = None
    # CA certificate the server's TLS certificate verifies against.
    cert_path: str | None = None
    # Further login users: role -> (user, password). "utf8": non-ASCII password; "fresh": used by
    # one test only, so its first login is the first one the server sees (caching_sha2 cache);
    # "fresh_tls": the same for the full authentication over TLS.
    users: dict[str, tuple[str, str]] = field(default_factory=dict)
    log_path: Path | None = None

    @property
    def is_gateway(self) -> bool:
        return self.name != MYSQL_DIRECT

    @property
    def is_mariadb(self) -> bool:
        return self.name == MYSQL_DIRECT

    # ------------------------------------------------------------------ clients

    def pymysql(self, **kw):
        import pymysql

        p = dict(host=self.host, port=self.port, user=self.user, password=self.password,
                 database=self.database, charset="utf8mb4", connect_timeout=CONNECT_TIMEOUT,
                 read_timeout=READ_TIMEOUT, write_timeout=READ_TIMEOUT)
        p.update(kw)
        return pymysql.connect(**p)

    def connector_params(self, **kw) -> dict:
        p = dict(host=self.host, port=self.port, user=self.user, password=self.password,
                 database=self.database, charset="utf8mb4", use_pure=True,
                 connection_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT,
                 write_timeout=READ_TIMEOUT)
        p.update(kw)
        return {k: v for k, v in p.items() if v is not None}

    def connector(self, **kw):
        """mysql-connector-python, pure-Python implementation unless use_pure=False is passed."""
        import mysql.connector

        return mysql.connector.connect(**self.connector_params(**kw))

    def sqlalchemy_url(self, driver: str = "pymysql", **query) -> str:
        q = {"charset": "utf8mb4", **query}
        return (f"mysql+{driver}://{quote(self.user, safe='')}:{quote(self.password, safe='')}"
                f"@{self.host}:{self.port}/{self.database}?{urlencode(q)}")

    def engine(self, driver: str = "pymysql", **kw):
        from sqlalchemy import create_engine

        connect_args = {"connect_timeout": CONNECT_TIMEOUT} if driver == "pymysql" else \
            {"connection_timeout": CONNECT_TIMEOUT, "use_pure": True}
        connect_args.update(kw.pop("connect_args", {}))
        return create_engine(self.sqlalchemy_url(driver), connect_args=connect_args, **kw)

    def mariadb(self, *args: str, input: str | None = None, password: str | None = None,
                user: str | None = None, database: str | None = "", timeout: float = 60,
                ssl: bool = False) -> subprocess.CompletedProcess:
        """Debian's `mariadb` client in batch mode; never prompts (password via MYSQL_PWD)."""
        exe = os.environ.get("WIREGATE_MARIADB_CLI") or shutil.which("mariadb") or "/usr/bin/mariadb"
        env = {k: v for k, v in os.environ.items() if not k.startswith("MYSQL")}
        env.update(MYSQL_PWD=self.password if password is None else password, LC_ALL="C.UTF-8",
                   HOME=os.environ.get("HOME", "/tmp"))
        argv = [exe, "--no-defaults", "--batch", f"--connect-timeout={CONNECT_TIMEOUT}",
                "--protocol=TCP", "-h", self.host, "-P", str(self.port), "-u", user or self.user]
        argv.append("--ssl" if ssl else "--skip-ssl")
        db = self.database if database == "" else database
        if db:
            argv += ["-D", db]
        argv += list(args)
        return subprocess.run(argv, input=input if input is not None else "", capture_output=True,
                              text=True, env=env, timeout=timeout)

    def run_cext(self, code: str, timeout: float = 60) -> subprocess.CompletedProcess:
        """Run Python `code` in a subprocess that can load the C extension; connection params are in
        the variable PARAMS (use_pure=False)."""
        prelude = ("import json, sys\nimport mysql.connector\n"
                   f"PARAMS = json.loads({self._params_json()!r})\n")
        return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True,
                              env=cext_env(), timeout=timeout, stdin=subprocess.DEVNULL)

    def _params_json(self) -> str:
        import json

        return json.dumps(self.connector_params(use_pure=False))

    # ------------------------------------------------------------------ server log

    def log_size(self) -> int:
        return util.file_size(self.log_path)

    def log_since(self, offset: int, max_chars: int = 20000) -> str:
        return util.read_since(self.log_path, offset, max_chars)
