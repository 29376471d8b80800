"""Connection set-up: plaintext, TLS, certificate verification, SCRAM."""
from __future__ import annotations

from pathlib import Path

import psycopg2
import pytest

from harness import util


@pytest.fixture(scope="module")
def foreign_ca(tmp_path_factory) -> Path:
    """A self-signed certificate that did not sign the server's certificate."""
    cert, _ = util.self_signed_certificate(tmp_path_factory.mktemp("foreign-ca"), "not-the-server", name="ca",
                                           for_localhost=False)
    return cert


def select_one(c) -> int:
    with c.cursor() as cur:
        cur.execute("SELECT 1")
        return cur.fetchone()[0]


def test_plaintext_connection(target):
    c = target.connect(sslmode="disable")
    try:
        assert c.info.ssl_in_use is False
        assert select_one(c) == 1
        assert c.info.status == 0  # libpq CONNECTION_OK
    finally:
        c.close()


def test_tls_required_connection(target):
    c = target.connect(sslmode="require")
    try:
        assert c.info.ssl_in_use is True
        assert c.info.ssl_attribute("protocol") in ("TLSv1.2", "TLSv1.3")
        assert select_one(c) == 1
    finally:
        c.close()


def test_tls_verify_ca_with_server_certificate(target):
    if not target.sslrootcert:
        pytest.skip("target has no CA certificate to verify against")
    c = target.connect(sslmode="verify-ca", sslrootcert=target.sslrootcert)
    try:
        assert c.info.ssl_in_use is True
        assert select_one(c) == 1
    finally:
        c.close()


def test_tls_verify_ca_rejects_foreign_root(target, foreign_ca):
    with pytest.raises(psycopg2.OperationalError) as ei:
        target.connect(sslmode="verify-ca", sslrootcert=str(foreign_ca))
    assert "certificate verify failed" in str(ei.value)


@pytest.mark.gateway_only
def test_gateway_generated_certificate_verifies(target):
    cert = target.data_dir / "tls" / "gateway.crt"
    assert cert.is_file(), f"gateway did not write its certificate to {cert}"
    assert "-----BEGIN CERTIFICATE-----" in cert.read_text()
    c = target.connect(sslmode="verify-ca", sslrootcert=str(cert))
    try:
        assert c.info.ssl_in_use is True
        assert select_one(c) == 1
    finally:
        c.close()


@pytest.mark.parametrize("sslmode", ["disable", "require"])
def test_server_asks_for_scram(target, sslmode):
    # libpq >= 16: require_auth refuses any other method the server might ask for.
    c = target.connect(sslmode=sslmode, require_auth="scram-sha-256")
    try:
        assert select_one(c) == 1
    finally:
        c.close()


def test_server_does_not_accept_cleartext_password_method(target):
    with pytest.raises(psycopg2.OperationalError) as ei:
        target.connect(require_auth="password")
    assert "SASL" in str(ei.value)


def test_scram_with_non_ascii_password(target):
    user, password = target.users["utf8"]
    for sslmode in ("disable", "require"):
        c = target.connect(user=user, password=password, sslmode=sslmode)
        try:
            assert select_one(c) == 1
        finally:
            c.close()


def test_many_sequential_connections(target):
    for i in range(20):
        c = target.connect()
        try:
            with c.cursor() as cur:
                cur.execute("SELECT %s::int * 2", (i,))
                assert cur.fetchone()[0] == i * 2
        finally:
            c.close()


def test_concurrent_connections_are_isolated(target):
    conns = [target.connect() for _ in range(5)]
    try:
        for i, c in enumerate(conns):
            c.autocommit = True
            c.cursor().execute(f"SET application_name = 'wg-conn-{i}'")
        for i, c in enumerate(conns):
            with c.cursor() as cur:
                cur.execute("SHOW application_name")
                assert cur.fetchone()[0] == f"wg-conn-{i}"
    finally:
        for c in conns:
            c.close()


def test_scram_with_channel_binding_over_tls(target):
    c = target.connect(sslmode="require", channel_binding="require")
    try:
        cur = c.cursor()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
        assert c.info.ssl_in_use
    finally:
        c.close()
    with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
        target.connect(sslmode="require", channel_binding="require", password="wrong")


def test_verify_full_against_the_certificate(target):
    if not target.sslrootcert:
        pytest.skip("target has no CA file")
    c = target.connect(host="localhost", sslmode="verify-full", sslrootcert=target.sslrootcert)
    try:
        assert c.info.ssl_in_use
    finally:
        c.close()
