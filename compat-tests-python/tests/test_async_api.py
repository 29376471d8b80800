"""The async query API over HTTP, with real clients: `requests` for REST and `websocket-client` for
the event socket, against a gateway of its own with the http, https and autodetect listeners on.

Cases that need the async query service skip while the gateway has none wired (GET /v1/databases
answers 503 or 501: "async service not wired"); the HTTP surface itself (auth, errors, probes,
metrics, admin, drain) is tested either way.
"""
from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import threading
import time

import psycopg2
import pytest
import requests
import websocket

from harness import servers, util
from harness.events import open_events, read_until_closed
from harness.servers import DBNAME, TEST_PASSWORD, TEST_USER

OTHER_USER, OTHER_PASSWORD = "wgapiother", "other-Pw.1"
USERS = [(TEST_USER, TEST_PASSWORD), (OTHER_USER, OTHER_PASSWORD)]
TIMEOUT = 30


def start_gateway(label: str, extra: dict | None = None) -> servers.Gateway:
    http, https, auto = util.free_ports(3)
    config = {"listeners": {"http": {"port": http}, "https": {"port": https}, "autodetect": {"port": auto}},
              "async": {"max-request-bytes": 65536}}
    servers._deep_merge(config, extra or {})
    gw = servers.Gateway(label, {"kind": "embedded", "pool": {"size": 6}}, servers.jar_or_skip(), config=config)
    gw.start(USERS)
    gw.http = f"http://{gw.host}:{http}"
    gw.https = f"https://{gw.host}:{https}"
    gw.auto_port = auto
    return gw


def ws_base(gw: servers.Gateway) -> str:
    return f"ws://{gw.host}:{gw.http.rsplit(':', 1)[1]}/v1/ws"


def create_token(gw: servers.Gateway, user: str) -> str:
    r = subprocess.run(gw._java_cmd("token", "create", user, "--config", str(gw.config_path)),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    token = r.stdout.strip()
    assert token.startswith("wgt_"), r.stdout
    assert "shown only now" in r.stderr
    return token


@pytest.fixture(scope="module")
def gw():
    gateway = start_gateway("async-api")
    try:
        gateway.token = create_token(gateway, TEST_USER)
        gateway.other_token = create_token(gateway, OTHER_USER)
        yield gateway
    finally:
        gateway.stop()


@pytest.fixture()
def api(gw):
    """A keep-alive session on the plain listener, authenticated with TEST_USER's bearer token."""
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {gw.token}"
        s.base = gw.http
        yield s


def get(s, path, **kw):
    return s.get(s.base + path, timeout=TIMEOUT, **kw)


def post(s, path, **kw):
    return s.post(s.base + path, timeout=TIMEOUT, **kw)


def assert_error(r, status, code=None):
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


@pytest.fixture()
def service(api):
    """Skips unless the async query service is wired into this gateway."""
    r = get(api, "/v1/databases")
    if r.status_code in (501, 503):
        pytest.skip("async service not wired: GET /v1/databases answered "
                    f"{r.status_code} {r.text[:120]}")
    assert r.status_code == 200, r.text
    return api


# --------------------------------------------------------------------------- probes and metrics

def test_probes_and_metrics_need_no_auth(gw):
    health = requests.get(gw.http + "/healthz", timeout=TIMEOUT)
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    ready = requests.get(gw.http + "/readyz", timeout=TIMEOUT)
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}
    metrics = requests.get(gw.http + "/metrics", timeout=TIMEOUT)
    assert metrics.status_code == 200
    assert metrics.headers["Content-Type"].startswith("text/plain")
    assert 'wiregate_connections_open{application="wiregate"' in metrics.text
    assert "jvm_memory_used_bytes" in metrics.text


def test_https_listener_serves_http_inside_tls(gw):
    r = requests.get(gw.https + "/healthz", verify=str(gw.cert_path()), timeout=TIMEOUT)
    assert r.status_code == 200 and r.json() == {"status": "ok"}


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_autodetect_port_serves_http_plain_and_tls(gw, scheme):
    r = requests.get(f"{scheme}://{gw.host}:{gw.auto_port}/healthz", verify=str(gw.cert_path()), timeout=TIMEOUT)
    assert r.status_code == 200 and r.json() == {"status": "ok"}


# --------------------------------------------------------------------------- authentication

def test_missing_auth_is_401_with_challenges(gw):
    r = requests.get(gw.http + "/v1/databases", timeout=TIMEOUT)
    assert_error(r, 401, "AUTHENTICATION_REQUIRED")
    challenges = r.headers["WWW-Authenticate"]
    assert 'Basic realm="wiregate"' in challenges and "Bearer" in challenges


