"""Session emulation: SET NAMES / autocommit / SESSION variables, @@variable reads (the ones
drivers and tools send), time zones, USE."""
from __future__ import annotations

import datetime as dt

import pytest

from harness.myassert import connector_error, execute, pymysql_error, rows, scalar

MYSQL8_SQL_MODE = ("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                   "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION")


def test_variables_drivers_read_at_connect(myconn):
    # What SQLAlchemy, Connector/J and friends ask right after connecting.
    got = rows(myconn, "SELECT @@sql_mode, @@lower_case_table_names, @@max_allowed_packet, @@autocommit, "
                       "@@time_zone, @@character_set_client, @@character_set_connection, "
                       "@@character_set_results, @@character_set_server, @@tx_isolation")
    assert got == [(MYSQL8_SQL_MODE, 1, 67108864, 1, "SYSTEM", "utf8mb4", "utf8mb4", "utf8mb4", "utf8mb4",
                    "REPEATABLE-READ")]


def test_collation_variables(myconn):
    conn_coll, server_coll, db_coll = rows(myconn, "SELECT @@collation_connection, @@collation_server, "
                                                   "@@collation_database")[0]
    for c in (conn_coll, server_coll, db_coll):
        assert c.startswith("utf8mb4_"), c


@pytest.mark.mysql8_only
def test_mysql8_only_variables(myconn):
    got = rows(myconn, "SELECT @@transaction_isolation, @@version, VERSION(), @@collation_server, "
                       "@@default_authentication_plugin")
    iso, version, fn_version, coll, plugin = got[0]
    assert iso == "REPEATABLE-READ"
    assert version.startswith("8.0.") and fn_version == version
    assert coll == "utf8mb4_0900_ai_ci"
    assert plugin == "caching_sha2_password"


def test_version_variables(my, myconn):
    version, fn_version, comment = rows(myconn, "SELECT @@version, VERSION(), @@version_comment")[0]
    assert version == fn_version
    assert version.split(".")[0].isdigit()
    assert isinstance(comment, str)


def test_variable_scopes_and_labels(myconn):
    with myconn.cursor() as cur:
        cur.execute("SELECT @@max_allowed_packet, @@session.autocommit, @@SESSION.sql_mode, "
                    "@@global.max_allowed_packet, @@local.autocommit")
        assert cur.fetchone() == (67108864, 1, MYSQL8_SQL_MODE, 67108864, 1)
        assert [d[0] for d in cur.description] == ["@@max_allowed_packet", "@@session.autocommit",
                                                    "@@SESSION.sql_mode", "@@global.max_allowed_packet",
                                                    "@@local.autocommit"]
        cur.execute("SELECT @@version AS v")
        assert cur.description[0][0] == "v"


def test_unknown_system_variable(my):
    c = my.connector()
    try:
        cur = c.cursor()
        with connector_error(1193, "HY000", "Unknown system variable 'wg_no_such_var'"):
            cur.execute("SELECT @@wg_no_such_var")
        with connector_error(1193, "HY000", "Unknown system variable 'wg_no_such_var'"):
            cur.execute("SET SESSION wg_no_such_var = 1")
        cur.close()
    finally:
        c.close()


def test_set_names(myconn):
    with myconn.cursor() as cur:
        cur.execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci")
        cur.execute("SELECT @@character_set_client, @@character_set_connection, @@character_set_results, "
                    "@@collation_connection")
        assert cur.fetchone() == ("utf8mb4", "utf8mb4", "utf8mb4", "utf8mb4_unicode_ci")
        cur.execute("SET NAMES 'utf8mb4'")
        cur.execute("SET character_set_results = NULL")
        cur.execute("SELECT @@character_set_results")
        assert cur.fetchone() == (None,)
        cur.execute("SET NAMES utf8mb4")
        cur.execute("SELECT 'ü😀'")
        assert cur.fetchone() == ("ü😀",)


def test_set_autocommit(my, my_table):
    c = my.pymysql(autocommit=True)
    other = my.pymysql(autocommit=True)
    try:
        execute(c, f"CREATE TABLE {my_table} (id INT PRIMARY KEY)")
        execute(c, "SET autocommit = 0")
        assert scalar(c, "SELECT @@autocommit") == 0
        execute(c, f"INSERT INTO {my_table} VALUES (1)")
        assert scalar(other, f"SELECT COUNT(*) FROM {my_table}") == 0
        execute(c, "SET autocommit = 1")  # turning autocommit on commits the open transaction
        assert scalar(other, f"SELECT COUNT(*) FROM {my_table}") == 1
        execute(c, "SET @@autocommit = OFF")
        assert scalar(c, "SELECT @@session.autocommit") == 0
        execute(c, "SET SESSION autocommit = ON")
        assert scalar(c, "SELECT @@autocommit") == 1
    finally:
        c.close()
        other.close()


def test_set_session_variables(myconn):
    with myconn.cursor() as cur:
        cur.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'")
        cur.execute("SELECT @@sql_mode, @@SESSION.sql_mode")
        assert cur.fetchone() == ("STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION",) * 2
        cur.execute("SET @@session.wait_timeout = 1234, SESSION net_write_timeout = 77")
        cur.execute("SELECT @@wait_timeout, @@session.net_write_timeout")
        assert cur.fetchone() == (1234, 77)
        cur.execute("SET sql_mode = DEFAULT")
        cur.execute("SELECT @@sql_mode")
        assert cur.fetchone() == (MYSQL8_SQL_MODE,)


def test_session_variables_are_per_connection(my):
    a, b = my.pymysql(autocommit=True), my.pymysql(autocommit=True)
    try:
        execute(a, "SET SESSION wait_timeout = 999")
        assert scalar(a, "SELECT @@wait_timeout") == 999
        assert scalar(b, "SELECT @@wait_timeout") != 999
    finally:
        a.close()
        b.close()


def test_show_variables(myconn):
    with myconn.cursor() as cur:
        cur.execute("SHOW VARIABLES LIKE 'max_allowed_packet'")
        assert cur.fetchall() == (("max_allowed_packet", "67108864"),)
        assert [d[0] for d in cur.description] == ["Variable_name", "Value"]
        cur.execute("SHOW SESSION VARIABLES WHERE Variable_name = 'autocommit'")
        assert cur.fetchall() == (("autocommit", "ON"),)
        cur.execute("SHOW GLOBAL VARIABLES LIKE 'lower_case_table_names'")
        assert cur.fetchall() == (("lower_case_table_names", "1"),)
        cur.execute("SHOW VARIABLES LIKE 'character_set_%'")
        names = {r[0] for r in cur.fetchall()}
        assert {"character_set_client", "character_set_connection", "character_set_results",
                "character_set_server", "character_set_database"} <= names
        cur.execute("SET SESSION wait_timeout = 4321")
        cur.execute("SHOW VARIABLES LIKE 'wait_timeout'")
        assert cur.fetchall() == (("wait_timeout", "4321"),)


def test_time_zone_offsets_and_timestamp_columns(myconn, my_table):
    with myconn.cursor() as cur:
        cur.execute("SET time_zone = '+00:00'")
        cur.execute("SELECT @@time_zone, @@session.time_zone")
        assert cur.fetchone() == ("+00:00", "+00:00")
        cur.execute(f"CREATE TABLE {my_table} (ts TIMESTAMP NULL, d DATETIME)")
        cur.execute(f"INSERT INTO {my_table} VALUES ('2024-01-01 12:00:00', '2024-01-01 12:00:00')")
        cur.execute("SET time_zone = '+05:30'")
        # TIMESTAMP is stored as an instant and shown in the session time zone; DATETIME is not.
        cur.execute(f"SELECT ts, d FROM {my_table}")
        assert cur.fetchone() == (dt.datetime(2024, 1, 1, 17, 30), dt.datetime(2024, 1, 1, 12, 0))
        cur.execute(f"INSERT INTO {my_table} VALUES ('2024-01-01 12:00:00', NULL)")
        cur.execute("SET time_zone = '+00:00'")
        cur.execute(f"SELECT ts FROM {my_table} WHERE d IS NULL")
        assert cur.fetchone() == (dt.datetime(2024, 1, 1, 6, 30),)
        cur.execute("SET time_zone = '-02:00'")
        now_utc = scalar(myconn, "SELECT UTC_TIMESTAMP()")
        now_local = scalar(myconn, "SELECT NOW()")
        assert abs((now_utc - now_local).total_seconds() - 7200) < 3


def test_use_database(myconn, my_table):
    with myconn.cursor() as cur:
        cur.execute(f"CREATE TABLE {my_table} (id INT)")
        cur.execute("USE wgother")
        cur.execute("SELECT DATABASE()")
        assert cur.fetchone() == ("wgother",)
        with pymysql_error(1146, f"Table 'wgother.{my_table}' doesn't exist"):
            cur.execute(f"SELECT * FROM {my_table}")
        cur.execute(f"SELECT COUNT(*) FROM wgtest.{my_table}")
        assert cur.fetchone() == (0,)
        cur.execute("USE `wgtest`")
        cur.execute(f"SELECT COUNT(*) FROM {my_table}")
        assert cur.fetchone() == (0,)
    with pymysql_error(1049, "Unknown database 'wg_no_such_db'"):
        execute(myconn, "USE wg_no_such_db")
    assert scalar(myconn, "SELECT DATABASE()") == "wgtest"


def test_select_without_from_and_dual(myconn):
    assert rows(myconn, "SELECT 1 + 1, 'a' FROM DUAL") == [(2, "a")]
    with myconn.cursor() as cur:
        cur.execute("SELECT 1+1, COUNT(*), DATABASE(), USER() LIKE 'wgtest@%', CURRENT_USER()")
        got = cur.fetchone()
        assert got[:4] == (2, 1, "wgtest", 1)
        assert got[4] == "wgtest@%"
        assert [d[0] for d in cur.description] == ["1+1", "COUNT(*)", "DATABASE()", "USER() LIKE 'wgtest@%'",
                                                    "CURRENT_USER()"]


def _run_in_thread(conn, sql):
    """Runs sql on conn in a thread; returns (thread, outcome) where outcome gets 'rows' or 'error'."""
    import threading
    import time

    outcome = {}

    def work():
        start = time.monotonic()
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
                outcome["rows"] = cur.fetchall()
        except Exception as e:  # noqa: BLE001 - the test inspects it
            outcome["error"] = e
        outcome["seconds"] = time.monotonic() - start

    t = threading.Thread(target=work, daemon=True)
    t.start()
    return t, outcome


def test_kill_query_from_another_connection(my, myconn, my_table):
    import time

    import pymysql

    execute(myconn, f"CREATE TABLE {my_table} (n INT)")
    execute(myconn, f"INSERT INTO {my_table} VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)")
    victim = my.pymysql(autocommit=True)
    try:
        victim_id = scalar(victim, "SELECT CONNECTION_ID()")
        # SLEEP as part of a query: killed, the query fails (a lone SELECT SLEEP(n) would return 1)
        thread, outcome = _run_in_thread(victim, f"SELECT n, SLEEP(8) FROM {my_table} WHERE n = 1")
        time.sleep(1.5)
        execute(myconn, f"KILL QUERY {victim_id}")
        thread.join(8)
        assert not thread.is_alive(), "the killed statement still runs"
        error = outcome.get("error")
        assert isinstance(error, pymysql.MySQLError), outcome
        assert error.args[0] == 1317 and error.args[1] == "Query execution was interrupted", error.args
        # the victim's connection stays usable
        assert scalar(victim, "SELECT 'still here'") == "still here"
    finally:
        victim.close()


def test_kill_connection_from_another_connection(my, myconn):
    import pymysql

    victim = my.pymysql(autocommit=True)
    try:
        victim_id = scalar(victim, "SELECT CONNECTION_ID()")
        execute(myconn, f"KILL {victim_id}")
        with pytest.raises(pymysql.err.OperationalError) as lost:
            scalar(victim, "SELECT 1")
        assert lost.value.args[0] in (2006, 2013), lost.value.args
    finally:
        victim.close()
    with pymysql_error(1094, "Unknown thread id: 987654"):
        execute(myconn, "KILL QUERY 987654")
    assert scalar(myconn, "SELECT 1") == 1


def test_sleep_in_a_select_list_sleeps_once_per_row(myconn, my_table):
    import time

    execute(myconn, f"CREATE TABLE {my_table} (n INT)")
    execute(myconn, f"INSERT INTO {my_table} VALUES (1), (2), (3)")
    started = time.monotonic()
    assert rows(myconn, f"SELECT n, SLEEP(0.3) FROM {my_table} ORDER BY n") == [(1, 0), (2, 0), (3, 0)]
    assert time.monotonic() - started >= 0.9


def test_com_process_kill_closes_the_connection(my):
    import pymysql

    # PyMySQL's kill() sends the deprecated COM_PROCESS_KILL command: KILL CONNECTION id
    killer, victim = my.pymysql(autocommit=True), my.pymysql(autocommit=True)
    try:
        victim_id = scalar(victim, "SELECT CONNECTION_ID()")
        killer.kill(victim_id)
        with pytest.raises(pymysql.err.OperationalError) as lost:
            scalar(victim, "SELECT 1")
        assert lost.value.args[0] in (2006, 2013), lost.value.args
        with pymysql_error(1094, "Unknown thread id: 987654"):
            killer.kill(987654)
        assert scalar(killer, "SELECT 1") == 1
    finally:
        victim.close()
        killer.close()
