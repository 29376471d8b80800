"""Debian's `mariadb` command-line client (libmariadb): connect in clear and over TLS, SHOW TABLES,
CRUD through -e and stdin scripts, exit codes and error output."""
from __future__ import annotations

import pytest

from harness import servers


def ok(r):
    assert r.returncode == 0, f"rc={r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    return r.stdout


def test_connect_and_select(my):
    out = ok(my.mariadb("-e", "SELECT 1 AS a, NULL AS b, 'x' AS c"))
    assert out == "a\tb\tc\n1\tNULL\tx\n"


def test_connect_over_tls(my):
    out = ok(my.mariadb("--skip-column-names", "-e", "SELECT 'tls ok'", ssl=True))
    assert out == "tls ok\n"
    out = ok(my.mariadb("-e", "status", ssl=True))
    assert "Cipher in use is" in out, out


def test_non_ascii_password_user(my):
    user, password = my.users["utf8"]
    out = ok(my.mariadb("--default-character-set=utf8mb4", "--skip-column-names", "-e", "SELECT CURRENT_USER()",
                        user=user, password=password))
    assert out == f"{user}@%\n"


def test_show_tables_and_crud(my, my_table):
    ok(my.mariadb("-e", f"CREATE TABLE {my_table} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20))"))
    out = ok(my.mariadb("-e", "SHOW TABLES"))
    lines = out.splitlines()
    assert lines[0] == "Tables_in_wgtest" and my_table in lines[1:]
    ok(my.mariadb("-e", f"INSERT INTO {my_table} (name) VALUES ('one'), ('two'); "
                        f"UPDATE {my_table} SET name = 'TWO' WHERE id = 2; DELETE FROM {my_table} WHERE id = 1"))
    assert ok(my.mariadb("-e", f"SELECT id, name FROM {my_table}")) == "id\tname\n2\tTWO\n"
    # -vvv prints the affected-row summaries the server sends in the OK packet.
    out = ok(my.mariadb("-vvv", "-e", f"UPDATE {my_table} SET name = 'x'"))
    assert "Query OK, 1 row affected" in out and "Rows matched: 1  Changed: 1  Warnings: 0" in out, out


def test_table_output(my):
    out = ok(my.mariadb("--table", "-e", "SELECT 1 AS a"))
    assert out == "+---+\n| a |\n+---+\n| 1 |\n+---+\n"


def test_script_on_stdin_and_describe(my, my_table):
    script = (f"CREATE TABLE {my_table} (id INT PRIMARY KEY, v VARCHAR(5) NOT NULL);\n"
              f"INSERT INTO {my_table} VALUES (1, 'a');\n"
              f"DESCRIBE {my_table};\n"
              f"SELECT COUNT(*) AS n FROM {my_table};\n")
    out = ok(my.mariadb(input=script))
    assert "Field\tType\tNull\tKey\tDefault\tExtra\n" in out
    assert "v\tvarchar(5)\tNO\t\tNULL\t\n" in out
    assert out.endswith("n\n1\n")


def test_bad_statement_exit_code_and_message(my):
    r = my.mariadb("-e", "SELEC 1")
    assert r.returncode == 1
    word = "MariaDB" if my.is_mariadb else "MySQL"
    assert (f"ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that "
            f"corresponds to your {word} server version for the right syntax to use near 'SELEC 1' at line 1") \
        in r.stderr, r.stderr
    r = my.mariadb("-e", "SELECT * FROM wg_no_such_table")
    assert r.returncode == 1
    assert "ERROR 1146 (42S02) at line 1: Table 'wgtest.wg_no_such_table' doesn't exist" in r.stderr


def test_script_stops_at_error_unless_forced(my):
    script = "SELECT 1 AS a;\nSELECT * FROM wg_no_such_table;\nSELECT 2 AS b;\n"
    r = my.mariadb(input=script)
    assert r.returncode == 1
    assert r.stdout == "a\n1\n"
    assert "ERROR 1146 (42S02) at line 2" in r.stderr
    r = my.mariadb("--force", input=script)
    assert r.stdout == "a\n1\nb\n2\n"
    assert "ERROR 1146 (42S02) at line 2" in r.stderr


def test_wrong_password_exit_code(my):
    r = my.mariadb("-e", "SELECT 1", password="not the password")
    assert r.returncode == 1
    assert f"ERROR 1045 (28000): Access denied for user '{servers.TEST_USER}'@'" in r.stderr, r.stderr


def test_use_and_database_option(my):
    assert ok(my.mariadb("--skip-column-names", "-e", "SELECT DATABASE()", database=None)) == "NULL\n"
    assert ok(my.mariadb("--skip-column-names", "-e", "USE wgother; SELECT DATABASE()", database=None)) == "wgother\n"
    r = my.mariadb("-e", "SELECT 1", database="wg_no_such_db")
    assert r.returncode == 1 and "ERROR 1049 (42000): Unknown database 'wg_no_such_db'" in r.stderr, r.stderr
