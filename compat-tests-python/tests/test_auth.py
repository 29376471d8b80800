"""Authentication failures look like PostgreSQL's."""
from __future__ import annotations

import psycopg2
import pytest


@pytest.mark.parametrize("sslmode", ["disable", "require"])
def test_wrong_password(target, sslmode):
    with pytest.raises(psycopg2.OperationalError) as ei:
        target.connect(password=target.password + "-wrong", sslmode=sslmode)
    msg = str(ei.value)
    assert "password authentication failed" in msg
    assert f'for user "{target.user}"' in msg


@pytest.mark.parametrize("sslmode", ["disable", "require"])
def test_unknown_user(target, sslmode):
    with pytest.raises(psycopg2.OperationalError) as ei:
        target.connect(user="wg_no_such_user", password="whatever", sslmode=sslmode)
    msg = str(ei.value)
    assert "password authentication failed" in msg
    assert 'for user "wg_no_such_user"' in msg


def test_password_of_another_user_is_rejected(target):
    other_user, other_password = target.users["utf8"]
    with pytest.raises(psycopg2.OperationalError) as ei:
        target.connect(password=other_password)
    assert "password authentication failed" in str(ei.value)


def test_psql_wrong_password(target):
    r = target.psql("-c", "select 1", password="definitely-wrong")
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "password authentication failed" in r.stderr


def test_good_login_after_failures(target):
    for _ in range(3):
        with pytest.raises(psycopg2.OperationalError):
            target.connect(password="nope")
    c = target.connect()
    try:
        with c.cursor() as cur:
            cur.execute("SELECT 'still ok'")
            assert cur.fetchone()[0] == "still ok"
    finally:
        c.close()
