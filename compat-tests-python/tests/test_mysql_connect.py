"""MySQL connection set-up and connection-level commands: plaintext and TLS, caching_sha2_password
(RSA full auth, TLS full auth, fast path) and mysql_native_password, login errors, both
mysql-connector implementations, COM_PING, COM_INIT_DB, COM_CHANGE_USER, COM_RESET_CONNECTION,
COM_STATISTICS."""
from __future__ import annotations

import ssl

import pymysql
import pytest

from harness import servers, util
from harness.myassert import ACCESS_DENIED, connector_error, pymysql_error, rows, scalar
from harness.mywire import RawMyConnection


@pytest.fixture(scope="module")
def foreign_ca(tmp_path_factory):
    """A self-signed certificate that did not sign the server's certificate."""
    cert, _ = util.self_signed_certificate(tmp_path_factory.mktemp("foreign-ca"), "not-the-server", name="ca",
                                           for_localhost=False)
    return str(cert)


class AuthSpy:
    """Records what PyMySQL's caching_sha2_password code sees: the AuthMoreData status byte
    (3 = fast path succeeded, 4 = full authentication needed) and RSA encryptions of the password."""

    def __init__(self, monkeypatch):
        from pymysql import _auth

        self.statuses: list[int] = []
        self.rsa_calls = 0
        orig_auth, orig_rsa = _auth.caching_sha2_password_auth, _auth.sha2_rsa_encrypt

        def auth(conn, pkt):
            data = pkt.get_all_data()
            if data[:1] == b"\x01" and len(data) >= 2:
                self.statuses.append(data[1])
            return orig_auth(conn, pkt)

        def rsa(password, salt, public_key):
            self.rsa_calls += 1
            return orig_rsa(password, salt, public_key)

        monkeypatch.setattr(_auth, "caching_sha2_password_auth", auth)
        monkeypatch.setattr(_auth, "sha2_rsa_encrypt", rsa)

    def reset(self):
        self.statuses.clear()
        self.rsa_calls = 0


def is_tls(pymysql_conn) -> bool:
    return isinstance(pymysql_conn._sock, ssl.SSLSocket)


def tls_params(my) -> dict:
    return {"ssl": {"ca": my.cert_path, "check_hostname": False}}


# --------------------------------------------------------------------------- PyMySQL

def test_pymysql_plaintext(my):
    c = my.pymysql(ssl_disabled=True)
    try:
        assert not is_tls(c)
        assert scalar(c, "SELECT 1") == 1
        assert scalar(c, "SELECT DATABASE()") == "wgtest"
        assert scalar(c, "SELECT CONNECTION_ID()") == c.thread_id()
        assert c.get_server_info()
    finally:
        c.close()


@pytest.mark.mysql8_only
def test_greeting_is_mysql8_with_caching_sha2(my):
    with RawMyConnection(my.host, my.port) as r:
        g = r.read_greeting()
        assert g.protocol == 10
        assert g.version.startswith("8.0."), g.version
        assert g.auth_plugin == "caching_sha2_password"
        assert len(g.salt) == 20


@pytest.mark.mysql8_only
def test_caching_sha2_rsa_full_auth_then_fast_path(my, monkeypatch):
    user, password = my.users["fresh"]
    spy = AuthSpy(monkeypatch)
    c = my.pymysql(user=user, password=password, ssl_disabled=True)
    try:
        assert not is_tls(c)
        assert c._auth_plugin_name == "caching_sha2_password"
        # First login of this user: the cache is empty, so full authentication without TLS:
        # the client asks for the RSA public key and sends the password encrypted with it.
        assert spy.statuses == [4], spy.statuses
        assert spy.rsa_calls == 1
        assert c.server_public_key.startswith(b"-----BEGIN PUBLIC KEY-----"), c.server_public_key[:40]
        assert scalar(c, "SELECT CURRENT_USER()").startswith(user + "@")
    finally:
        c.close()
    spy.reset()
    c = my.pymysql(user=user, password=password, ssl_disabled=True)
    try:
        assert spy.statuses == [3], "second login should take the fast path (0x01 0x03)"
        assert spy.rsa_calls == 0
        assert scalar(c, "SELECT 2") == 2
    finally:
        c.close()


