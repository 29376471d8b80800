"""Operating a running gateway: SIGHUP reloads the configuration, SIGTERM drains and exits.

Each test starts a gateway of its own (not the shared session fixture), so it can signal it. The
refusals a draining gateway sends are compared with what a real PostgreSQL sends during a smart
shutdown (`pg_ctl stop -m smart` while a session is open).
"""
from __future__ import annotations

import os
import signal
import subprocess
import time

import psycopg2
import pymysql
import pytest

from harness import pgwire, servers, util
from harness.util import log_text, rewrite_config, wait_for_log
from harness.servers import DBNAME, TEST_PASSWORD, TEST_USER

MYSQL_DATABASE = "wgtest"


def start_gateway(label: str, config: dict) -> servers.Gateway:
    gw = servers.Gateway(label, {"kind": "embedded", "pool": {"size": 6}}, servers.jar_or_skip(), config=config)
    gw.start([(TEST_USER, TEST_PASSWORD)])
    return gw


def pg_connect(host: str, port: int, **kw):
    return psycopg2.connect(host=host, port=port, user=TEST_USER, password=TEST_PASSWORD, dbname=DBNAME,
                            sslmode="disable", connect_timeout=10, **kw)


def my_connect(gw: servers.Gateway, **kw):
    return pymysql.connect(host=gw.host, port=gw.mysql_port, user=TEST_USER, password=TEST_PASSWORD,
                           connect_timeout=10, **kw)


def assert_too_large(error: Exception) -> None:
    """The gateway refuses an oversized message (54000) and closes; libpq may see only the close."""
    text = str(error)
    assert "exceeds the limit of 4096 bytes" in text or "server closed the connection" in text, text


def refusal_fields(host: str, port: int) -> dict[str, str]:
    """The ErrorResponse a server sends right after a startup packet (no SSL)."""
    with pgwire.RawConnection(host, port) as conn:
        conn.send(pgwire.startup_packet({"user": TEST_USER, "database": DBNAME}))
        kind, payload = conn.read_message()
        assert kind == b"E", (kind, payload)
        return pgwire.parse_error_fields(payload)


@pytest.fixture
def mysql_schema():
    """The MySQL database the tests use: a schema of the gateway's engine database."""
    def create(gw: servers.Gateway) -> None:
        with pg_connect(gw.host, gw.port) as conn, conn.cursor() as cur:
            cur.execute(f"CREATE SCHEMA IF NOT EXISTS {MYSQL_DATABASE}")
        conn.close()
    return create


def test_sighup_reload_keeps_sessions_and_applies_changes(mysql_schema):
    gw = start_gateway("lifecycle-reload", {"protocols": {"mysql": {"max-allowed-packet": 67108864}},
                                            "lifecycle": {"drain-timeout-ms": 5000}})
    try:
        mysql_schema(gw)
        pg = pg_connect(gw.host, gw.port)
        pg_cur = pg.cursor()
        pg_cur.execute("CREATE TEMP TABLE t (v text)")
        pg_cur.execute("INSERT INTO t VALUES ('before')")  # a transaction stays open across the reload
        my = my_connect(gw, database=MYSQL_DATABASE, autocommit=True)
        big = "x" * 6000

        # Reloadable limits shrink; a restart-only setting changes too and must keep its running value.
        rewrite_config(gw, "max-message-size: 8388608", "max-message-size: 4096")
        rewrite_config(gw, "max-allowed-packet: 67108864", "max-allowed-packet: 4096")
        rewrite_config(gw, "bind: \"127.0.0.1\"", "bind: \"0.0.0.0\"")
        mark = len(log_text(gw))
        os.kill(gw.proc.pid, signal.SIGHUP)
        log = wait_for_log(gw, "reloaded:", after=mark)
        assert "protocols.postgres.max-message-size" in log and "protocols.mysql.max-allowed-packet" in log, log
        assert "'listeners.bind' changed, but it needs a restart" in log, log

        # The open sessions keep working, with the limits they started with.
        pg_cur.execute("SELECT length(%s)", (big,))
        assert pg_cur.fetchone()[0] == 6000
        pg_cur.execute("SELECT v FROM t")
        assert pg_cur.fetchall() == [("before",)]
        pg.commit()
        with my.cursor() as c:
            c.execute("SELECT LENGTH(%s)", (big,))
            assert c.fetchone()[0] == 6000

        # New sessions get the new limits: PostgreSQL 54000, MySQL 1153.
        fresh = pg_connect(gw.host, gw.port)
        with pytest.raises(psycopg2.Error) as e:
            fresh.cursor().execute("SELECT length(%s)", (big,))
        assert_too_large(e.value)
        fresh_my = my_connect(gw, database=MYSQL_DATABASE)
        with pytest.raises(pymysql.err.OperationalError) as e:
            fresh_my.cursor().execute("SELECT LENGTH(%s)", (big,))
        assert e.value.args[0] in (1153, 2013), e.value.args
        # The restart-only bind address kept its running value: still only on loopback, as before.

        # An invalid file is rejected and logged; the gateway and its sessions carry on.
        rewrite_config(gw, "max-message-size: 4096", "max-message-size: 12")
        mark = len(log_text(gw))
        os.kill(gw.proc.pid, signal.SIGHUP)
        log = wait_for_log(gw, "reload rejected", after=mark)
        assert "protocols.postgres.max-message-size" in log and "must be at least 1024" in log, log
        assert gw.proc.poll() is None
        pg_cur.execute("SELECT 1")
        assert pg_cur.fetchone() == (1,)
        with my.cursor() as c:
            c.execute("SELECT 2")
            assert c.fetchone() == (2,)
        after_rejected = pg_connect(gw.host, gw.port)
        with pytest.raises(psycopg2.Error) as e:
            after_rejected.cursor().execute("SELECT length(%s)", (big,))
        assert_too_large(e.value)  # still the last good configuration's limit
        for conn in (pg, my):
            conn.close()
    finally:
        gw.stop()


