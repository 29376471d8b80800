"""The async query API on several gateway instances sharing one PostgreSQL, one Redis (metadata:
states, events, idempotency keys, cancels, heartbeats) and one result storage, an S3-compatible
server (s3proxy, run as its own process) as in a real deployment: whatever instance
a query was submitted to, every instance answers for it, stops it, streams its events and serves
its result; a dead instance's queries fail with OWNER_LOST within a bounded time."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import uuid
from decimal import Decimal

import psycopg2
import pytest
import requests
import websocket

from harness import s3proxy, servers
from harness.cluster import GatewayCluster
from harness.events import open_events, read_until_closed
from harness.mariadb import DebianMariaDB
from harness.servers import TEST_PASSWORD, TEST_USER

OTHER_USER, OTHER_PASSWORD = "wgclusterother", "other-Pw.2"
TIMEOUT = 30
HEARTBEAT_MS, OWNER_TIMEOUT_MS = 200, 1500
SHOP_USER, SHOP_PASSWORD = "wgshop", "shop-Pw.3"


@pytest.fixture(scope="module")
def cluster():
    servers.jar_or_skip()
    storage = s3proxy.S3Proxy("async-cluster-s3", s3proxy.jar_or_skip())
    shop = DebianMariaDB("async-cluster-mysql")
    c = GatewayCluster("async-cluster", [(TEST_USER, TEST_PASSWORD), (OTHER_USER, OTHER_PASSWORD)],
                       heartbeat_ms=HEARTBEAT_MS, owner_timeout_ms=OWNER_TIMEOUT_MS)
    try:
        storage.start()
        shop.start()
        shop.create_login(SHOP_USER, SHOP_PASSWORD)
        shop.create_database("shop")
        c.storage = storage.gateway_settings()
        c.start()
        # Besides the canonical engine: the same PostgreSQL as an external database (pgjdbc) and a
        # MariaDB as a MySQL database (Connector/J).
        databases = {"databases": {
            "warehouse": {"kind": "postgres", "url": f"jdbc:postgresql://{c.pg.host}:{c.pg.port}/{servers.DBNAME}",
                          "user": servers.ADMIN_USER, "password": servers.ADMIN_PASSWORD},
            "shop": {"kind": "mysql", "url": f"jdbc:mysql://{shop.host}:{shop.port}/shop",
                     "user": SHOP_USER, "password": SHOP_PASSWORD}}}
        c.a = c.add("gw-a", databases)
        c.b = c.add("gw-b", databases)
        c.token = c.create_token(TEST_USER)
        c.other_token = c.create_token(OTHER_USER)
        c.shop = shop
        yield c
    finally:
        c.stop()
        shop.stop()
        storage.stop()


class Client:
    """TEST_USER's keep-alive session on one node."""

    def __init__(self, node, token):
        self.node = node
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def get(self, path, **kw):
        return self.session.get(self.node.http + path, timeout=TIMEOUT, **kw)

    def post(self, path, **kw):
        return self.session.post(self.node.http + path, timeout=TIMEOUT, **kw)

    def submit(self, body, key=None):
        r = self.post("/v1/queries", json=body, headers={"Idempotency-Key": key} if key else {})
        assert r.status_code in (200, 202), r.text
        return r.json()

    def state(self, query_id):
        r = self.get(f"/v1/queries/{query_id}")
        assert r.status_code == 200, r.text
        return r.json()

    def wait(self, query_id, until=lambda q: q["state"] not in ("PENDING", "RUNNING"), timeout=30.0):
        deadline = time.monotonic() + timeout
        while True:
            info = self.state(query_id)
            if until(info) or time.monotonic() > deadline:
                return info
            time.sleep(0.05)


@pytest.fixture()
def on_a(cluster):
    client = Client(cluster.a, cluster.token)
    yield client
    client.session.close()


@pytest.fixture()
def on_b(cluster):
    client = Client(cluster.b, cluster.token)
    yield client
    client.session.close()


def pg(cluster):
    return psycopg2.connect(**cluster.pg_params())


def running(info):
    return info["state"] != "PENDING"


MIXED = ("select g as n, 'row ' || g as label, g * 1.5 as x, g % 2 = 0 as even, "
         "case when g = 2 then null else g * 10 end as maybe from generate_series(1, 5) g")
