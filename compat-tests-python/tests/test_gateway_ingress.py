"""Gateway-only behaviour: listeners, protocol detection, refusal of protocols not built yet,
start-up failures, and the md5 / cleartext authentication methods. Each module fixture runs its own
gateway on the embedded engine."""
import socket
import ssl
import struct
import subprocess
import time

import psycopg2
import pytest

from harness import servers, util

USERS = [(servers.TEST_USER, servers.TEST_PASSWORD)]
LISTENERS = ("postgres", "mysql", "tds", "drda", "oracle", "http", "https", "autodetect")


def _jar_or_skip():
    return servers.jar_or_skip()


def _gateway(label, config):
    gw = servers.Gateway(label, {"kind": "embedded", "pool": {"size": 4}}, _jar_or_skip(), config=config)
    gw.start(USERS)
    return gw


@pytest.fixture(scope="module")
def gateway():
    ports = dict(zip(LISTENERS, util.free_ports(len(LISTENERS))))
    gw = _gateway("ingress", {"listeners": {name: {"port": port} for name, port in ports.items()}})
    gw.ports = ports
    try:
        yield gw
    finally:
        gw.stop()


def _connect(gw, port, **kw):
    params = dict(host=gw.host, port=port, user=servers.TEST_USER, password=servers.TEST_PASSWORD,
                  dbname=servers.DBNAME, sslmode="disable", connect_timeout=15)
    params.update(kw)
    return psycopg2.connect(**params)


def _recv_all(sock, timeout=5.0):
    sock.settimeout(timeout)
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, socket.timeout):
            break
        if not chunk:
            break
        data += chunk
    return data


def _startup_packet():
    params = f"user\0{servers.TEST_USER}\0database\0{servers.DBNAME}\0\0".encode()
    return struct.pack("!ii", 8 + len(params), 196608) + params


@pytest.mark.parametrize("sslmode", ["disable", "require"])
def test_autodetect_port_serves_postgresql(gateway, sslmode):
    with _connect(gateway, gateway.ports["autodetect"], sslmode=sslmode) as c:
        cur = c.cursor()
        cur.execute("select 40 + 2")
        assert cur.fetchone() == (42,)
        assert c.info.ssl_in_use == (sslmode == "require")


