"""Catalog emulation: SHOW statements, DESCRIBE and the information_schema queries tools send.

MariaDB prints integer display widths (int(11)) and CURRENT_TIMESTAMP as current_timestamp();
MySQL 8.0.19+ does neither. The shared tests compare after `norm()`; the exact MySQL 8 text is
checked in the mysql8_only tests.
"""
from __future__ import annotations

import re

import pytest

from harness.myassert import connector_error, pymysql_error, rows


def norm(value):
    """MariaDB -> MySQL 8 spelling: drop integer display widths (except tinyint(1)), upper-case
    current_timestamp()."""
    if not isinstance(value, str):
        return value
    value = re.sub(r"\b(tinyint|smallint|mediumint|int|bigint)\((\d+)\)",
                   lambda m: m.group(0) if (m.group(1), m.group(2)) == ("tinyint", "1") else m.group(1), value)
    return re.sub(r"current_timestamp\(\)", "CURRENT_TIMESTAMP", value)


def norm_rows(rs):
    return [tuple(norm(v) for v in r) for r in rs]


@pytest.fixture
def tables(myconn, my_table):
    """my_table (parent with several column kinds and keys) and my_table_child (FK to it)."""
    with myconn.cursor() as cur:
        cur.execute(f"CREATE TABLE {my_table} (id INT AUTO_INCREMENT PRIMARY KEY, "
                    f"name VARCHAR(50) NOT NULL COMMENT 'the name', flag TINYINT(1) NOT NULL DEFAULT 0, "
                    f"amount DECIMAL(10,2), u INT UNSIGNED, e ENUM('a','b') DEFAULT 'a', "
                    f"created DATETIME DEFAULT CURRENT_TIMESTAMP, KEY idx_name (name), "
                    f"UNIQUE KEY uq_fu (flag, u)) ENGINE=InnoDB COMMENT='tbl'")
        cur.execute(f"CREATE TABLE {my_table}_child (id INT PRIMARY KEY, parent_id INT, "
                    f"CONSTRAINT fk_{my_table[-8:]} FOREIGN KEY (parent_id) REFERENCES {my_table} (id) "
                    f"ON DELETE CASCADE)")
    return my_table


SHOW_COLUMNS = [
    ("id", "int", "NO", "PRI", None, "auto_increment"),
    ("name", "varchar(50)", "NO", "MUL", None, ""),
    ("flag", "tinyint(1)", "NO", "MUL", "0", ""),
    ("amount", "decimal(10,2)", "YES", "", None, ""),
    ("u", "int unsigned", "YES", "", None, ""),
    ("e", "enum('a','b')", "YES", "", "a", ""),
    ("created", "datetime", "YES", "", "CURRENT_TIMESTAMP", None),  # Extra differs: see mysql8 test
]


def without_created_extra(rs):
    return [r[:5] + (None,) if r[0] == "created" else r for r in rs]


def test_show_databases(myconn):
    with myconn.cursor() as cur:
        for stmt in ("SHOW DATABASES", "SHOW SCHEMAS"):
            cur.execute(stmt)
            assert [d[0] for d in cur.description] == ["Database"]
            names = {r[0] for r in cur.fetchall()}
            assert {"wgtest", "wgother", "information_schema"} <= names, names
        cur.execute("SHOW DATABASES LIKE 'wg%'")
        assert cur.fetchall() == (("wgother",), ("wgtest",))
        assert cur.description[0][0] == "Database (wg%)"


def test_show_tables(myconn, tables):
    with myconn.cursor() as cur:
        cur.execute("SHOW TABLES")
        assert cur.description[0][0] == "Tables_in_wgtest"
        names = {r[0] for r in cur.fetchall()}
        assert {tables, tables + "_child"} <= names
        cur.execute(f"SHOW TABLES LIKE '{tables}%'")
        assert cur.fetchall() == ((tables,), (tables + "_child",))
        cur.execute(f"SHOW FULL TABLES FROM `wgtest` LIKE '{tables}'")
        assert cur.fetchall() == ((tables, "BASE TABLE"),)
        assert [d[0] for d in cur.description] == [f"Tables_in_wgtest ({tables})", "Table_type"]
        cur.execute(f"CREATE VIEW {tables}_v AS SELECT id FROM {tables}")
        try:
            cur.execute(f"SHOW FULL TABLES WHERE Tables_in_wgtest LIKE '{tables}_v'")
            assert cur.fetchall() == ((tables + "_v", "VIEW"),)
        finally:
            cur.execute(f"DROP VIEW {tables}_v")
        cur.execute("SHOW TABLES FROM wgother")
        assert cur.description[0][0] == "Tables_in_wgother"
        assert tables not in {r[0] for r in cur.fetchall()}