EXPECTED = [(g, f"row {g}", Decimal(g) * Decimal("1.5"), g % 2 == 0, None if g == 2 else g * 10)
            for g in range(1, 6)]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_submitted_on_a_polled_and_downloaded_on_b(on_a, on_b, fmt):
    query = on_a.submit({"sql": MIXED, "format": fmt})
    assert query["owner"] == "gw-a"
    final = on_b.wait(query["id"])
    assert final["state"] == "SUCCEEDED", final
    stats = on_b.get(f"/v1/queries/{query['id']}/stats").json()
    result = on_b.get(f"/v1/queries/{query['id']}/result")
    assert result.status_code == 200, result.text
    assert stats["rows"] == 5 and stats["bytes"] == len(result.content)
    if fmt == "jsonl":
        rows = [json.loads(line, parse_float=Decimal) for line in result.text.splitlines()]
        got = [(r["n"], r["label"], Decimal(str(r["x"])), r["even"], r["maybe"]) for r in rows]
    elif fmt == "csv":
        table = list(csv.reader(io.StringIO(result.text)))
        assert table[0] == ["n", "label", "x", "even", "maybe"]
        got = [(int(n), label, Decimal(x), even == "true", int(maybe) if maybe else None)
               for n, label, x, even, maybe in table[1:]]
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        read = pq.read_table(io.BytesIO(result.content))
        assert read.column_names == ["n", "label", "x", "even", "maybe"]
        got = list(zip(*(read.column(c).to_pylist() for c in read.column_names)))
        got = [(n, label, Decimal(str(x)), even, maybe) for n, label, x, even, maybe in got]
    assert got == EXPECTED


def backends_running(cluster, marker):
    with pg(cluster) as conn, conn.cursor() as cur:
        cur.execute("select count(*) from pg_stat_activity where state = 'active' and query like %s "
                    "and pid <> pg_backend_pid()", (f"%{marker}%",))
        return cur.fetchone()[0]