@pytest.mark.mysql8_only
def test_caching_sha2_full_auth_over_tls_then_fast_path(my, monkeypatch):
    user, password = my.users["fresh_tls"]
    spy = AuthSpy(monkeypatch)
    c = my.pymysql(user=user, password=password, **tls_params(my))
    try:
        assert is_tls(c)
        assert spy.statuses == [4], spy.statuses
        assert spy.rsa_calls == 0, "over TLS the password is sent as is, not RSA-encrypted"
        assert scalar(c, "SELECT 1") == 1
    finally:
        c.close()
    spy.reset()
    c = my.pymysql(user=user, password=password, ssl_disabled=True)  # plaintext: the cache serves it
    try:
        assert spy.statuses == [3]
        assert spy.rsa_calls == 0
    finally:
        c.close()


@pytest.mark.mysql8_only
def test_raw_caching_sha2_login_sequence(my):
    # The raw client follows whatever the server asks (fast or full); either way it logs in.
    with RawMyConnection(my.host, my.port) as r:
        r.login(my.user, my.password, "wgtest", plugin="caching_sha2_password")
        assert r.auth_trace[-1] == "ok"
        assert set(r.auth_trace) <= {"fast", "full", "rsa", "ok"}, r.auth_trace
        assert r.query("SELECT 7").rows == [[b"7"]]


def test_pymysql_prefers_tls_when_offered(my):
    # PyMySQL >= 1.2 upgrades to TLS by itself when the server offers it (ssl-mode PREFERRED).
    c = my.pymysql()
    try:
        assert is_tls(c)
        assert scalar(c, "SELECT 1") == 1
    finally:
        c.close()


def test_pymysql_tls(my):
    c = my.pymysql(**tls_params(my))
    try:
        assert is_tls(c)
        assert c._sock.version() in ("TLSv1.2", "TLSv1.3")
        assert scalar(c, "SELECT 'over tls'") == "over tls"
    finally:
        c.close()


def test_tls_rejects_foreign_ca(my, foreign_ca):
    with pytest.raises(pymysql.err.OperationalError) as ei:
        my.pymysql(ssl={"ca": foreign_ca, "check_hostname": False})
    assert "CERTIFICATE_VERIFY_FAILED" in str(ei.value)


def test_pymysql_mysql_native_password(my_native, monkeypatch):
    with RawMyConnection(my_native.host, my_native.port) as r:
        assert r.read_greeting().auth_plugin == "mysql_native_password"
    spy = AuthSpy(monkeypatch)
    for extra in ({"ssl_disabled": True}, tls_params(my_native)):
        c = my_native.pymysql(**extra)
        try:
            assert c._auth_plugin_name == "mysql_native_password"
            assert spy.statuses == [] and spy.rsa_calls == 0
            assert scalar(c, "SELECT CURRENT_USER()").startswith(servers.TEST_USER + "@")
        finally:
            c.close()


def test_raw_mysql_native_password_login(my):
    # The client insists on mysql_native_password; the server accepts it or switches plugins
    # (AuthSwitchRequest) and the login still succeeds.
    with RawMyConnection(my.host, my.port) as r:
        r.login(my.user, my.password, "wgtest", plugin="mysql_native_password")
        assert r.query("SELECT 8").rows == [[b"8"]]


def test_non_ascii_password(my):
    user, password = my.users["utf8"]
    # PyMySQL encodes str passwords as latin1; the account's password is the UTF-8 text, so pass
    # its UTF-8 bytes (as an application with such a password must).
    c = my.pymysql(user=user, password=password.encode("utf-8"))
    try:
        assert scalar(c, "SELECT 1") == 1
    finally:
        c.close()
    c = my.connector(user=user, password=password)
    try:
        assert scalar(c, "SELECT 1") == 1
    finally:
        c.close()