def test_show_columns_and_describe(myconn, tables):
    with myconn.cursor() as cur:
        for stmt in (f"SHOW COLUMNS FROM {tables}", f"SHOW COLUMNS FROM {tables} FROM wgtest",
                     f"DESCRIBE {tables}", f"DESC `wgtest`.`{tables}`", f"EXPLAIN {tables}"):
            cur.execute(stmt)
            assert [d[0] for d in cur.description] == ["Field", "Type", "Null", "Key", "Default", "Extra"]
            assert without_created_extra(norm_rows(cur.fetchall())) == SHOW_COLUMNS, stmt
        cur.execute(f"SHOW COLUMNS FROM {tables} LIKE 'fl%'")
        assert norm_rows(cur.fetchall()) == [SHOW_COLUMNS[2]]


@pytest.mark.mysql8_only
def test_show_columns_mysql8_exact(myconn, tables):
    with myconn.cursor() as cur:
        cur.execute(f"SHOW COLUMNS FROM {tables}")
        expected = SHOW_COLUMNS[:-1] + [("created", "datetime", "YES", "", "CURRENT_TIMESTAMP", "DEFAULT_GENERATED")]
        assert list(cur.fetchall()) == expected


def test_describe_missing_table(my):
    # SQLAlchemy's has_table() relies on error 1146 for DESCRIBE.
    c = my.connector()
    try:
        cur = c.cursor()
        with connector_error(1146, "42S02", "Table 'wgtest.wg_no_such_table' doesn't exist"):
            cur.execute("DESCRIBE `wgtest`.`wg_no_such_table`")
        cur.close()
    finally:
        c.close()


def test_show_full_columns(myconn, tables):
    with myconn.cursor() as cur:
        cur.execute(f"SHOW FULL COLUMNS FROM {tables}")
        assert [d[0] for d in cur.description] == ["Field", "Type", "Collation", "Null", "Key", "Default",
                                                    "Extra", "Privileges", "Comment"]
        got = {r[0]: r for r in cur.fetchall()}
        assert got["id"][2] is None
        assert got["name"][2].startswith("utf8mb4_")
        assert got["name"][8] == "the name"
        assert got["u"][8] == ""
        assert norm(got["u"][1]) == "int unsigned"
        assert "select" in got["id"][7]


def test_show_index(myconn, tables):
    with myconn.cursor() as cur:
        cur.execute(f"SHOW INDEX FROM {tables}")
        names = [d[0] for d in cur.description]
        assert names[:13] == ["Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation",
                              "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment",
                              "Index_comment"]
        got = sorted((r[2], r[3], r[4], r[1], r[0]) for r in cur.fetchall())
        assert got == sorted([("PRIMARY", 1, "id", 0, tables), ("idx_name", 1, "name", 1, tables),
                              ("uq_fu", 1, "flag", 0, tables), ("uq_fu", 2, "u", 0, tables)])
        cur.execute(f"SHOW KEYS FROM {tables} WHERE Key_name = 'PRIMARY'")
        assert [r[4] for r in cur.fetchall()] == ["id"]


def test_show_create_table(myconn, tables):
    with myconn.cursor() as cur:
        cur.execute(f"SHOW CREATE TABLE {tables}")
        assert [d[0] for d in cur.description] == ["Table", "Create Table"]
        name, ddl = cur.fetchone()
        assert name == tables
        ddl = norm(ddl)
        assert ddl.startswith(f"CREATE TABLE `{tables}` (\n  `id` int NOT NULL AUTO_INCREMENT,\n"), ddl
        for fragment in ("  `name` varchar(50) NOT NULL COMMENT 'the name',\n",
                         "  `u` int unsigned DEFAULT NULL,\n",
                         "  `e` enum('a','b') DEFAULT 'a',\n",
                         "  `created` datetime DEFAULT CURRENT_TIMESTAMP,\n",
                         "  PRIMARY KEY (`id`),\n",
                         "  UNIQUE KEY `uq_fu` (`flag`,`u`),\n",
                         "  KEY `idx_name` (`name`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_"):
            assert fragment in ddl, f"{fragment!r} not in:\n{ddl}"
        assert ddl.endswith(" COMMENT='tbl'")
        cur.execute(f"SHOW CREATE TABLE {tables}_child")
        child = norm(cur.fetchone()[1])
        fk = f"fk_{tables[-8:]}"
        assert f"  CONSTRAINT `{fk}` FOREIGN KEY (`parent_id`) REFERENCES `{tables}` (`id`) ON DELETE CASCADE\n" \
            in child, child