def test_sighup_rereads_users_file():
    gw = start_gateway("lifecycle-users", {"lifecycle": {"drain-timeout-ms": 5000}})
    try:
        # Another user is added the way an operator would, then SIGHUP makes sure it is read.
        r = subprocess.run(gw._java_cmd("user", "add", "wgreload", "--config", str(gw.config_path)),
                           input="reload-pw\n", capture_output=True, text=True, timeout=180, cwd=gw.tmp)
        assert r.returncode == 0, r.stderr
        mark = len(log_text(gw))
        os.kill(gw.proc.pid, signal.SIGHUP)
        wait_for_log(gw, "reloaded", after=mark)
        conn = psycopg2.connect(host=gw.host, port=gw.port, user="wgreload", password="reload-pw", dbname=DBNAME,
                                sslmode="disable", connect_timeout=10)
        conn.close()
    finally:
        gw.stop()


def test_a_gateway_started_with_sighup_ignored_says_so():
    """Under nohup SIGHUP is ignored, and the JVM keeps a signal ignored that its parent ignored:
    the gateway cannot reload on SIGHUP then, and says so at start instead of staying silent."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # inherited by the gateway, as from nohup
    try:
        gw = start_gateway("lifecycle-nohup", {"lifecycle": {"drain-timeout-ms": 5000}})
    finally:
        signal.signal(signal.SIGHUP, previous)
    try:
        log = wait_for_log(gw, "SIGHUP is ignored")
        assert "POST /v1/admin/reload" in log
        assert "SIGTERM is ignored" not in log
    finally:
        gw.stop()


def test_sigterm_drains_then_exits_cleanly(mysql_schema):
    gw = start_gateway("lifecycle-drain", {"lifecycle": {"drain-timeout-ms": 60000}})
    try:
        mysql_schema(gw)
        pg = pg_connect(gw.host, gw.port)
        cur = pg.cursor()
        cur.execute("CREATE TABLE drained (v int)")
        pg.commit()
        cur.execute("INSERT INTO drained VALUES (1)")  # open transaction while the drain starts

        mark = len(log_text(gw))
        os.kill(gw.proc.pid, signal.SIGTERM)
        wait_for_log(gw, "draining", after=mark)

        # New sessions are refused in each protocol's own terms.
        fields = refusal_fields(gw.host, gw.port)
        assert (fields.get("S"), fields.get("V"), fields.get("C"), fields.get("M")) == \
            ("FATAL", "FATAL", "57P03", "the database system is shutting down"), fields
        with pytest.raises(psycopg2.OperationalError) as e:
            pg_connect(gw.host, gw.port)
        assert "the database system is shutting down" in str(e.value)
        with pytest.raises(pymysql.err.OperationalError) as e:
            my_connect(gw, database=MYSQL_DATABASE)
        assert e.value.args == (1053, "Server shutdown in progress"), e.value.args

        # The open session finishes its work.
        cur.execute("INSERT INTO drained VALUES (2)")
        pg.commit()
        cur.execute("SELECT count(*) FROM drained")
        assert cur.fetchone() == (2,)
        assert gw.proc.poll() is None, "the gateway must wait for the open session"
        cur.execute("DROP TABLE drained")
        pg.commit()
        pg.close()

        assert gw.proc.wait(timeout=30) == 0, util.tail(gw.log_path)
        assert "drained: nothing in flight" in log_text(gw)
        gw.proc = None
    finally:
        gw.stop()


def test_sigterm_drain_timeout_ends_open_sessions():
    gw = start_gateway("lifecycle-timeout", {"lifecycle": {"drain-timeout-ms": 1000}})
    try:
        pg = pg_connect(gw.host, gw.port)
        cur = pg.cursor()
        cur.execute("SELECT 1")
        os.kill(gw.proc.pid, signal.SIGTERM)
        assert gw.proc.wait(timeout=30) == 0, util.tail(gw.log_path)
        gw.proc = None
        # As after PostgreSQL's fast shutdown: the session was ended by the server.
        with pytest.raises(psycopg2.Error) as e:
            cur.execute("SELECT 1")
        assert "terminating connection due to administrator command" in str(e.value) \
            or "server closed the connection" in str(e.value), str(e.value)
    finally:
        gw.stop()


def test_real_postgres_smart_shutdown_refusal_matches():
    """The reference: what PostgreSQL itself sends a new connection during a smart shutdown."""
    pg_server = servers.DebianPostgres("lifecycle-direct")
    try:
        pg_server.start()
        pg_server.create_login(TEST_USER, TEST_PASSWORD)
        held = pg_connect(pg_server.host, pg_server.port)
        held.cursor().execute("SELECT 1")
        subprocess.run(util.as_unprivileged([str(pg_server.bin / "pg_ctl"), "stop", "-D",
                                             str(pg_server.tmp / "pgdata"), "-m", "smart", "--no-wait"]),
                       check=True, capture_output=True, timeout=30)
        deadline = time.monotonic() + 10
        while True:
            try:
                fields = refusal_fields(pg_server.host, pg_server.port)
                if fields.get("C") == "57P03":
                    break
            except (AssertionError, OSError):
                pass
            assert time.monotonic() < deadline, "PostgreSQL never refused a new connection"
            time.sleep(0.1)
        assert (fields.get("S"), fields.get("V"), fields.get("C"), fields.get("M")) == \
            ("FATAL", "FATAL", "57P03", "the database system is shutting down"), fields
        held.close()
    finally:
        pg_server.stop()