def test_many_sequential_connections(my):
    for i in range(15):
        c = my.pymysql()
        try:
            assert scalar(c, "SELECT %s * 2", (i,)) == i * 2
        finally:
            c.close()


def test_sessions_are_isolated(my):
    conns = [my.pymysql(autocommit=True) for _ in range(4)]
    try:
        for i, c in enumerate(conns):
            with c.cursor() as cur:
                cur.execute(f"SET @wg_conn = {i}")
        ids = set()
        for i, c in enumerate(conns):
            assert scalar(c, "SELECT @wg_conn") == i
            ids.add(scalar(c, "SELECT CONNECTION_ID()"))
        assert len(ids) == 4
    finally:
        for c in conns:
            c.close()


# --------------------------------------------------------------------------- login errors

@pytest.mark.parametrize("client", ["pymysql", "connector"])
def test_wrong_password(my, client):
    if client == "pymysql":
        with pymysql_error(1045, ACCESS_DENIED) as ei:
            my.pymysql(password="not the password")
        msg = ei.value.args[1]
    else:
        with connector_error(1045, "28000", ACCESS_DENIED) as h:
            my.connector(password="not the password")
        msg = h.err.msg
    m = ACCESS_DENIED.fullmatch(msg)
    assert m["user"] == servers.TEST_USER and m["pw"] == "YES"


def test_unknown_user(my):
    with connector_error(1045, "28000", ACCESS_DENIED) as h:
        my.connector(user="wg_no_such_user")
    assert ACCESS_DENIED.fullmatch(h.err.msg)["user"] == "wg_no_such_user"
    with pymysql_error(1045, ACCESS_DENIED):
        my.pymysql(user="wg_no_such_user")


def test_empty_password_is_reported_as_no(my):
    with pymysql_error(1045, ACCESS_DENIED) as ei:
        my.pymysql(password="")
    assert ACCESS_DENIED.fullmatch(ei.value.args[1])["pw"] == "NO"


def test_wrong_password_over_tls(my):
    with pymysql_error(1045, ACCESS_DENIED):
        my.pymysql(password="not the password", **tls_params(my))


def test_unknown_database_at_connect(my):
    with connector_error(1049, "42000", "Unknown database 'wg_no_such_db'"):
        my.connector(database="wg_no_such_db")


def test_connect_without_database(my, my_table):
    c = my.pymysql(database=None, autocommit=True)
    try:
        assert scalar(c, "SELECT DATABASE()") is None
        with pymysql_error(1046, "No database selected"):
            with c.cursor() as cur:
                cur.execute(f"CREATE TABLE {my_table} (id INT)")
        # Qualified names work without a current database.
        with c.cursor() as cur:
            cur.execute(f"CREATE TABLE wgtest.{my_table} (id INT)")
            cur.execute(f"INSERT INTO wgtest.{my_table} VALUES (5)")
        assert scalar(c, f"SELECT id FROM wgtest.{my_table}") == 5
    finally:
        c.close()


# --------------------------------------------------------------------------- mysql-connector-python

def test_connector_pure(my):
    import mysql.connector.connection

    c = my.connector()
    try:
        assert isinstance(c, mysql.connector.connection.MySQLConnection)
        assert c.is_connected()
        assert scalar(c, "SELECT 40 + 2") == 42
        # The pure client prefers TLS when the server offers it.
        assert isinstance(c._socket.sock, ssl.SSLSocket)
    finally:
        c.close()


@pytest.mark.parametrize("ssl_disabled", [True, False], ids=["plain", "tls"])
def test_connector_mysql_native_password(my, ssl_disabled):
    c = my.connector(auth_plugin="mysql_native_password", ssl_disabled=ssl_disabled)
    try:
        assert scalar(c, "SELECT CURRENT_USER()").startswith(servers.TEST_USER + "@")
    finally:
        c.close()