@pytest.mark.mysql8_only
def test_show_create_table_mysql8_exact(myconn, tables):
    with myconn.cursor() as cur:
        cur.execute(f"SHOW CREATE TABLE {tables}")
        assert cur.fetchone()[1] == (
            f"CREATE TABLE `{tables}` (\n"
            "  `id` int NOT NULL AUTO_INCREMENT,\n"
            "  `name` varchar(50) NOT NULL COMMENT 'the name',\n"
            "  `flag` tinyint(1) NOT NULL DEFAULT '0',\n"
            "  `amount` decimal(10,2) DEFAULT NULL,\n"
            "  `u` int unsigned DEFAULT NULL,\n"
            "  `e` enum('a','b') DEFAULT 'a',\n"
            "  `created` datetime DEFAULT CURRENT_TIMESTAMP,\n"
            "  PRIMARY KEY (`id`),\n"
            "  UNIQUE KEY `uq_fu` (`flag`,`u`),\n"
            "  KEY `idx_name` (`name`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='tbl'")
        fk = f"fk_{tables[-8:]}"
        cur.execute(f"SHOW CREATE TABLE {tables}_child")
        assert cur.fetchone()[1] == (
            f"CREATE TABLE `{tables}_child` (\n"
            "  `id` int NOT NULL,\n"
            "  `parent_id` int DEFAULT NULL,\n"
            "  PRIMARY KEY (`id`),\n"
            f"  KEY `{fk}` (`parent_id`),\n"
            f"  CONSTRAINT `{fk}` FOREIGN KEY (`parent_id`) REFERENCES `{tables}` (`id`) ON DELETE CASCADE\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci")


def test_show_create_missing_table(myconn):
    with pymysql_error(1146, "Table 'wgtest.wg_no_such_table' doesn't exist"):
        rows(myconn, "SHOW CREATE TABLE wg_no_such_table")


def test_show_status(myconn):
    with myconn.cursor() as cur:
        cur.execute("SHOW STATUS LIKE 'Threads_connected'")
        assert [d[0] for d in cur.description] == ["Variable_name", "Value"]
        (name, value), = cur.fetchall()
        assert name == "Threads_connected" and int(value) >= 1
        cur.execute("SHOW GLOBAL STATUS LIKE 'Uptime'")
        (name, value), = cur.fetchall()
        assert name == "Uptime" and int(value) >= 0
        cur.execute("SHOW SESSION STATUS LIKE 'wg_no_such_status%'")
        assert cur.fetchall() == ()


def test_show_warnings(myconn):
    with myconn.cursor() as cur:
        cur.execute("SELECT 1")
        cur.execute("SHOW WARNINGS")
        assert [d[0] for d in cur.description] == ["Level", "Code", "Message"]
        assert cur.fetchall() == ()
        cur.execute("SELECT 1/0")
        assert cur.fetchall() == ((None,),)
        cur.execute("SHOW WARNINGS")
        assert cur.fetchall() == (("Warning", 1365, "Division by 0"),)
        cur.execute("SELECT 1/0")
        cur.execute("SELECT @@warning_count")
        assert cur.fetchall() == ((1,),)


def test_show_warnings_after_an_error(myconn):
    with pymysql_error(1146):
        rows(myconn, "SELECT * FROM wg_no_such_table")
    assert rows(myconn, "SHOW WARNINGS") == [("Error", 1146, "Table 'wgtest.wg_no_such_table' doesn't exist")]


def test_show_engines(myconn):
    with myconn.cursor() as cur:
        cur.execute("SHOW ENGINES")
        assert [d[0] for d in cur.description] == ["Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"]
        innodb = [r for r in cur.fetchall() if r[0] == "InnoDB"]
        assert len(innodb) == 1
        assert innodb[0][1] == "DEFAULT" and innodb[0][3] == "YES" and innodb[0][5] == "YES"


def test_show_collation_and_character_set(myconn):
    with myconn.cursor() as cur:
        cur.execute("SHOW COLLATION LIKE 'utf8mb4_general_ci'")
        assert [d[0] for d in cur.description][:6] == ["Collation", "Charset", "Id", "Default", "Compiled", "Sortlen"]
        assert cur.fetchall()[0][:3] == ("utf8mb4_general_ci", "utf8mb4", 45)
        cur.execute("SHOW COLLATION WHERE Charset = 'utf8mb4' AND Id = 224")
        assert cur.fetchall()[0][:3] == ("utf8mb4_unicode_ci", "utf8mb4", 224)
        cur.execute("SHOW CHARACTER SET LIKE 'utf8mb4'")
        assert [d[0] for d in cur.description] == ["Charset", "Description", "Default collation", "Maxlen"]
        (cs, desc, default, maxlen), = cur.fetchall()
        assert (cs, maxlen) == ("utf8mb4", 4) and default.startswith("utf8mb4_")
        cur.execute("SHOW CHARSET LIKE 'latin1'")
        assert cur.fetchall()[0][0] == "latin1"


