"""The relay fast path (protocols.postgres.relay): a PostgreSQL client's session on a PostgreSQL
engine is passed through to an engine connection of its own.

The behaviour of relayed sessions is what every other PostgreSQL test checks (the gateway-embedded
and gateway-external targets relay; gateway-txpool runs the JDBC path). These tests check what is
specific to the switch: that relaying is really in use, that a reload turns it off for new sessions
only, and that the engine-connection bound holds.
"""
from __future__ import annotations

import os
import re
import signal

import psycopg
import psycopg2
import pytest
import requests

from harness import servers, util
from harness.servers import DBNAME, TEST_PASSWORD, TEST_USER
from harness.util import log_text, rewrite_config, wait_for_log


def start_gateway(label: str, config: dict | None = None, pool_size: int = 6) -> servers.Gateway:
    gw = servers.Gateway(label, {"kind": "embedded", "pool": {"size": pool_size, "connection-timeout-ms": 500}},
                         servers.jar_or_skip(), config=config)
    gw.start([(TEST_USER, TEST_PASSWORD)])
    return gw


def connect3(gw: servers.Gateway) -> psycopg.Connection:
    return psycopg.connect(host=gw.host, port=gw.port, user=TEST_USER, password=TEST_PASSWORD, dbname=DBNAME,
                           sslmode="disable", connect_timeout=10, autocommit=True)


def prepared_names(conn: psycopg.Connection) -> list[str]:
    """Runs a statement prepared at the protocol level, then lists the engine's prepared statements."""
    conn.execute("select %s::int + 1", (41,), prepare=True)
    return [r[0] for r in conn.execute("select name from pg_prepared_statements order by name").fetchall()]


def test_relay_is_used_and_a_reload_turns_it_off_for_new_sessions_only():
    gw = start_gateway("relay-reload")
    try:
        relayed = connect3(gw)
        # Relayed: the engine holds psycopg's own statement name, as on a direct connection.
        assert any(n.startswith("_pg3_") for n in prepared_names(relayed))

        mark = len(log_text(gw))
        rewrite_config(gw, "max-message-size: 8388608", "max-message-size: 8388608\n    relay: false")
        os.kill(gw.proc.pid, signal.SIGHUP)
        wait_for_log(gw, "reloaded", after=mark)

        jdbc = connect3(gw)
        # The JDBC path prepares the client's statement under the gateway's own name (docs/postgresql.md).
        names = prepared_names(jdbc)
        assert names and not any(n.startswith("_pg3_") for n in names), names
        # The relayed session opened before the reload goes on as it was.
        assert relayed.execute("select 'still relayed'").fetchone() == ("still relayed",)
        relayed.close()
        jdbc.close()
    finally:
        gw.stop()


def test_relayed_sessions_are_bounded_by_the_engine_pool_size():
    gw = start_gateway("relay-bound", pool_size=2)
    try:
        held = [psycopg2.connect(host=gw.host, port=gw.port, user=TEST_USER, password=TEST_PASSWORD,
                                 dbname=DBNAME, sslmode="disable") for _ in range(2)]
        with pytest.raises(psycopg2.OperationalError) as refused:
            psycopg2.connect(host=gw.host, port=gw.port, user=TEST_USER, password=TEST_PASSWORD, dbname=DBNAME,
                             sslmode="disable")
        assert "sorry, too many clients already" in str(refused.value)
        assert "engine.pool.size" in str(refused.value)
        # A slot comes back when a session ends.
        held.pop().close()
        again = psycopg2.connect(host=gw.host, port=gw.port, user=TEST_USER, password=TEST_PASSWORD, dbname=DBNAME,
                                 sslmode="disable")
        with again.cursor() as cur:
            cur.execute("select 1")
            assert cur.fetchone() == (1,)
        again.close()
        for c in held:
            c.close()
    finally:
        gw.stop()


def commands_counted(http: str, command: str) -> float:
    text = requests.get(http + "/metrics", timeout=10).text
    m = re.search(r'wiregate_commands_total\{[^}]*command="%s",protocol="postgres"[^}]*\} (\S+)' % command, text)
    return float(m.group(1)) if m else 0.0


def test_relayed_commands_are_counted_in_metrics():
    http = util.free_port()
    gw = start_gateway("relay-metrics", {"listeners": {"http": {"port": http}}})
    base = f"http://{gw.host}:{http}"
    try:
        queries, executes = commands_counted(base, "query"), commands_counted(base, "execute")
        conn = psycopg2.connect(host=gw.host, port=gw.port, user=TEST_USER, password=TEST_PASSWORD, dbname=DBNAME,
                                sslmode="disable")
        conn.autocommit = True
        with conn.cursor() as cur:
            for i in range(3):
                cur.execute("select %s", (i,))  # psycopg2: simple Query messages
        conn.close()
        with connect3(gw) as c3:
            for i in range(4):
                c3.execute("select %s::int", (i,), prepare=True)  # psycopg 3: Bind/Execute
        assert commands_counted(base, "query") >= queries + 3
        assert commands_counted(base, "execute") >= executes + 4
    finally:
        gw.stop()
