"""A throw-away Debian PgBouncer in front of one PostgreSQL: 127.0.0.1, free port, run as `nobody`."""
from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

from .env import servers, util

PGBOUNCER = Path("/usr/sbin/pgbouncer")


class PgBouncer:
    """Transaction pooling for database `dbname`. `<dbname>_session` is the same database in session
    pooling: PgBouncer 1.18 (Debian 12) has no protocol-level prepared statements in transaction mode,
    so pgbench -M prepared can only run through a session pool."""

    def __init__(self, pg_host: str, pg_port: int, dbname: str, users: list[tuple[str, str]],
                 pool_size: int = 20):
        self.pg_host, self.pg_port, self.dbname = pg_host, pg_port, dbname
        self.users = users
        self.pool_size = pool_size
        self.host = "127.0.0.1"
        self.port = 0
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.log_path: Path | None = None

    @property
    def session_dbname(self) -> str:
        return self.dbname + "_session"

    def start(self) -> "PgBouncer":
        if not PGBOUNCER.exists():
            raise servers.StartError(f"no {PGBOUNCER} (install Debian's `pgbouncer`)")
        self.tmp = util.make_tmp_dir("wiregate-bench-pgbouncer-")
        self.port = util.free_port()
        self.log_path = self.tmp / "pgbouncer.log"
        # Plain-text passwords in the userlist: PgBouncer then does SCRAM both with the client and
        # with the server, as an application deployment would.
        userlist = self.tmp / "userlist.txt"
        userlist.write_text("".join(f'"{u}" "{p}"\n' for u, p in self.users))
        target = f"host={self.pg_host} port={self.pg_port} dbname={self.dbname}"
        ini = self.tmp / "pgbouncer.ini"
        ini.write_text(f"""[databases]
{self.dbname} = {target}
{self.session_dbname} = {target} pool_mode=session

[pgbouncer]
listen_addr = {self.host}
listen_port = {self.port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {userlist}
pool_mode = transaction
default_pool_size = {self.pool_size}
max_client_conn = 1000
logfile = {self.log_path}
log_connections = 0
log_disconnections = 0
ignore_startup_parameters = extra_float_digits
""")
        for f in (self.tmp, userlist, ini):
            util.chown_unprivileged(f)
        userlist.chmod(0o600)
        # PgBouncer refuses to run as root; foreground (no -d), so our pid is its pid.
        self.proc = subprocess.Popen(util.as_unprivileged([str(PGBOUNCER), str(ini)], pdeathsig="INT"),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=self.tmp)
        if not util.wait_for_port(self.host, self.port, 30, self.proc):
            out = util.tail(self.log_path)
            self.stop()
            raise servers.StartError(f"pgbouncer did not listen on {self.port}:\n{out}")
        return self

    def stop(self) -> None:
        if self.proc is not None:
            # SIGINT: PgBouncer's "safe shutdown" waits for clients; the bench has closed them all.
            util.terminate(self.proc, sig_timeout=10, first_signal=signal.SIGINT)
            self.proc = None
        if self.tmp is not None and not servers.keep_tmp():
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