def test_basic_over_plain_http_is_refused_as_needing_tls(gw):
    r = requests.get(gw.http + "/v1/admin/can-stop", auth=(TEST_USER, TEST_PASSWORD), timeout=TIMEOUT)
    err = assert_error(r, 401, "TLS_REQUIRED")
    assert "TLS" in err["message"]
    assert "WWW-Authenticate" in r.headers


def test_basic_over_tls_authenticates_against_the_users_verifier(gw):
    ok = requests.get(gw.https + "/v1/admin/can-stop", auth=(TEST_USER, TEST_PASSWORD),
                      verify=str(gw.cert_path()), timeout=TIMEOUT)
    assert ok.status_code == 200, ok.text
    for user, password in [(TEST_USER, "wrong"), ("nobody-here", TEST_PASSWORD)]:
        bad = requests.get(gw.https + "/v1/admin/can-stop", auth=(user, password),
                           verify=str(gw.cert_path()), timeout=TIMEOUT)
        assert_error(bad, 401, "INVALID_CREDENTIALS")


def test_bearer_tokens_work_and_revocation_takes_effect(gw):
    token = create_token(gw, TEST_USER)
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(gw.http + "/v1/admin/can-stop", headers=headers, timeout=TIMEOUT).status_code == 200
    listed = subprocess.run(gw._java_cmd("token", "list", "--config", str(gw.config_path)),
                            capture_output=True, text=True, timeout=120)
    token_id = token.split("_")[1]
    assert token_id in listed.stdout and token not in listed.stdout
    assert token not in (gw.data_dir.parent / "api-tokens.yaml").read_text()
    revoked = subprocess.run(gw._java_cmd("token", "revoke", token_id, "--config", str(gw.config_path)),
                             capture_output=True, text=True, timeout=120)
    assert revoked.returncode == 0, revoked.stderr
    r = requests.get(gw.http + "/v1/admin/can-stop", headers=headers, timeout=TIMEOUT)
    assert_error(r, 401, "INVALID_TOKEN")
    assert_error(requests.get(gw.http + "/v1/admin/can-stop", headers={"Authorization": "Bearer wgt_x_y"},
                              timeout=TIMEOUT), 401, "INVALID_TOKEN")


# --------------------------------------------------------------------------- errors

def test_unknown_route_and_wrong_method(api):
    assert_error(get(api, "/v1/nope"), 404, "NOT_FOUND")
    r = api.delete(api.base + "/v1/queries", timeout=TIMEOUT)
    assert_error(r, 405, "METHOD_NOT_ALLOWED")
    assert r.headers["Allow"] == "POST"


def test_bad_submissions_get_precise_4xx(api):
    assert_error(post(api, "/v1/queries", data="sql=select 1",
                      headers={"Content-Type": "application/x-www-form-urlencoded"}), 415, "UNSUPPORTED_MEDIA_TYPE")
    json_header = {"Content-Type": "application/json"}
    assert_error(post(api, "/v1/queries", data='{"sql": "select 1"', headers=json_header), 400, "MALFORMED_JSON")
    assert_error(post(api, "/v1/queries", json={"sql": "select 1", "formt": "csv"}), 400, "UNKNOWN_FIELD")
    assert_error(post(api, "/v1/queries", json={"sql": 1}), 400, "INVALID_FIELD")
    assert_error(post(api, "/v1/queries", json={"sql": "select 1", "format": "xml"}), 400, "INVALID_FIELD")
    assert_error(post(api, "/v1/queries", json={"sql": "select 1", "params": [{"a": 1}]}), 400, "INVALID_FIELD")
    assert_error(post(api, "/v1/queries", json={"sql": "select 1", "timeout_ms": -5}), 400, "INVALID_FIELD")
    assert_error(post(api, "/v1/queries", json={"sql": "select 1", "max_rows": 1.5}), 400, "INVALID_FIELD")
    assert_error(post(api, "/v1/queries", json={"sql": ""}), 400, "INVALID_REQUEST")


def test_oversize_body_is_413_json(api):
    big = json.dumps({"sql": "select '" + "x" * 70000 + "'"})
    assert_error(post(api, "/v1/queries", data=big, headers={"Content-Type": "application/json"}),
                 413, "PAYLOAD_TOO_LARGE")


# --------------------------------------------------------------------------- admin

def test_can_stop_is_true_with_idle_keep_alive_connections(api):
    for _ in range(3):
        r = get(api, "/v1/admin/can-stop")  # the same kept-alive connection each time
    body = r.json()
    assert body["can_stop"] is True and body["in_flight"] == 0 and body["state"] == "RUNNING", body