@pytest.mark.mysql8_only
def test_mysql8_collation_ids(myconn):
    assert rows(myconn, "SHOW COLLATION LIKE 'utf8mb4_0900_ai_ci'")[0][:4] == ("utf8mb4_0900_ai_ci", "utf8mb4", 255, "Yes")
    assert rows(myconn, "SHOW CHARACTER SET LIKE 'utf8mb4'")[0][2] == "utf8mb4_0900_ai_ci"


# --------------------------------------------------------------------------- information_schema

def test_information_schema_schemata_and_tables(myconn, tables):
    assert rows(myconn, "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'wg%' "
                        "ORDER BY schema_name") == [("wgother",), ("wgtest",)]
    got = rows(myconn, f"SELECT table_schema, table_name, table_type, engine, table_comment "
                       f"FROM information_schema.tables WHERE table_schema = DATABASE() "
                       f"AND table_name LIKE '{tables}%' ORDER BY table_name")
    assert got == [("wgtest", tables, "BASE TABLE", "InnoDB", "tbl"),
                   ("wgtest", tables + "_child", "BASE TABLE", "InnoDB", "")]


def test_information_schema_columns(myconn, tables):
    got = rows(myconn, f"SELECT column_name, ordinal_position, is_nullable, data_type, "
                       f"character_maximum_length, numeric_precision, numeric_scale, column_type, column_key, "
                       f"extra, column_comment FROM information_schema.columns "
                       f"WHERE table_schema = 'wgtest' AND table_name = '{tables}' ORDER BY ordinal_position")
    assert norm_rows(got) == [
        ("id", 1, "NO", "int", None, 10, 0, "int", "PRI", "auto_increment", ""),
        ("name", 2, "NO", "varchar", 50, None, None, "varchar(50)", "MUL", "", "the name"),
        ("flag", 3, "NO", "tinyint", None, 3, 0, "tinyint(1)", "MUL", "", ""),
        ("amount", 4, "YES", "decimal", None, 10, 2, "decimal(10,2)", "", "", ""),
        ("u", 5, "YES", "int", None, 10, 0, "int unsigned", "", "", ""),
        ("e", 6, "YES", "enum", 1, None, None, "enum('a','b')", "", "", ""),
        ("created", 7, "YES", "datetime", None, None, None, "datetime", "", got[6][9], ""),
    ]


@pytest.mark.mysql8_only
def test_information_schema_columns_mysql8_defaults_and_labels(myconn, tables):
    with myconn.cursor() as cur:
        cur.execute(f"SELECT column_name, column_default, extra FROM information_schema.columns "
                    f"WHERE table_schema = 'wgtest' AND table_name = '{tables}' ORDER BY ordinal_position")
        # MySQL 8's information_schema views label columns in upper case.
        assert [d[0] for d in cur.description] == ["COLUMN_NAME", "COLUMN_DEFAULT", "EXTRA"]
        assert cur.fetchall() == (("id", None, "auto_increment"), ("name", None, ""), ("flag", "0", ""),
                                  ("amount", None, ""), ("u", None, ""), ("e", "a", ""),
                                  ("created", "CURRENT_TIMESTAMP", "DEFAULT_GENERATED"))


def test_information_schema_keys(myconn, tables):
    fk = f"fk_{tables[-8:]}"
    assert rows(myconn, f"SELECT constraint_name, column_name, ordinal_position, referenced_table_schema, "
                        f"referenced_table_name, referenced_column_name FROM information_schema.key_column_usage "
                        f"WHERE table_schema = 'wgtest' AND table_name = '{tables}_child' "
                        f"AND referenced_table_name IS NOT NULL") == [(fk, "parent_id", 1, "wgtest", tables, "id")]
    got = rows(myconn, f"SELECT constraint_name, constraint_type FROM information_schema.table_constraints "
                       f"WHERE table_schema = 'wgtest' AND table_name = '{tables}'")
    assert sorted(got) == [("PRIMARY", "PRIMARY KEY"), ("uq_fu", "UNIQUE")]
    (rule,) = rows(myconn, f"SELECT constraint_name, update_rule, delete_rule, referenced_table_name "
                           f"FROM information_schema.referential_constraints WHERE constraint_schema = 'wgtest' "
                           f"AND table_name = '{tables}_child'")
    # No ON UPDATE clause: MySQL 8 reports NO ACTION, MariaDB RESTRICT (the same behaviour in InnoDB).
    assert rule[0] == fk and rule[1] in ("NO ACTION", "RESTRICT") and rule[2:] == ("CASCADE", tables)
    got = rows(myconn, f"SELECT index_name, seq_in_index, column_name, non_unique FROM information_schema.statistics "
                       f"WHERE table_schema = 'wgtest' AND table_name = '{tables}'")
    assert sorted(got) == sorted([("PRIMARY", 1, "id", 0), ("idx_name", 1, "name", 1), ("uq_fu", 1, "flag", 0),
                                  ("uq_fu", 2, "u", 0)])