CEXT_SCRIPT = r"""
import mysql.connector
assert mysql.connector.HAVE_CEXT, "C extension not importable"
for extra in ({}, {"ssl_disabled": True}):
    c = mysql.connector.connect(**PARAMS, **extra)
    assert type(c).__name__ == "CMySQLConnection", type(c)
    cur = c.cursor()
    cur.execute("SELECT 6 * 7, 'c ext'")
    assert cur.fetchall() == [(42, "c ext")], "text protocol"
    cur.close()
    cur = c.cursor(prepared=True)
    cur.execute("SELECT ? + 1, ?", (41, "prepared"))
    assert [tuple(r) for r in cur.fetchall()] == [(42, "prepared")], "binary protocol"
    cur.close()
    c.ping()
    c.close()
try:
    mysql.connector.connect(**{**PARAMS, "password": "wrong"})
    raise AssertionError("wrong password accepted")
except mysql.connector.Error as e:
    assert e.errno == 1045 and e.sqlstate == "28000", (e.errno, e.sqlstate, e.msg)
print("CEXT OK")
"""


def test_connector_c_extension(my):
    r = my.run_cext(CEXT_SCRIPT)
    assert r.returncode == 0 and "CEXT OK" in r.stdout, f"stdout:\n{r.stdout}\nstderr:\n{r.stderr[-4000:]}"


# --------------------------------------------------------------------------- commands

def test_com_ping(my):
    c = my.pymysql()
    try:
        c.ping(reconnect=False)
        c.ping(reconnect=False)
        assert scalar(c, "SELECT 1") == 1
    finally:
        c.close()
    c = my.connector()
    try:
        c.ping(reconnect=False)
        assert c.cmd_ping()["status_flag"] is not None
    finally:
        c.close()


def test_com_init_db(my):
    c = my.pymysql()
    try:
        c.select_db("wgother")
        assert scalar(c, "SELECT DATABASE()") == "wgother"
        with pymysql_error(1049, "Unknown database 'wg_no_such_db'"):
            c.select_db("wg_no_such_db")
        assert scalar(c, "SELECT DATABASE()") == "wgother"
        c.select_db("WGTEST")  # lower_case_table_names=1: database names are case-insensitive
        assert scalar(c, "SELECT DATABASE()") == "wgtest"
    finally:
        c.close()


def test_com_change_user(my):
    user, password = my.users["utf8"]
    c = my.connector()
    try:
        cur = c.cursor()
        cur.execute("SET @wg_before = 1")
        cur.close()
        c.cmd_change_user(username=user, password=password, database="wgother")
        assert rows(c, "SELECT CURRENT_USER(), DATABASE(), @wg_before") == [(f"{user}@%", "wgother", None)]
        c.cmd_change_user(username=my.user, password=my.password, database="wgtest")
        assert rows(c, "SELECT CURRENT_USER(), DATABASE()") == [(f"{my.user}@%", "wgtest")]
    finally:
        c.close()


def test_com_reset_connection(my, my_table):
    c = my.connector(autocommit=True)
    try:
        cur = c.cursor()
        cur.execute(f"CREATE TABLE {my_table} (id INT PRIMARY KEY)")
        cur.execute("SET @wg_var = 5")
        cur.execute("START TRANSACTION")
        cur.execute(f"INSERT INTO {my_table} VALUES (1)")
        cur.close()
        assert c.cmd_reset_connection() is True
        # The open transaction is rolled back, user variables are gone, the database stays.
        assert rows(c, f"SELECT @wg_var, DATABASE(), (SELECT COUNT(*) FROM {my_table})") == [(None, "wgtest", 0)]
    finally:
        c.close()


def test_com_statistics(my):
    c = my.connector()
    try:
        stats = c.cmd_statistics()
        for key in ("Uptime", "Threads", "Questions", "Open tables", "Queries per second avg"):
            assert key in stats, stats
        assert stats["Uptime"] >= 0 and stats["Threads"] >= 1
        assert scalar(c, "SELECT 1") == 1  # the connection goes on after the text reply
    finally:
        c.close()
