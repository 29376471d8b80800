"""Small process/port helpers shared by the server launchers."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

UNPRIVILEGED_USER = "nobody"
UNPRIVILEGED_GROUP = "nogroup"


def is_root() -> bool:
    return os.geteuid() == 0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(n: int) -> list[int]:
    """n distinct free ports (sockets are held open together so they differ)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def make_tmp_dir(prefix: str) -> Path:
    """A fresh directory under /tmp that an unprivileged user can traverse."""
    base = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    base.chmod(0o755)
    return base


def unprivileged_ids() -> tuple[int, int]:
    pw = pwd.getpwnam(UNPRIVILEGED_USER)
    return pw.pw_uid, pw.pw_gid


def chown_unprivileged(path: Path) -> None:
    if is_root():
        uid, gid = unprivileged_ids()
        os.chown(path, uid, gid)


def self_signed_certificate(directory: Path, common_name: str = "localhost", name: str = "server",
                            for_localhost: bool = True) -> tuple[Path, Path]:
    """A throw-away self-signed certificate (2 days) and its key, written by openssl as
    `<name>.crt` and `<name>.key` in `directory`; `for_localhost` adds localhost and 127.0.0.1 as
    subject alternative names. Returns (certificate, key)."""
    cert, key = directory / f"{name}.crt", directory / f"{name}.key"
    argv = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={common_name}",
            "-keyout", str(key), "-out", str(cert)]
    if for_localhost:
        argv += ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        raise RuntimeError(f"openssl req failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return cert, key


def server_certificate(directory: Path) -> tuple[Path, Path]:
    """A localhost certificate for a server run as the unprivileged user: the key readable by it only."""
    cert, key = self_signed_certificate(directory)
    key.chmod(0o600)
    chown_unprivileged(key)
    cert.chmod(0o644)
    return cert, key


def as_unprivileged(argv: list[str], pdeathsig: str | None = None) -> list[str]:
    """Prefix argv so it runs as `nobody` when we are root (PostgreSQL refuses root).

    pdeathsig (e.g. "INT"): signal the process gets if this test process dies without stopping it.
    """
    if not is_root():
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise RuntimeError("setpriv (util-linux) is required to run PostgreSQL as an unprivileged user")
    extra = [f"--pdeathsig={pdeathsig}"] if pdeathsig else []
    return [setpriv, f"--reuid={UNPRIVILEGED_USER}", f"--regid={UNPRIVILEGED_GROUP}", "--clear-groups",
            *extra, *argv]


def parent_death_signal(sig: int):
    """A preexec_fn: the child gets `sig` when the process that started it dies (Linux prctl)."""
    import ctypes

    def _set():
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, sig, 0, 0, 0)  # PR_SET_PDEATHSIG

    return _set


def tail(path: Path, max_chars: int = 20000) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        return f"<cannot read {path}: {e}>"
    text = data[-max_chars:].decode("utf-8", "replace")
    if len(data) > max_chars:
        text = f"... ({len(data) - max_chars} bytes cut) ...\n" + text
    return text


def file_size(path: Path | None) -> int:
    """A log's current size, 0 when there is none yet: where to start reading what comes next."""
    try:
        return path.stat().st_size if path else 0
    except OSError:
        return 0


def read_since(path: Path | None, offset: int, max_chars: int = 20000) -> str:
    """What a log gained since `offset` (its last `max_chars`), for test failure messages."""
    if path is None:
        return ""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read()
    except OSError as e:
        return f"<cannot read {path}: {e}>"
    return data[-max_chars:].decode("utf-8", "replace")


def terminate(proc: subprocess.Popen, sig_timeout: float = 30.0, first_signal=None) -> None:
    """Stop one process we started, by its pid: first_signal (default SIGTERM), then SIGKILL."""
    import signal

    if proc.poll() is not None:
        return
    try:
        proc.send_signal(first_signal if first_signal is not None else signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=sig_timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def wait_for_port(host: str, port: int, timeout: float, proc: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def log_text(gw) -> str:
    """A gateway's whole log so far (offsets into it are what wait_for_log's `after` takes)."""
    return gw.log_path.read_text(errors="replace")


def wait_for_log(gw, text: str, after: int = 0, timeout: float = 20.0) -> str:
    """Waits until `text` appears in a gateway's log after byte offset `after`; returns that part."""
    deadline = time.monotonic() + timeout
    log = ""
    while time.monotonic() < deadline:
        log = log_text(gw)[after:]
        if text in log:
            return log
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in the gateway log within {timeout} s:\n{log[-3000:]}")


def rewrite_config(gw, old: str, new: str) -> None:
    """Edits a running gateway's config file in place (a reload then picks it up)."""
    text = gw.config_path.read_text()
    assert old in text, text
    gw.config_path.write_text(text.replace(old, new))