def test_reload_applies_and_an_invalid_config_is_422(gw, api):
    r = post(api, "/v1/admin/reload")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["applied"] is True and isinstance(body["changed"], list), body
    good = gw.config_path.read_text()
    try:
        gw.config_path.write_text(good + "\nno-such-setting: 1\n")
        err = assert_error(post(api, "/v1/admin/reload"), 422, "RELOAD_REJECTED")
        assert "no-such-setting" in err["message"]
    finally:
        gw.config_path.write_text(good)
    assert get(api, "/healthz").status_code == 200


# --------------------------------------------------------------------------- with the async service

def submit(s, body, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return post(s, "/v1/queries", json=body, headers=headers)


def wait_terminal(s, query_id, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        info = get(s, f"/v1/queries/{query_id}").json()
        if info["state"] not in ("PENDING", "RUNNING") or time.monotonic() > deadline:
            return info
        time.sleep(0.1)


SQL_ROWS = "select g as n, 'row ' || g as label from generate_series(1, cast(? as int)) g"


def test_databases_lists_the_default(service):
    body = get(service, "/v1/databases").json()
    assert body["default"] in [d["id"] for d in body["databases"]]


def test_submit_with_idempotency_key_poll_and_download_jsonl(service):
    r = submit(service, {"sql": SQL_ROWS, "params": [3]}, key="it-jsonl-1")
    assert r.status_code == 202, r.text
    query = r.json()
    assert query["state"] in ("PENDING", "RUNNING", "SUCCEEDED") and query["id"]
    assert r.headers["Location"] == f"/v1/queries/{query['id']}"
    again = submit(service, {"sql": SQL_ROWS, "params": [3]}, key="it-jsonl-1")
    assert again.json()["id"] == query["id"]
    final = wait_terminal(service, query["id"])
    assert final["state"] == "SUCCEEDED", final
    assert final["created_at"].endswith("Z")
    result = get(service, f"/v1/queries/{query['id']}/result")
    assert result.status_code == 200
    assert result.headers["Content-Type"].startswith("application/x-ndjson")
    assert result.headers["Accept-Ranges"] == "bytes" and result.headers["ETag"]
    rows = [json.loads(line) for line in result.text.splitlines()]
    assert [r["n"] for r in rows] == [1, 2, 3] and rows[0]["label"] == "row 1"
    stats = get(service, f"/v1/queries/{query['id']}/stats").json()
    assert stats["rows"] == 3 and stats["bytes"] == len(result.content)


def test_csv_and_parquet_results(service):
    ids = {fmt: submit(service, {"sql": SQL_ROWS, "params": [4], "format": fmt}).json()["id"]
           for fmt in ("csv", "parquet")}
    assert wait_terminal(service, ids["csv"])["state"] == "SUCCEEDED"
    body = get(service, f"/v1/queries/{ids['csv']}/result")
    assert body.headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(body.text)))
    assert table[0] == ["n", "label"] and table[1:] == [[str(i), f"row {i}"] for i in range(1, 5)]
    assert wait_terminal(service, ids["parquet"])["state"] == "SUCCEEDED"
    body = get(service, f"/v1/queries/{ids['parquet']}/result")
    assert body.headers["Content-Type"] == "application/vnd.apache.parquet"
    pq = pytest.importorskip("pyarrow.parquet")
    read = pq.read_table(io.BytesIO(body.content))
    assert read.column("n").to_pylist() == [1, 2, 3, 4]


def test_sync_mode_answers_200_with_the_final_state(service):
    r = submit(service, {"sql": "select 42 as answer", "mode": "sync", "timeout_ms": 30000})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "SUCCEEDED"