def test_stop_on_b_ends_the_statement_running_for_a(cluster, on_a, on_b):
    marker = f"wg-stop-{uuid.uuid4().hex}"
    query = on_a.submit({"sql": f"select pg_sleep(60) /* {marker} */"})
    assert on_b.wait(query["id"], until=running)["state"] == "RUNNING"
    deadline = time.monotonic() + 10
    while backends_running(cluster, marker) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert backends_running(cluster, marker) == 1
    stopped = on_b.post(f"/v1/queries/{query['id']}:stop")
    assert stopped.status_code == 200, stopped.text
    final = on_b.wait(query["id"], timeout=10)
    assert final["state"] == "CANCELED", final
    deadline = time.monotonic() + 5
    while backends_running(cluster, marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert backends_running(cluster, marker) == 0, "the statement still runs in PostgreSQL"


def test_stop_on_b_of_a_query_waiting_on_a_frees_its_place_in_a_s_queue(cluster, on_b):
    small = cluster.add("gw-small", {"async": {"max-running": 1, "max-queued": 1}})
    on_small = Client(small, cluster.token)
    sleeper = on_small.submit({"sql": "select pg_sleep(30)"})
    assert on_b.wait(sleeper["id"], until=running)["state"] == "RUNNING"
    waiting = on_small.submit({"sql": "select 1"})
    full = on_small.post("/v1/queries", json={"sql": "select 2"})
    assert full.status_code == 503, full.text
    stopped = on_b.post(f"/v1/queries/{waiting['id']}:stop")
    assert stopped.status_code == 200 and stopped.json()["state"] == "CANCELED", stopped.text
    deadline = time.monotonic() + 5
    while True:
        again = on_small.post("/v1/queries", json={"sql": "select 3"})
        if again.status_code != 503 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert again.status_code == 202, again.text
    assert on_b.post(f"/v1/queries/{sleeper['id']}:stop").json()["state"] == "CANCELED"
    assert on_b.wait(again.json()["id"])["state"] == "SUCCEEDED"
    assert on_b.state(waiting["id"])["state"] == "CANCELED"
    small.gateway.stop()


def test_one_idempotency_key_racing_on_a_and_b_runs_once(cluster, on_a, on_b):
    for attempt in range(5):
        sequence = f"wg_idem_{uuid.uuid4().hex[:12]}"
        with pg(cluster) as conn, conn.cursor() as cur:
            cur.execute(f"create sequence {sequence}")
        key = f"race-{uuid.uuid4().hex}"
        body = {"sql": f"select nextval('{sequence}') as n"}
        barrier = threading.Barrier(4)
        answers = []

        def submit(client):
            barrier.wait()
            answers.append(client.submit(body, key=key)["id"])

        # each node gets two racers, on sessions of their own
        racers = [Client(node, cluster.token) for node in (cluster.a, cluster.b, cluster.a, cluster.b)]
        threads = [threading.Thread(target=submit, args=(c,)) for c in racers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIMEOUT)
        assert len(answers) == 4 and len(set(answers)) == 1, (attempt, answers)
        assert on_b.wait(answers[0])["state"] == "SUCCEEDED"
        with pg(cluster) as conn, conn.cursor() as cur:
            cur.execute(f"select last_value, is_called from {sequence}")
            assert cur.fetchone() == (1, True), f"attempt {attempt}: the query ran more than once"
            cur.execute(f"drop sequence {sequence}")
        assert json.loads(on_a.get(f"/v1/queries/{answers[0]}/result").text) == {"n": 1}


def test_websocket_on_b_streams_a_query_running_on_a(cluster, on_a):
    query = on_a.submit({"sql": "select pg_sleep(1), 1 as x"})
    events = read_until_closed(open_events(f"{cluster.b.ws}?query_id={query['id']}", cluster.token))
    assert [e["state"] for e in events][-1] == "SUCCEEDED", events
    sequences = [e["sequence"] for e in events]
    assert sequences == list(range(sequences[0], sequences[0] + len(sequences))), events
    assert all(e["query_id"] == query["id"] for e in events)


def test_another_users_query_is_not_found_on_b(cluster, on_a):
    query = on_a.submit({"sql": "select 1"})
    other = {"Authorization": f"Bearer {cluster.other_token}"}
    for path in ("", "/stats", "/result"):
        r = requests.get(f"{cluster.b.http}/v1/queries/{query['id']}{path}", headers=other, timeout=TIMEOUT)
        assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND", r.text
    r = requests.post(f"{cluster.b.http}/v1/queries/{query['id']}:stop", headers=other, timeout=TIMEOUT)
    assert r.status_code == 404, r.text
    with pytest.raises(websocket.WebSocketBadStatusException) as bad:
        websocket.create_connection(f"{cluster.b.ws}?query_id={query['id']}",
                                    header=[f"Authorization: Bearer {cluster.other_token}"], timeout=TIMEOUT)
    assert bad.value.status_code == 404


def test_killed_owner_fails_its_query_with_owner_lost_on_b(cluster, on_b):
    doomed = cluster.add("gw-doomed")
    on_c = Client(doomed, cluster.token)
    query = on_c.submit({"sql": "select pg_sleep(20) /* wg-doomed */"})
    assert on_b.wait(query["id"], until=running)["state"] == "RUNNING"
    doomed.gateway.proc.kill()  # SIGKILL: no drain, no goodbye, the heartbeat just stops
    doomed.gateway.proc.wait(10)
    killed = time.monotonic()
    final = on_b.wait(query["id"], timeout=15)
    elapsed = time.monotonic() - killed
    assert final["state"] == "FAILED", final
    assert final["error"]["code"] == "OWNER_LOST", final
    assert "gateway instance gw-doomed stopped responding while the query ran" in final["error"]["message"]
    # owner timeout + one reap interval, and some slack for a busy machine
    assert elapsed < (OWNER_TIMEOUT_MS + HEARTBEAT_MS) / 1000 + 2.5, elapsed


def test_external_postgresql_and_mysql_databases_run_on_a_and_serve_on_b(cluster, on_a, on_b):
    """database_id picks the target: an external PostgreSQL through pgjdbc and a MySQL server (MariaDB)
    through Connector/J; SQL goes to each as written, in its own dialect."""
    cluster.shop.admin_sql("CREATE TABLE IF NOT EXISTS shop.items (id INT UNSIGNED PRIMARY KEY, name VARCHAR(20)); "
                           "REPLACE INTO shop.items VALUES (1, 'apple'), (4294967295, 'max');")
    listed = {d["id"]: d["kind"] for d in on_b.get("/v1/databases").json()["databases"]}
    assert listed == {"default": "canonical", "warehouse": "postgres", "shop": "mysql"}, listed
    mysql = on_a.submit({"database_id": "shop", "sql": "SELECT id, name FROM items WHERE id > ? ORDER BY id",
                         "params": [0]})
    pg = on_a.submit({"database_id": "warehouse", "sql": "select current_setting('server_version_num')::int > 0 as ok"})
    assert on_b.wait(mysql["id"])["state"] == "SUCCEEDED"
    assert on_b.wait(pg["id"])["state"] == "SUCCEEDED"
    rows = [json.loads(line) for line in on_b.get(f"/v1/queries/{mysql['id']}/result").text.splitlines()]
    assert rows == [{"id": 1, "name": "apple"}, {"id": 4294967295, "name": "max"}]
    assert json.loads(on_b.get(f"/v1/queries/{pg['id']}/result").text) == {"ok": True}
    # MySQL syntax error from the MySQL server itself, with its SQLSTATE.
    bad = on_a.submit({"database_id": "shop", "sql": "SELECT FROM"})
    failed = on_b.wait(bad["id"])
    assert failed["state"] == "FAILED" and failed["error"]["code"] == "42000", failed
