"""A throw-away Debian MariaDB server: the reference for the MySQL behaviour MariaDB shares with MySQL 8.

Installed into a fresh datadir under /tmp with mariadb-install-db, run as `nobody` on 127.0.0.1 and
a free port, with real authentication (no --skip-grant-tables), TLS from a self-signed certificate,
and the MySQL 8 defaults that MariaDB lets us choose (sql_mode, utf8mb4, max_allowed_packet,
lower_case_table_names=1 as the gateway emulates).
"""
from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

from . import util
from .servers import StartError, keep_tmp

# MySQL 8.0's default sql_mode; MariaDB 10.11's own default differs (no ONLY_FULL_GROUP_BY, no
# NO_ZERO_DATE...), so we set MySQL's to compare like with like.
MYSQL8_SQL_MODE = ("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                   "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION")
MYSQL8_MAX_ALLOWED_PACKET = 64 * 1024 * 1024


def find_mariadbd() -> Path:
    env = os.environ.get("WIREGATE_MARIADBD")
    for cand in ([env] if env else []) + ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"]:
        if cand and Path(cand).exists():
            return Path(cand)
    raise StartError("no MariaDB server (/usr/sbin/mariadbd): install Debian's `mariadb-server`")


def mysql_quote(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


class DebianMariaDB:
    """mariadb-install-db into /tmp, mariadbd as `nobody`, stopped by pid (SIGTERM = clean shutdown)."""

    def __init__(self, label: str):
        self.label = label
        self.mariadbd = find_mariadbd()
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.host = "127.0.0.1"
        self.port = 0
        self.log_path: Path | None = None
        self.cert_path: Path | None = None
        self.socket: Path | None = None

    def _run(self, argv, **kw) -> subprocess.CompletedProcess:
        r = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, **kw)
        if r.returncode != 0:
            raise StartError(f"{shlex.join(map(str, argv))} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return r

    def start(self) -> "DebianMariaDB":
        self.tmp = util.make_tmp_dir(f"wiregate-compat-{self.label}-")
        datadir = self.tmp / "data"
        rundir = self.tmp / "run"  # socket and pid file: must be writable by the server user
        for d in (datadir, rundir):
            d.mkdir(mode=0o755)
            util.chown_unprivileged(d)
        self.socket = rundir / "mysqld.sock"

        common = ["--lower-case-table-names=1", "--innodb-buffer-pool-size=32M"]
        self._run(util.as_unprivileged([
            "mariadb-install-db", "--no-defaults", f"--datadir={datadir}",
            "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
            *common]), cwd=self.tmp, timeout=180)

        self.cert_path, key = util.server_certificate(self.tmp)

        self.port = util.free_port()
        self.log_path = self.tmp / "mariadb.log"
        argv = [str(self.mariadbd), "--no-defaults", f"--datadir={datadir}", f"--socket={self.socket}",
                f"--pid-file={rundir / 'mysqld.pid'}", f"--port={self.port}", f"--bind-address={self.host}",
                "--skip-name-resolve", "--skip-log-bin", *common,
                "--innodb-flush-log-at-trx-commit=2", "--innodb-doublewrite=0",
                "--performance-schema=OFF", "--max-connections=100",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                f"--sql-mode={MYSQL8_SQL_MODE}", f"--max-allowed-packet={MYSQL8_MAX_ALLOWED_PACKET}",
                f"--ssl-cert={self.cert_path}", f"--ssl-key={key}"]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(util.as_unprivileged(argv, pdeathsig="TERM"), stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.tmp,
                                         preexec_fn=None if util.is_root()
                                         else util.parent_death_signal(signal.SIGTERM))
        deadline = time.monotonic() + 60
        while "ready for connections" not in self.log_path.read_text(errors="replace"):
            if self.proc.poll() is not None:
                raise StartError(f"mariadbd ({self.label}) exited with {self.proc.returncode}:\n"
                                 + util.tail(self.log_path))
            if time.monotonic() > deadline:
                out = util.tail(self.log_path)
                self.stop()
                raise StartError(f"mariadbd ({self.label}) not ready in 60 s:\n{out}")
            time.sleep(0.1)
        return self

    def admin_sql(self, sql: str) -> str:
        """Run SQL as root over the Unix socket (root has no password; socket access is local)."""
        r = self._run(["mariadb", "--no-defaults", "--batch", "--skip-column-names",
                       "--default-character-set=utf8mb4", "-S", str(self.socket),
                       "-u", "root", "-e", sql], timeout=60, env={**os.environ, "LC_ALL": "C.UTF-8"})
        return r.stdout

    def create_login(self, user: str, password: str) -> None:
        self.admin_sql(f"CREATE USER {mysql_quote(user)}@'%' IDENTIFIED BY {mysql_quote(password)}; "
                       f"GRANT ALL PRIVILEGES ON *.* TO {mysql_quote(user)}@'%';")

    def create_database(self, name: str) -> None:
        self.admin_sql(f"CREATE DATABASE IF NOT EXISTS `{name}`")

    def stop(self) -> None:
        if self.proc is not None:
            util.terminate(self.proc, sig_timeout=60)
            self.proc = None
        if self.tmp is not None and not keep_tmp():
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