def test_ranges_etag_and_not_ready(service):
    query_id = submit(service, {"sql": SQL_ROWS, "params": [2000]}).json()["id"]
    assert wait_terminal(service, query_id)["state"] == "SUCCEEDED"
    whole = get(service, f"/v1/queries/{query_id}/result")
    size = len(whole.content)
    assert int(whole.headers["Content-Length"]) == size
    middle = get(service, f"/v1/queries/{query_id}/result", headers={"Range": f"bytes={size // 3}-{size // 2}"})
    assert middle.status_code == 206
    assert middle.headers["Content-Range"] == f"bytes {size // 3}-{size // 2}/{size}"
    assert middle.content == whole.content[size // 3:size // 2 + 1]
    suffix = get(service, f"/v1/queries/{query_id}/result", headers={"Range": "bytes=-10"})
    assert suffix.status_code == 206 and suffix.content == whole.content[-10:]
    beyond = get(service, f"/v1/queries/{query_id}/result", headers={"Range": f"bytes={size + 10}-"})
    assert_error(beyond, 416, "RANGE_NOT_SATISFIABLE")
    assert beyond.headers["Content-Range"] == f"bytes */{size}"
    cached = get(service, f"/v1/queries/{query_id}/result", headers={"If-None-Match": whole.headers["ETag"]})
    assert cached.status_code == 304 and cached.content == b""

    slow = submit(service, {"sql": "select pg_sleep(30)"}).json()["id"]
    assert_error(get(service, f"/v1/queries/{slow}/result"), 409, "RESULT_NOT_READY")
    post(service, f"/v1/queries/{slow}:stop")


def test_unknown_database_and_foreign_query(gw, service):
    assert_error(submit(service, {"sql": "select 1", "database_id": "no-such-db"}), 400, "UNKNOWN_DATABASE")
    query_id = submit(service, {"sql": "select 1"}).json()["id"]
    other = {"Authorization": f"Bearer {gw.other_token}"}
    for path in (f"/v1/queries/{query_id}", f"/v1/queries/{query_id}/stats", f"/v1/queries/{query_id}/result"):
        assert_error(requests.get(gw.http + path, headers=other, timeout=TIMEOUT), 404, "NOT_FOUND")
    assert_error(requests.post(gw.http + f"/v1/queries/{query_id}:stop", headers=other, timeout=TIMEOUT),
                 404, "NOT_FOUND")
    assert_error(get(service, "/v1/queries/no-such-id"), 404, "NOT_FOUND")


def test_stop_cancels_the_running_statement(service):
    query_id = submit(service, {"sql": "select pg_sleep(60)"}).json()["id"]
    deadline = time.monotonic() + 30
    while get(service, f"/v1/queries/{query_id}").json()["state"] == "PENDING" and time.monotonic() < deadline:
        time.sleep(0.05)
    r = post(service, f"/v1/queries/{query_id}:stop")
    assert r.status_code == 200, r.text
    final = wait_terminal(service, query_id, timeout=20)
    assert final["state"] == "CANCELED", final


def test_websocket_streams_state_changes_then_closes(gw, service):
    query_id = submit(service, {"sql": "select pg_sleep(1), 1 as x"}).json()["id"]
    events = read_until_closed(open_events(f"{ws_base(gw)}?query_id={query_id}", gw.token))
    states = [e["state"] for e in events]
    assert states[-1] == "SUCCEEDED", events
    sequences = [e["sequence"] for e in events]
    assert sequences == list(range(sequences[0], sequences[0] + len(sequences))), events
    assert all(e["query_id"] == query_id for e in events)


def test_websocket_for_a_foreign_query_is_404_before_upgrading(gw, service):
    query_id = submit(service, {"sql": "select 1"}).json()["id"]
    with pytest.raises(websocket.WebSocketBadStatusException) as bad:
        websocket.create_connection(f"{ws_base(gw)}?query_id={query_id}",
                                    header=[f"Authorization: Bearer {gw.other_token}"], timeout=TIMEOUT)
    assert bad.value.status_code == 404


# --------------------------------------------------------------------------- drain

def test_draining_refuses_submissions_and_reports_not_ready():
    """SIGTERM with a PostgreSQL session open: the gateway drains and waits for it. Meanwhile the HTTP
    surface stays up: /readyz 503, submissions 503 with Retry-After, polling and health still served,
    can-stop false until the session closes; then the gateway exits 0."""
    gw = start_gateway("async-api-drain", {"lifecycle": {"drain-timeout-ms": 30000}})
    try:
        token = create_token(gw, TEST_USER)
        auth = {"Authorization": f"Bearer {token}"}
        session = psycopg2.connect(host=gw.host, port=gw.port, user=TEST_USER, password=TEST_PASSWORD,
                                   dbname=DBNAME, sslmode="disable", connect_timeout=10)
        try:
            gw.proc.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 20
            while requests.get(gw.http + "/readyz", timeout=TIMEOUT).status_code == 200:
                assert time.monotonic() < deadline, "readyz never reported draining"
                time.sleep(0.1)
            ready = requests.get(gw.http + "/readyz", timeout=TIMEOUT)
            assert ready.status_code == 503 and ready.json() == {"status": "draining"}
            refused = requests.post(gw.http + "/v1/queries", json={"sql": "select 1"}, headers=auth, timeout=TIMEOUT)
            assert_error(refused, 503, "UNAVAILABLE")
            assert int(refused.headers["Retry-After"]) > 0
            assert requests.get(gw.http + "/healthz", timeout=TIMEOUT).status_code == 200
            can_stop = requests.get(gw.http + "/v1/admin/can-stop", headers=auth, timeout=TIMEOUT).json()
            assert can_stop["can_stop"] is False and can_stop["state"] == "DRAINING", can_stop
        finally:
            session.close()
        assert gw.proc.wait(timeout=30) == 0
    finally:
        gw.stop()


def test_drain_lets_three_running_queries_finish_then_exits():
    """SIGTERM with three async queries running: they count as in flight, so can-stop stays false and
    submissions are refused while they finish. Each one's WebSocket, opened before the signal, still
    receives its SUCCEEDED event; only then does the gateway exit 0."""
    gw = start_gateway("async-api-drain-queries", {"lifecycle": {"drain-timeout-ms": 60000}})
    sockets = []
    try:
        token = create_token(gw, TEST_USER)
        with requests.Session() as s:
            s.headers["Authorization"] = f"Bearer {token}"
            s.base = gw.http
            for i in range(3):
                r = submit(s, {"sql": f"select {i} as n, pg_sleep(4)"})
                assert r.status_code == 202, r.text
                sockets.append(open_events(f"{ws_base(gw)}?query_id={r.json()['id']}", token))
            gw.proc.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 20
            while get(s, "/readyz").status_code == 200:
                assert time.monotonic() < deadline, "readyz never reported draining"
                time.sleep(0.1)
            can_stop = get(s, "/v1/admin/can-stop").json()
            assert can_stop["can_stop"] is False and can_stop["in_flight"] >= 3, can_stop
            assert_error(submit(s, {"sql": "select 1"}), 503, "UNAVAILABLE")
        for ws in sockets:
            events = read_until_closed(ws)
            assert events and events[-1]["state"] == "SUCCEEDED", events
        assert gw.proc.wait(timeout=30) == 0
    finally:
        for ws in sockets:
            ws.close()
        gw.stop()


def test_reload_under_load_adds_a_database_and_drops_nothing(gw, api):
    """Queries keep being submitted and run while the config is reloaded three times (a database is
    added, then changed, then removed, while async limits change): every query succeeds, a PostgreSQL
    session opened before the reloads keeps working, and the new database takes queries."""
    good = gw.config_path.read_text()
    pg = psycopg2.connect(host=gw.host, port=gw.port, user=TEST_USER, password=TEST_PASSWORD, dbname=DBNAME,
                          sslmode="disable", connect_timeout=10)
    stop = threading.Event()
    submitted, failures = [], []

    def load():
        with requests.Session() as s:
            s.headers["Authorization"] = f"Bearer {gw.token}"
            s.base = gw.http
            i = 0
            while not stop.is_set():
                # Each worker keeps one query in flight: submit, then wait for it to end.
                r = submit(s, {"sql": f"select {i} as n, pg_sleep(0.05)", "mode": "sync"})
                if r.status_code != 200 or r.json()["state"] != "SUCCEEDED":
                    failures.append(r.text)
                else:
                    submitted.append(r.json()["id"])
                i += 1

    workers = [threading.Thread(target=load) for _ in range(3)]
    for w in workers:
        w.start()
    try:
        for description, max_queued in (("second, first version", 200), ("second, renamed", 300), (None, 400)):
            extra = {"async": {"max-queued": max_queued}}
            if description:
                extra["databases"] = {"second": {"kind": "canonical", "description": description}}
            gw.config_path.write_text(good + servers.to_yaml(extra) + "\n")
            r = post(api, "/v1/admin/reload")
            assert r.status_code == 200 and r.json()["applied"] is True, r.text
            assert "async.max-queued" in r.json()["changed"], r.json()
            listed = {d["id"]: d for d in get(api, "/v1/databases").json()["databases"]}
            if description:
                assert listed["second"]["description"] == description
                ran = submit(api, {"database_id": "second", "sql": "select 7 as n", "mode": "sync"})
                assert ran.status_code == 200 and ran.json()["state"] == "SUCCEEDED", ran.text
            else:
                assert "second" not in listed
            with pg.cursor() as cur:
                cur.execute("select 1")
                assert cur.fetchone() == (1,)
            time.sleep(0.3)
    finally:
        stop.set()
        for w in workers:
            w.join(timeout=30)
        gw.config_path.write_text(good)
        post(api, "/v1/admin/reload")
        pg.close()
    assert not failures, failures[:3]
    assert len(submitted) > 10, "the load kept running"
    states = [wait_terminal(api, query_id)["state"] for query_id in submitted]
    assert states == ["SUCCEEDED"] * len(states), [s for s in states if s != "SUCCEEDED"][:3]
