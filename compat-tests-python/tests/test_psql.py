"""Debian's psql (libpq, simple query protocol, catalog queries) against each target."""
from __future__ import annotations

import re

import pytest


def run_ok(target, *args, input=None, **kw):
    r = target.psql(*args, input=input, **kw)
    assert r.returncode == 0, f"psql exited {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    return r


def test_psql_connects_with_scram_password(target):
    r = run_ok(target, "-A", "-t", "-c", "select 40 + 2 as answer")
    assert r.stdout.strip() == "42"


def test_psql_tls_conninfo(target):
    r = run_ok(target, "-c", r"\conninfo", sslmode="require")
    assert "SSL connection (protocol: TLSv1." in r.stdout, r.stdout


def test_psql_describe_commands(target, table_name):
    run_ok(target, "-v", "ON_ERROR_STOP=1", "-c",
           f"CREATE TABLE {table_name} (id integer PRIMARY KEY, label varchar(20) NOT NULL, "
           f"amount numeric(10,2), created timestamptz DEFAULT now())")
    r = run_ok(target, "-c", r"\dt")
    assert re.search(rf"\bpublic\s*\|\s*{table_name}\s*\|\s*table\b", r.stdout), r.stdout

    r = run_ok(target, "-c", rf"\d {table_name}")
    out = r.stdout
    assert f'Table "public.{table_name}"' in out, out
    assert re.search(r"\bid\s*\|\s*integer\s*\|\s*\|\s*not null", out), out
    assert re.search(r"\blabel\s*\|\s*character varying\(20\)\s*\|\s*\|\s*not null", out), out
    assert re.search(r"\bamount\s*\|\s*numeric\(10,2\)", out), out
    assert re.search(r"\bcreated\s*\|\s*timestamp with time zone\s*\|\s*\|\s*\|\s*now\(\)", out), out
    assert re.search(rf'"{table_name}_pkey" PRIMARY KEY, btree \(id\)', out), out


def test_psql_crud_command_tags(target, table_name):
    script = f"""
CREATE TABLE {table_name} (id int PRIMARY KEY, name text);
INSERT INTO {table_name} VALUES (1, 'one');
INSERT INTO {table_name} VALUES (2, 'two'), (3, 'three');
UPDATE {table_name} SET name = 'uno' WHERE id = 1;
DELETE FROM {table_name} WHERE id = 2;
SELECT id, name FROM {table_name} ORDER BY id;
DROP TABLE {table_name};
"""
    r = run_ok(target, "-v", "ON_ERROR_STOP=1", input=script)
    lines = [l.rstrip() for l in r.stdout.splitlines()]
    assert lines[:5] == ["CREATE TABLE", "INSERT 0 1", "INSERT 0 2", "UPDATE 1", "DELETE 1"], r.stdout
    rows = [re.sub(r"\s+", " ", l).strip() for l in lines]
    assert "id | name" in rows
    assert "1 | uno" in rows and "3 | three" in rows and "2 | two" not in rows
    assert "(2 rows)" in rows
    assert lines[-1] == "DROP TABLE", r.stdout
    assert r.stderr == ""


def test_psql_transaction_rollback_leaves_no_rows(target, table_name):
    run_ok(target, "-c", f"CREATE TABLE {table_name} (id int)")
    script = f"""
BEGIN;
INSERT INTO {table_name} VALUES (1), (2);
SELECT count(*) AS inside FROM {table_name};
ROLLBACK;
SELECT count(*) AS after FROM {table_name};
"""
    r = run_ok(target, "-v", "ON_ERROR_STOP=1", "-A", input=script)
    lines = r.stdout.splitlines()
    assert lines[0] == "BEGIN" and lines[1] == "INSERT 0 2", r.stdout
    assert lines[2:5] == ["inside", "2", "(1 row)"], r.stdout
    assert lines[5] == "ROLLBACK", r.stdout
    assert lines[6:9] == ["after", "0", "(1 row)"], r.stdout


def test_psql_error_inside_transaction_then_rollback(target, table_name):
    run_ok(target, "-c", f"CREATE TABLE {table_name} (id int)")
    script = f"""
BEGIN;
INSERT INTO {table_name} VALUES (1);
SELECT 1/0;
INSERT INTO {table_name} VALUES (2);
ROLLBACK;
SELECT count(*) AS n FROM {table_name};
INSERT INTO {table_name} VALUES (3);
"""
    r = target.psql("-v", "ON_ERROR_STOP=0", "-A", input=script)
    assert r.returncode == 0, r.stderr
    errors = [l for l in r.stderr.splitlines() if "ERROR:" in l]
    assert len(errors) == 2, r.stderr
    assert "division by zero" in errors[0]
    assert "current transaction is aborted, commands ignored until end of transaction block" in errors[1]
    lines = r.stdout.splitlines()
    assert lines[:2] == ["BEGIN", "INSERT 0 1"], r.stdout
    assert "ROLLBACK" in lines
    i = lines.index("ROLLBACK")
    assert lines[i + 1:i + 5] == ["n", "0", "(1 row)", "INSERT 0 1"], r.stdout
    r = run_ok(target, "-A", "-t", "-c", f"SELECT string_agg(id::text, ',') FROM {table_name}")
    assert r.stdout.strip() == "3"


def test_psql_multi_statement_command(target):
    r = run_ok(target, "-A", "-t", "-c", "select 1; select 2")
    assert r.stdout.split() == ["1", "2"], r.stdout


def test_psql_multi_statement_with_error_stops_at_error(target):
    # One simple-query message: statements after the failing one are not run.
    r = target.psql("-A", "-t", "-c", "select 'a'; select 1/0; select 'c'")
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "division by zero" in r.stderr
    assert "c" not in r.stdout.split()


def test_psql_copy_in_and_out(target, table_name):
    run_ok(target, "-c", f"CREATE TABLE {table_name} (id int, name text)")
    data = "1\talpha\n2\tbe\\ta\n3\t\\N\n"
    r = run_ok(target, "-c", rf"\copy {table_name} from stdin", input=data)
    assert "COPY 3" in r.stdout, r.stdout
    r = run_ok(target, "-c", rf"\copy (select * from {table_name} order by id) to stdout")
    assert r.stdout == data


def test_psql_unicode_output(target):
    r = run_ok(target, "-A", "-t", "-c", "select 'grüße, 日本, 🎉' as s, length('grüße, 日本, 🎉')")
    assert r.stdout.strip() == "grüße, 日本, 🎉|12"
