"""Launchers for the servers under test: a Debian PostgreSQL and the wiregate gateway."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

from . import util

ADMIN_USER = "wgadmin"
ADMIN_PASSWORD = "wg-Admin_pw.7"
TEST_USER = "wgtest"
TEST_PASSWORD = "wg-Test_pw.42!"
UTF8_USER = "wgutf8"
UTF8_PASSWORD = "päss wörd"
# MySQL logins used by one test each, so their first login is the first the server sees (the
# caching_sha2_password cache is empty for them: full authentication, then the fast path).
MY_FRESH_USER = "wgmyfresh"
MY_FRESH_PASSWORD = "wg-Fresh_pw.9"
MY_FRESH_TLS_USER = "wgmyfreshtls"
MY_FRESH_TLS_PASSWORD = "wg-FreshTls_pw.8"
MY_FRESH_USERS = [(MY_FRESH_USER, MY_FRESH_PASSWORD), (MY_FRESH_TLS_USER, MY_FRESH_TLS_PASSWORD)]
DBNAME = "postgres"

READY_LINE = "wiregate: ready"


def keep_tmp() -> bool:
    return bool(os.environ.get("WIREGATE_KEEP_TMP"))


class StartError(RuntimeError):
    pass


# --------------------------------------------------------------------------- Debian PostgreSQL

def find_pg_bin() -> Path:
    env = os.environ.get("WIREGATE_PG_BIN")
    if env:
        return Path(env)
    preferred = Path("/usr/lib/postgresql/15/bin")
    if (preferred / "postgres").exists():
        return preferred
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    raise StartError("no PostgreSQL server binaries under /usr/lib/postgresql (install Debian's `postgresql`)")


def sql_literal(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


class DebianPostgres:
    """A throw-away PostgreSQL cluster: initdb into /tmp, run as `nobody`, stop by pid."""

    def __init__(self, label: str, settings: dict | None = None):
        self.label = label
        # Server settings on top of the test defaults below (the benchmarks size memory and
        # connections differently).
        self.extra_settings = settings or {}
        self.bin = find_pg_bin()
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.host = "127.0.0.1"
        self.log_path: Path | None = None
        self.cert_path: Path | None = None

    def _run(self, argv, **kw) -> subprocess.CompletedProcess:
        r = subprocess.run(argv, capture_output=True, text=True, **kw)
        if r.returncode != 0:
            raise StartError(f"{shlex.join(map(str, argv))} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return r

    def start(self) -> "DebianPostgres":
        self.tmp = util.make_tmp_dir(f"wiregate-compat-{self.label}-")
        pgdata = self.tmp / "pgdata"
        sock = self.tmp / "sock"
        for d in (pgdata, sock):
            d.mkdir(mode=0o700)
            util.chown_unprivileged(d)
        pwfile = self.tmp / "admin.pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        pwfile.chmod(0o600)
        util.chown_unprivileged(pwfile)

        self._run(util.as_unprivileged([
            str(self.bin / "initdb"), "-D", str(pgdata), "-U", ADMIN_USER, f"--pwfile={pwfile}",
            "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-locale",
            "--no-sync"]), cwd=self.tmp, timeout=120)
        pwfile.unlink()

        # TLS: a self-signed certificate so sslmode=require/verify-ca can be exercised directly too.
        self.cert_path, key = util.server_certificate(self.tmp)

        self.port = util.free_port()
        self.log_path = self.tmp / "postgres.log"
        settings = {
            "port": self.port, "listen_addresses": self.host, "unix_socket_directories": sock,
            "ssl": "on", "ssl_cert_file": self.cert_path, "ssl_key_file": key,
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "shared_buffers": "32MB", "max_connections": 60, "lc_messages": "C",
            "password_encryption": "scram-sha-256",
            **self.extra_settings,
        }
        argv = [str(self.bin / "postgres"), "-D", str(pgdata)]
        for k, v in settings.items():
            argv += ["-c", f"{k}={v}"]
        with open(self.log_path, "ab") as log:
            # If pytest is killed, the postmaster gets SIGINT (fast shutdown) instead of lingering.
            self.proc = subprocess.Popen(util.as_unprivileged(argv, pdeathsig="INT"), stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.tmp,
                                         preexec_fn=None if util.is_root()
                                         else util.parent_death_signal(signal.SIGINT))
        self._sock = sock
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise StartError(f"postgres ({self.label}) exited with {self.proc.returncode}:\n"
                                 + util.tail(self.log_path))
            r = subprocess.run([str(self.bin / "pg_isready"), "-q", "-h", self.host, "-p", str(self.port)],
                               capture_output=True)
            if r.returncode == 0:
                break
            if time.monotonic() > deadline:
                self.stop()
                raise StartError(f"postgres ({self.label}) not ready in 60 s:\n" + util.tail(self.log_path))
            time.sleep(0.2)
        return self

    def admin_sql(self, sql: str) -> str:
        """Run SQL as the bootstrap superuser over the Unix socket (trust)."""
        r = self._run([str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(self._sock),
                       "-p", str(self.port), "-U", ADMIN_USER, "-d", DBNAME, "-A", "-t", "-c", sql],
                      timeout=60, env={**os.environ, "LC_ALL": "C.UTF-8"})
        return r.stdout

    def create_login(self, user: str, password: str) -> None:
        self.admin_sql(f"CREATE ROLE {user} LOGIN PASSWORD {sql_literal(password)}; "
                       f"GRANT CREATE ON SCHEMA public TO {user};")

    def stop(self) -> None:
        if self.proc is not None:
            # SIGINT = fast shutdown; sent to the postmaster's own pid.
            util.terminate(self.proc, sig_timeout=30, first_signal=signal.SIGINT)
            self.proc = None
        if self.tmp is not None and not keep_tmp():
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


# --------------------------------------------------------------------------- Debian Redis

REDIS_SERVER = Path(os.environ.get("WIREGATE_REDIS_SERVER", "/usr/bin/redis-server"))


class RedisServer:
    """A throw-away Debian redis-server on 127.0.0.1 and a free port, nothing persisted (no RDB
    snapshots, no append-only file), run as `nobody` when we are root, stopped by pid."""

    def __init__(self, label: str):
        self.label = label
        self.host = "127.0.0.1"
        self.port = 0
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}"

    def start(self) -> "RedisServer":
        if not REDIS_SERVER.exists():
            raise StartError(f"no {REDIS_SERVER} (install Debian's `redis-server`)")
        self.tmp = util.make_tmp_dir(f"wiregate-compat-{self.label}-")
        util.chown_unprivileged(self.tmp)
        self.port = util.free_port()
        self.log_path = self.tmp / "redis.log"
        argv = [str(REDIS_SERVER), "--bind", self.host, "--port", str(self.port), "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--dir", str(self.tmp)]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(util.as_unprivileged(argv, pdeathsig="TERM"), stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.tmp,
                                         preexec_fn=None if util.is_root()
                                         else util.parent_death_signal(signal.SIGTERM))
        if not util.wait_for_port(self.host, self.port, 30, self.proc):
            out = util.tail(self.log_path)
            self.stop()
            raise StartError(f"redis-server ({self.label}) did not listen on {self.port}:\n{out}")
        return self

    def stop(self) -> None:
        if self.proc is not None:
            util.terminate(self.proc, sig_timeout=10)
            self.proc = None
        if self.tmp is not None and not keep_tmp():
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


# --------------------------------------------------------------------------- wiregate gateway

def default_jar() -> Path:
    env = os.environ.get("WIREGATE_JAR")
    if env:
        return Path(os.path.abspath(env))
    return Path(__file__).resolve().parent.parent.parent / "gateway-server" / "target" / "wiregate.jar"


def _java_major(java: Path) -> int:
    try:
        r = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return 0
    m = re.search(r'version "(\d+)(?:\.(\d+))?', r.stderr + r.stdout)
    if not m:
        return 0
    major = int(m.group(1))
    if major == 1 and m.group(2):
        major = int(m.group(2))
    return major


def find_java() -> Path:
    home = os.environ.get("JAVA_HOME")
    if home:
        java = Path(home) / "bin" / "java"
        if java.exists() and _java_major(java) >= 21:
            return java
    for d in sorted(Path("/usr/lib/jvm").glob("*/")):
        java = d / "bin" / "java"
        if java.exists() and _java_major(java) >= 21:
            return java
    raise StartError("no JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)")


def _yaml_scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    s = str(v)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_yaml(d: dict, indent: int = 0) -> str:
    out = []
    for k, v in d.items():
        if isinstance(v, dict):
            out.append(" " * indent + f"{k}:")
            out.append(to_yaml(v, indent + 2))
        else:
            out.append(" " * indent + f"{k}: {_yaml_scalar(v)}")
    return "\n".join(out)


def _deep_merge(base: dict, extra: dict) -> None:
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            _deep_merge(base[k], v)
        else:
            base[k] = v


class Gateway:
    """One wiregate process: config in a temp dir, users added, started, stopped with SIGTERM."""

    # client -> server message limit configured for the tests (bytes).
    MAX_MESSAGE_SIZE = 8 * 1024 * 1024

    def __init__(self, label: str, engine: dict, jar: Path | None = None, java_opts: list[str] | None = None,
                 config: dict | None = None):
        self.label = label
        self.java_opts = java_opts
        self.extra_config = config or {}
        self.engine = engine
        self.jar = jar or default_jar()
        self.java = find_java()
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.mysql_port = 0
        self.host = "127.0.0.1"
        self.log_path: Path | None = None
        self.data_dir: Path | None = None
        self.config_path: Path | None = None

    def _java_cmd(self, *args: str) -> list[str]:
        opts = self.java_opts if self.java_opts is not None else \
            shlex.split(os.environ.get("WIREGATE_JAVA_OPTS", "-Xmx512m"))
        return [str(self.java), *opts, "-jar", str(self.jar), *args]

    def cert_path(self) -> Path:
        return self.data_dir / "tls" / "gateway.crt"

    def start(self, users: list[tuple[str, str]]) -> "Gateway":
        if not self.jar.exists():
            raise StartError(f"gateway jar {self.jar} does not exist")
        self.tmp = util.make_tmp_dir(f"wiregate-compat-{self.label}-")
        self.data_dir = self.tmp / "data"
        self.data_dir.mkdir(mode=0o755)
        self.port = util.free_port()
        self.mysql_port = util.free_port()
        config = {
            "data-dir": str(self.data_dir),
            "listeners": {
                "bind": self.host,
                "postgres": {"port": self.port},
                "mysql": {"port": self.mysql_port}, "tds": {"port": 0}, "drda": {"port": 0},
                "oracle": {"port": 0}, "http": {"port": 0}, "https": {"port": 0},
                "autodetect": {"port": 0},
            },
            "auth": {
                "users-file": str(self.tmp / "users.yaml"),
                "postgres-method": "scram-sha-256",
                "allow-cleartext-without-tls": False,
            },
            "engine": self.engine,
            "protocols": {"postgres": {"max-message-size": self.MAX_MESSAGE_SIZE},
                          # MySQL databases are schemas of this engine database.
                          "mysql": {"database": DBNAME}},
            # SIGTERM drains; clients a test left open must not hold the stop for the default 30 s.
            "lifecycle": {"drain-timeout-ms": 2000},
        }
        _deep_merge(config, self.extra_config)
        self.config_path = self.tmp / "wiregate.yaml"
        self.config_path.write_text(to_yaml(config) + "\n")
        self.log_path = self.tmp / "gateway.log"

        for name, password in users:
            r = subprocess.run(self._java_cmd("user", "add", name, "--config", str(self.config_path)),
                               input=password + "\n", capture_output=True, text=True, timeout=180,
                               cwd=self.tmp)
            if r.returncode != 0:
                raise StartError(f"`user add {name}` failed ({r.returncode}):\n{r.stdout}\n{r.stderr}\n"
                                 f"config:\n{self.config_path.read_text()}")

        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self._java_cmd("run", "--config", str(self.config_path)),
                                         stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         cwd=self.tmp, preexec_fn=util.parent_death_signal(signal.SIGTERM))
        timeout = float(os.environ.get("WIREGATE_START_TIMEOUT", "180"))
        deadline = time.monotonic() + timeout
        while True:
            if READY_LINE in self.log_path.read_text(errors="replace"):
                break
            if self.proc.poll() is not None:
                raise StartError(f"gateway ({self.label}) exited with {self.proc.returncode} before "
                                 f"'{READY_LINE}'; output:\n{util.tail(self.log_path)}\n"
                                 f"config:\n{self.config_path.read_text()}")
            if time.monotonic() > deadline:
                out = util.tail(self.log_path)
                self.stop()
                raise StartError(f"gateway ({self.label}) did not print '{READY_LINE}' within "
                                 f"{timeout:.0f} s; output:\n{out}")
            time.sleep(0.2)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            util.terminate(self.proc, sig_timeout=60)
            self.proc = None
        if self.tmp is not None and not keep_tmp():
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def jar_or_skip() -> Path:
    """The gateway jar; a missing jar skips the test, or fails it when CI is set (CI must run it)."""
    import pytest

    jar = default_jar()
    if not jar.exists():
        msg = f"WIREGATE_JAR {jar} does not exist (gateway not built)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(msg + " and CI is set: gateway tests must run", pytrace=False)
        pytest.skip(msg)
    return jar


def small_heap_gateway(label: str):
    """A started gateway on the embedded engine with a 64 MiB heap that exits on OutOfMemoryError:
    a result it materialised would kill it. Generator for module fixtures (stops it at the end)."""
    gw = Gateway(label, {"kind": "embedded", "pool": {"size": 2}}, jar_or_skip(),
                 java_opts=["-Xmx64m", "-XX:+ExitOnOutOfMemoryError"])
    try:
        gw.start([(TEST_USER, TEST_PASSWORD)])
        yield gw
    finally:
        gw.stop()