def test_autodetect_port_takes_direct_tls_with_postgresql_alpn(gateway):
    ctx = ssl.create_default_context(cafile=str(gateway.cert_path()))
    ctx.set_alpn_protocols(["postgresql"])
    with socket.create_connection((gateway.host, gateway.ports["autodetect"]), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.selected_alpn_protocol() == "postgresql"
            tls.sendall(_startup_packet())
            reply = tls.recv(5)
            assert reply[:1] == b"R", reply  # an authentication request: PostgreSQL answered


def _read_mysql_greeting(sock):
    """The first packet a MySQL server sends: a protocol v10 handshake."""
    sock.settimeout(10)
    data = b""
    while len(data) < 4 or len(data) < 4 + int.from_bytes(data[:3], "little"):
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before the handshake: {data!r}"
        data += chunk
    return data[4:4 + int.from_bytes(data[:3], "little")]


def _assert_mysql_greeting(payload):
    assert payload[0] == 10, payload  # protocol version 10
    version = payload[1:payload.index(b"\0", 1)]
    assert version.startswith(b"8.0."), version
    assert b"caching_sha2_password" in payload


def test_mysql_port_greets_with_a_v10_handshake(gateway):
    with socket.create_connection((gateway.host, gateway.ports["mysql"]), timeout=10) as s:
        _assert_mysql_greeting(_read_mysql_greeting(s))


def test_silent_client_on_autodetect_port_is_treated_as_mysql(gateway):
    with socket.create_connection((gateway.host, gateway.ports["autodetect"]), timeout=10) as s:
        start = time.monotonic()
        _assert_mysql_greeting(_read_mysql_greeting(s))
        assert time.monotonic() - start < 5


@pytest.mark.parametrize("listener", ["http", "autodetect"])
def test_http_is_served(gateway, listener):
    with socket.create_connection((gateway.host, gateway.ports[listener]), timeout=10) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        data = _recv_all(s)
    assert data.startswith(b"HTTP/1.1 200"), data
    assert data.endswith(b'{"status":"ok"}'), data


def test_https_is_served_inside_tls(gateway):
    ctx = ssl.create_default_context(cafile=str(gateway.cert_path()))
    with socket.create_connection((gateway.host, gateway.ports["https"]), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"GET /nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            data = _recv_all(tls)
    assert data.startswith(b"HTTP/1.1 404"), data
    assert b'"code":"NOT_FOUND"' in data


def test_autodetect_port_offers_http11_not_h2_over_alpn(gateway):
    ctx = ssl.create_default_context(cafile=str(gateway.cert_path()))
    ctx.set_alpn_protocols(["h2", "http/1.1"])
    with socket.create_connection((gateway.host, gateway.ports["autodetect"]), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.selected_alpn_protocol() == "http/1.1"
            tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            data = _recv_all(tls)
    assert data.startswith(b"HTTP/1.1 200"), data


TDS_PRELOGIN = bytes.fromhex("1201002f0000010000001a00060100200001020021000103002200040400260001ff"
                             "0a00000000000000000000000000")
DRDA_EXCSAT = bytes.fromhex("0010d0410001000a104111470000")
TNS_CONNECT = bytes.fromhex("003a0000010000000136012c0000080000000000000000000000000000000000000000"
                            "0000000000000000000000000000000000000000000000")


@pytest.mark.parametrize("listener,first_bytes", [
    ("tds", TDS_PRELOGIN), ("drda", DRDA_EXCSAT), ("oracle", TNS_CONNECT),
    ("autodetect", TDS_PRELOGIN), ("autodetect", DRDA_EXCSAT), ("autodetect", TNS_CONNECT),
])
def test_protocols_not_built_are_closed_not_hung(gateway, listener, first_bytes):
    with socket.create_connection((gateway.host, gateway.ports[listener]), timeout=10) as s:
        s.sendall(first_bytes)
        start = time.monotonic()
        assert _recv_all(s, timeout=8) == b""
        assert time.monotonic() - start < 5


def test_unrecognised_bytes_are_closed_and_logged_while_others_keep_working(gateway):
    with _connect(gateway, gateway.ports["postgres"]) as before:
        with socket.create_connection((gateway.host, gateway.ports["autodetect"]), timeout=10) as s:
            s.sendall(b"\x07\x07garbage that is no protocol at all\x00\x01")
            assert _recv_all(s) == b""
        cur = before.cursor()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    deadline = time.monotonic() + 5
    while "unrecognised protocol" not in gateway.log_path.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "unrecognised protocol" in gateway.log_path.read_text()


def _run_jar(*args, timeout=60):
    java = servers.find_java()
    return subprocess.run([str(java), "-jar", str(_jar_or_skip()), *args], capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def test_port_in_use_fails_start_up_naming_the_setting(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        sets = [f"listeners.{name}.port=0" for name in LISTENERS if name != "postgres"]
        args = ["run", "--set", f"data-dir={tmp_path}", "--set", f"listeners.postgres.port={port}"]
        for s in sets:
            args += ["--set", s]
        r = _run_jar(*args)
    assert r.returncode != 0
    assert "listeners.postgres.port" in r.stderr, r.stderr
    assert "wiregate: ready" not in r.stdout


@pytest.mark.parametrize("override,key", [
    ("listeners.postgres.prot=1", "listeners.postgres.prot"),
    ("listeners.postgres.port=abc", "listeners.postgres.port"),
    ("engine.kind=oracle", "engine.kind"),
])
def test_bad_configuration_is_rejected_with_the_key_path(tmp_path, override, key):
    r = _run_jar("run", "--set", f"data-dir={tmp_path}", "--set", override)
    assert r.returncode == 2
    assert f"'{key}'" in r.stderr, r.stderr


@pytest.fixture(scope="module")
def md5_gateway():
    gw = _gateway("md5", {"auth": {"postgres-method": "md5"}})
    try:
        yield gw
    finally:
        gw.stop()


@pytest.fixture(scope="module")
def cleartext_gateway():
    gw = _gateway("cleartext", {"auth": {"postgres-method": "password"}})
    try:
        yield gw
    finally:
        gw.stop()


def test_md5_authentication(md5_gateway):
    with _connect(md5_gateway, md5_gateway.port) as c:
        c.cursor().execute("select 1")
    with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
        _connect(md5_gateway, md5_gateway.port, password="wrong")


def test_cleartext_password_only_over_tls(cleartext_gateway):
    with pytest.raises(psycopg2.OperationalError, match="requires an SSL connection"):
        _connect(cleartext_gateway, cleartext_gateway.port)
    with _connect(cleartext_gateway, cleartext_gateway.port, sslmode="require") as c:
        c.cursor().execute("select 1")
    with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
        _connect(cleartext_gateway, cleartext_gateway.port, sslmode="require", password="wrong")


@pytest.fixture(scope="module")
def configured_cert_gateway(tmp_path_factory):
    cert, key = util.self_signed_certificate(tmp_path_factory.mktemp("cert"))
    gw = _gateway("configured-cert", {"tls": {"cert-file": str(cert), "key-file": str(key)}})
    gw.configured_cert = cert
    try:
        yield gw
    finally:
        gw.stop()


def test_verify_full_and_channel_binding_with_a_configured_certificate(configured_cert_gateway):
    gw = configured_cert_gateway
    with _connect(gw, gw.port, host="localhost", sslmode="verify-full", sslrootcert=str(gw.configured_cert),
                  channel_binding="require") as c:
        cur = c.cursor()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
        assert c.info.ssl_in_use
    # The generated certificate was not used: verifying against it fails.
    with pytest.raises(psycopg2.OperationalError):
        _connect(gw, gw.port, host="localhost", sslmode="verify-full", sslrootcert=str(gw.cert_path()))
