"""Async query results in S3: gateways with async.storage.kind s3 against s3proxy (harness/s3proxy.py),
an S3-compatible server run as its own process with a file-system blob store.

What the gateway stored is checked both through the API (downloads, ranges) and in the blob store's
directory, where every object is a file: that proves the results went to S3 and not to a local
directory, and lets expiry be seen deleting the object.
"""
from __future__ import annotations

import csv
import datetime
import decimal
import hashlib
import io
import json
import subprocess
import time

import pytest
import requests

from harness import s3proxy, servers, util
from harness.servers import TEST_PASSWORD, TEST_USER

TIMEOUT = 60
BUCKET = "results"
PREFIX = "wiregate/results/"
# A result far larger than the gateway's heap below: it can only pass by streaming into the
# multipart upload (8 MiB parts) and back out of ranged reads.
BIG_ROWS = 5_000_000
SMALL_HEAP = ["-Xmx128m", "-XX:+ExitOnOutOfMemoryError"]


@pytest.fixture(scope="module")
def s3():
    server = s3proxy.S3Proxy("s3proxy", s3proxy.jar_or_skip())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def start_gateway(label: str, s3: s3proxy.S3Proxy, async_config: dict | None = None,
                  java_opts: list[str] | None = None, bucket: str = BUCKET) -> servers.Gateway:
    (http,) = util.free_ports(1)
    config = {"listeners": {"http": {"port": http}},
              "async": {"storage": s3.gateway_settings(bucket, PREFIX), **(async_config or {})}}
    gw = servers.Gateway(label, {"kind": "embedded", "pool": {"size": 4}}, servers.jar_or_skip(),
                         java_opts=java_opts, config=config)
    gw.start([(TEST_USER, TEST_PASSWORD)])
    gw.http = f"http://{gw.host}:{http}"
    return gw


