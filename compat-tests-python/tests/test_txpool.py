"""engine.pool-mode: transaction (target gateway-txpool, an engine pool of 6): many client sessions
share a few engine connections, and each keeps its own state. On other targets these tests are
skipped: there a client session owns its engine connection, so nothing here would be shared."""
from __future__ import annotations

import threading

import psycopg2
import pytest

from harness.txpool import TXPOOL

POOL_SIZE = 6  # conftest.TXPOOL_ENGINE
IDLE_CLIENTS = 500


@pytest.fixture
def txpool(target):
    if target.name != TXPOOL:
        pytest.skip("transaction pool mode only")
    return target


def one(c, sql, *args):
    with c.cursor() as cur:
        cur.execute(sql, args or None)
        return cur.fetchone()[0]


def test_many_idle_clients_share_a_small_engine_pool(txpool):
    clients = []
    try:
        for _ in range(IDLE_CLIENTS):
            c = txpool.connect()
            c.autocommit = True
            clients.append(c)
        backends = set()
        for i, c in enumerate(clients):
            assert one(c, "SELECT %s::int + 1", i) == i + 1
            backends.add(one(c, "SELECT pg_backend_pid()"))
        assert len(backends) <= POOL_SIZE, "every statement ran on one of the pool's connections"
        # and in a second pass, transactions on all of them in turn
        for c in clients:
            c.autocommit = False
            assert one(c, "SELECT count(*) FROM pg_class WHERE relname = 'pg_class'") == 1
            c.commit()
    finally:
        for c in clients:
            c.close()


def test_settings_and_prepared_statements_follow_their_session(txpool):
    a, b = txpool.connect(), txpool.connect()
    try:
        a.autocommit = b.autocommit = True
        with a.cursor() as cur:
            cur.execute("SET search_path = pg_catalog, public")
            cur.execute("SET statement_timeout = '123s'")
        with b.cursor() as cur:
            cur.execute("SET statement_timeout = '7s'")
        for _ in range(2 * POOL_SIZE):
            assert one(a, "SHOW statement_timeout") == "123s"
            assert one(b, "SHOW statement_timeout") == "7s"
            assert one(a, "SHOW search_path") == "pg_catalog, public"
        with a.cursor() as cur:
            cur.execute("PREPARE wg_sql_prepared AS SELECT 41 + 1")  # SQL PREPARE pins a's connection
        pid = one(a, "SELECT pg_backend_pid()")
        for _ in range(POOL_SIZE):
            one(b, "SELECT 1")
            assert one(a, "EXECUTE wg_sql_prepared") == 42
            assert one(a, "SELECT pg_backend_pid()") == pid
    finally:
        a.close()
        b.close()


def test_a_pool_held_by_transactions_fails_a_statement_and_recovers(txpool):
    holders = []
    refused = None
    try:
        # Autocommit off: each client's first statement opens a transaction, which holds an engine
        # connection, until one finds none free (the MySQL catalog may hold one of the six).
        # Connected first: opening a session takes an engine connection for a moment too.
        holders = [txpool.connect() for _ in range(POOL_SIZE + 1)]
        for c in holders:
            try:
                one(c, "SELECT 1")
            except psycopg2.OperationalError as e:
                refused = (c, e)
                break
        assert refused is not None, "more transactions than engine connections"
        late, error = refused
        assert error.pgcode == "53300"
        late.rollback()
        holders[0].rollback()
        assert one(late, "SELECT 2") == 2, "the session survived and gets the freed connection"
    finally:
        for h in holders:
            h.close()


def test_notifications_reach_a_listener_among_busy_clients(txpool):
    listener, sender = txpool.connect(), txpool.connect()
    try:
        listener.autocommit = sender.autocommit = True
        with listener.cursor() as cur:
            cur.execute("LISTEN wg_txpool")
        stop = threading.Event()

        def churn():
            c = txpool.connect()
            c.autocommit = True
            try:
                while not stop.is_set():
                    one(c, "SELECT 1")
            finally:
                c.close()

        workers = [threading.Thread(target=churn) for _ in range(3)]
        for w in workers:
            w.start()
        try:
            with sender.cursor() as cur:
                cur.execute("NOTIFY wg_txpool, 'ping'")
            import select
            for _ in range(50):
                if select.select([listener], [], [], 0.1)[0]:
                    listener.poll()
                if listener.notifies:
                    break
            assert [n.payload for n in listener.notifies] == ["ping"]
        finally:
            stop.set()
            for w in workers:
                w.join()
    finally:
        listener.close()
        sender.close()