def api_session(gw: servers.Gateway) -> requests.Session:
    r = subprocess.run(gw._java_cmd("token", "create", TEST_USER, "--config", str(gw.config_path)),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {r.stdout.strip()}"
    session.base = gw.http
    return session


@pytest.fixture(scope="module")
def gw(s3):
    gateway = start_gateway("async-s3", s3, java_opts=SMALL_HEAP)
    try:
        gateway.api = api_session(gateway)
        yield gateway
    finally:
        gateway.api.close()
        gateway.stop()


def get(s, path, **kw):
    return s.get(s.base + path, timeout=TIMEOUT, **kw)


def submit(s, body) -> str:
    r = s.post(s.base + "/v1/queries", json=body, timeout=TIMEOUT)
    assert r.status_code == 202, r.text
    return r.json()["id"]


def wait_terminal(s, query_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        info = get(s, f"/v1/queries/{query_id}").json()
        if info["state"] not in ("PENDING", "RUNNING") or time.monotonic() > deadline:
            return info
        time.sleep(0.1)


def run(s, body) -> str:
    query_id = submit(s, body)
    final = wait_terminal(s, query_id)
    assert final["state"] == "SUCCEEDED", final
    return query_id


def stored(s3, query_id: str, fmt: str) -> bytes:
    return s3.object_path(BUCKET, f"{PREFIX}{query_id}.{fmt}").read_bytes()


# --------------------------------------------------------------------------- formats

ROWS = 500
MIXED_SQL = ("select g as n, 'row ' || g as label, cast(g * 1.25 as numeric(12, 2)) as amount, g % 2 = 0 as even, "
             "date '2024-01-01' + g as day, case when g % 3 = 0 then null else g end as maybe "
             "from generate_series(1, cast(? as int)) g")


def expected_rows():
    for g in range(1, ROWS + 1):
        yield {"n": g, "label": f"row {g}", "amount": decimal.Decimal(g) * decimal.Decimal("1.25"),
               "even": g % 2 == 0, "day": datetime.date(2024, 1, 1) + datetime.timedelta(days=g),
               "maybe": None if g % 3 == 0 else g}


def test_jsonl_result_is_stored_in_the_bucket_and_downloaded(gw, s3):
    query_id = run(gw.api, {"sql": MIXED_SQL, "params": [ROWS], "format": "jsonl"})
    body = get(gw.api, f"/v1/queries/{query_id}/result")
    assert body.status_code == 200
    assert body.content == stored(s3, query_id, "jsonl"), "the download is the stored object"
    rows = [json.loads(line) for line in body.text.splitlines()]
    assert len(rows) == ROWS
    for got, want in zip(rows, expected_rows()):
        assert got["n"] == want["n"] and got["label"] == want["label"] and got["even"] == want["even"]
        assert decimal.Decimal(str(got["amount"])) == want["amount"]
        assert got["day"] == want["day"].isoformat() and got["maybe"] == want["maybe"]


def test_csv_result(gw, s3):
    query_id = run(gw.api, {"sql": MIXED_SQL, "params": [ROWS], "format": "csv"})
    body = get(gw.api, f"/v1/queries/{query_id}/result")
    assert body.headers["Content-Type"].startswith("text/csv")
    assert body.content == stored(s3, query_id, "csv")
    table = list(csv.reader(io.StringIO(body.text)))
    assert table[0] == ["n", "label", "amount", "even", "day", "maybe"]
    assert len(table) == ROWS + 1
    for got, want in zip(table[1:], expected_rows()):
        assert got[0] == str(want["n"]) and got[1] == want["label"]
        assert decimal.Decimal(got[2]) == want["amount"]
        assert got[4] == want["day"].isoformat()
        assert got[5] == ("" if want["maybe"] is None else str(want["maybe"]))


def test_parquet_result_read_back_value_by_value(gw, s3):
    pq = pytest.importorskip("pyarrow.parquet")
    query_id = run(gw.api, {"sql": MIXED_SQL, "params": [ROWS], "format": "parquet"})
    body = get(gw.api, f"/v1/queries/{query_id}/result")
    assert body.headers["Content-Type"] == "application/vnd.apache.parquet"
    assert body.content == stored(s3, query_id, "parquet")
    rows = pq.read_table(io.BytesIO(body.content)).to_pylist()
    assert len(rows) == ROWS
    for got, want in zip(rows, expected_rows()):
        assert got == want, (got, want)


# --------------------------------------------------------------------------- a large result

@pytest.fixture(scope="module")
def big_result(gw):
    """A BIG_ROWS-row JSONL result written by the small-heap gateway (hundreds of MiB)."""
    started = time.monotonic()
    query_id = submit(gw.api, {"sql": "select g as n, 'row number ' || g as label "
                                      f"from generate_series(1, {BIG_ROWS}) g", "format": "jsonl"})
    final = wait_terminal(gw.api, query_id, timeout=300)
    assert final["state"] == "SUCCEEDED", final
    print(f"{BIG_ROWS} rows to S3 in {time.monotonic() - started:.1f} s")
    return query_id


@pytest.mark.timeout(600)
def test_large_result_streams_through_a_small_heap(gw, s3, big_result):
    stats = get(gw.api, f"/v1/queries/{big_result}/stats").json()
    assert stats["rows"] == BIG_ROWS
    path = s3.object_path(BUCKET, f"{PREFIX}{big_result}.jsonl")
    assert path.stat().st_size == stats["bytes"] > 128 * 1024 * 1024, "larger than the gateway's heap"
    started = time.monotonic()
    lines = 0
    digest = hashlib.sha256()
    size = 0
    last = b""
    with get(gw.api, f"/v1/queries/{big_result}/result", stream=True) as r:
        assert r.status_code == 200
        # a multipart upload's ETag names its part count
        assert r.headers["ETag"].rstrip('"').rsplit("-", 1)[1].isdigit(), r.headers["ETag"]
        for chunk in r.iter_content(1024 * 1024):
            lines += chunk.count(b"\n")
            digest.update(chunk)
            size += len(chunk)
            last = (last + chunk)[-200:]
    print(f"downloaded {size} bytes in {time.monotonic() - started:.1f} s")
    assert size == stats["bytes"] and lines == BIG_ROWS
    assert json.loads(last.splitlines()[-1]) == {"n": BIG_ROWS, "label": f"row number {BIG_ROWS}"}
    with open(path, "rb") as f:
        assert hashlib.file_digest(f, "sha256").digest() == digest.digest()
    assert gw.proc.poll() is None, "the gateway is alive (it exits on OutOfMemoryError)"


def test_range_in_the_middle_of_a_large_result(gw, s3, big_result):
    whole = s3.object_path(BUCKET, f"{PREFIX}{big_result}.jsonl").read_bytes()
    size = len(whole)
    # crosses at least one 8 MiB part boundary of the upload
    first, last = size // 2 - 5_000_000, size // 2 + 5_000_000
    r = get(gw.api, f"/v1/queries/{big_result}/result", headers={"Range": f"bytes={first}-{last}"})
    assert r.status_code == 206
    assert r.headers["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert r.content == whole[first:last + 1]
    tail = get(gw.api, f"/v1/queries/{big_result}/result", headers={"Range": "bytes=-100"})
    assert tail.status_code == 206 and tail.content == whole[-100:]


def test_a_query_failing_after_several_parts_leaves_nothing_in_the_bucket(gw, s3):
    # about 30 MB of rows (several 8 MiB parts uploaded) before a division by zero
    query_id = submit(gw.api, {"sql": "select g, 'row number ' || g as label, 1 / (1000000 - g) as boom "
                                      "from generate_series(1, 1000001) g", "format": "jsonl"})
    # s3proxy keeps the parts of an upload as files named after the key, beside an upload stub
    parts_seen = set()
    while get(gw.api, f"/v1/queries/{query_id}").json()["state"] in ("PENDING", "RUNNING"):
        parts_seen.update(p.name for p in (s3.blobs / BUCKET).rglob(f"{query_id}.jsonl-*"))
        time.sleep(0.05)
    final = wait_terminal(gw.api, query_id)
    assert final["state"] == "FAILED" and final["error"]["code"] == "22012", final
    assert len(parts_seen) >= 2, f"parts were uploaded while the query ran: {parts_seen}"
    leftovers = [p for p in (s3.blobs / BUCKET).rglob("*") if query_id in str(p) or "mpu" in p.name]
    assert leftovers == [], "the aborted upload left parts or an object behind"
    assert get(gw.api, f"/v1/queries/{query_id}/result").status_code == 409


# --------------------------------------------------------------------------- expiry and start

def test_expiry_deletes_the_object(s3):
    gateway = start_gateway("async-s3-ttl", s3, async_config={"result-ttl": "3s"})
    try:
        api = api_session(gateway)
        query_id = run(api, {"sql": "select 1 as one"})
        path = s3.object_path(BUCKET, f"{PREFIX}{query_id}.jsonl")
        assert path.exists()
        deadline = time.monotonic() + 30
        while get(api, f"/v1/queries/{query_id}").json()["state"] != "EXPIRED":
            assert time.monotonic() < deadline, "not EXPIRED in 30 s"
            time.sleep(0.2)
        # the state changes first, then the object is deleted
        while path.exists():
            assert time.monotonic() < deadline, "the expired result's object is not deleted"
            time.sleep(0.1)
        assert get(api, f"/v1/queries/{query_id}/result").status_code == 410
    finally:
        gateway.stop()


def test_a_missing_bucket_stops_the_gateway_at_start(s3):
    with pytest.raises(servers.StartError) as failed:
        start_gateway("async-s3-nobucket", s3, bucket="no-such-bucket")
    assert "s3://no-such-bucket" in str(failed.value) and "does not exist" in str(failed.value)
