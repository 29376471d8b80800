"""SQLAlchemy 2 with mysql+pymysql and mysql+mysqlconnector: create_all of every MySQL column type,
reflection (inspector and autoload_with; SQLAlchemy parses SHOW CREATE TABLE), the ORM unit of work
(ids from the OK packet, UPDATE/DELETE row counts with CLIENT_FOUND_ROWS), relationships,
begin_nested() savepoints and integrity errors."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import (JSON, Column, ForeignKey, Index, Integer, MetaData, String, Table, UniqueConstraint, delete,
                        event, func, inspect, insert, select, text, update)
from sqlalchemy.dialects import mysql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload

DRIVERS = ["pymysql", "mysqlconnector"]


@pytest.fixture(params=DRIVERS)
def engine(request, my):
    e = my.engine(request.param)
    try:
        yield e
    finally:
        e.dispose()


# --------------------------------------------------------------------------- every column type

def type_columns():
    """(name, SQLAlchemy type for create_all, expected reflected class, attributes to compare)."""
    return [
        ("c_tinyint", mysql.TINYINT(), mysql.TINYINT, {}),
        ("c_bool", mysql.TINYINT(display_width=1), mysql.TINYINT, {"display_width": 1}),
        ("c_smallint", mysql.SMALLINT(), mysql.SMALLINT, {}),
        ("c_mediumint", mysql.MEDIUMINT(), mysql.MEDIUMINT, {}),
        ("c_int", mysql.INTEGER(), mysql.INTEGER, {}),
        ("c_bigint", mysql.BIGINT(), mysql.BIGINT, {}),
        ("c_utinyint", mysql.TINYINT(unsigned=True), mysql.TINYINT, {"unsigned": True}),
        ("c_usmallint", mysql.SMALLINT(unsigned=True), mysql.SMALLINT, {"unsigned": True}),
        ("c_umediumint", mysql.MEDIUMINT(unsigned=True), mysql.MEDIUMINT, {"unsigned": True}),
        ("c_uint", mysql.INTEGER(unsigned=True), mysql.INTEGER, {"unsigned": True}),
        ("c_ubigint", mysql.BIGINT(unsigned=True), mysql.BIGINT, {"unsigned": True}),
        ("c_float", mysql.FLOAT(), mysql.FLOAT, {}),
        ("c_double", mysql.DOUBLE(asdecimal=False), mysql.DOUBLE, {}),
        ("c_decimal", mysql.DECIMAL(12, 4), mysql.DECIMAL, {"precision": 12, "scale": 4}),
        ("c_char", mysql.CHAR(10), mysql.CHAR, {"length": 10}),
        ("c_varchar", mysql.VARCHAR(100), mysql.VARCHAR, {"length": 100}),
        ("c_tinytext", mysql.TINYTEXT(), mysql.TINYTEXT, {}),
        ("c_text", mysql.TEXT(), mysql.TEXT, {}),
        ("c_mediumtext", mysql.MEDIUMTEXT(), mysql.MEDIUMTEXT, {}),
        ("c_longtext", mysql.LONGTEXT(), mysql.LONGTEXT, {}),
        ("c_binary", mysql.BINARY(4), mysql.BINARY, {"length": 4}),
        ("c_varbinary", mysql.VARBINARY(300), mysql.VARBINARY, {"length": 300}),
        ("c_tinyblob", mysql.TINYBLOB(), mysql.TINYBLOB, {}),
        ("c_blob", mysql.BLOB(), mysql.BLOB, {}),
        ("c_mediumblob", mysql.MEDIUMBLOB(), mysql.MEDIUMBLOB, {}),
        ("c_longblob", mysql.LONGBLOB(), mysql.LONGBLOB, {}),
        ("c_date", mysql.DATE(), mysql.DATE, {}),
        ("c_time", mysql.TIME(), mysql.TIME, {}),
        ("c_datetime6", mysql.DATETIME(fsp=6), mysql.DATETIME, {"fsp": 6}),
        ("c_timestamp", mysql.TIMESTAMP(), mysql.TIMESTAMP, {}),
        ("c_year", mysql.YEAR(), mysql.YEAR, {}),
        ("c_enum", mysql.ENUM("small", "medium", "large"), mysql.ENUM, {"enums": ["small", "medium", "large"]}),
        ("c_set", mysql.SET("a", "b", "c"), mysql.SET, {"values": ("a", "b", "c")}),
        ("c_json", mysql.JSON(), mysql.JSON, {}),
        ("c_bit", mysql.BIT(8), mysql.BIT, {"length": 8}),
    ]


def types_table(name: str, metadata: MetaData) -> Table:
    cols = [Column("id", Integer, primary_key=True, autoincrement=True)]
    cols += [Column(n, t, nullable=True) for n, t, _, _ in type_columns()]
    return Table(name, metadata, *cols)


def expected_class(my, name, cls):
    # MariaDB's JSON is an alias of LONGTEXT (with a json_valid CHECK): it reflects as LONGTEXT.
    if name == "c_json" and my.is_mariadb:
        return mysql.LONGTEXT
    return cls


SAMPLE = {
    "c_tinyint": -128, "c_bool": 1, "c_smallint": -32768, "c_mediumint": 8388607, "c_int": -2147483648,
    "c_bigint": 9223372036854775807, "c_utinyint": 255, "c_usmallint": 65535, "c_umediumint": 16777215,
    "c_uint": 4294967295, "c_ubigint": 18446744073709551615, "c_float": 1.5, "c_double": 0.1,
    "c_decimal": Decimal("12345678.1234"), "c_char": "ab", "c_varchar": "héllo 😀", "c_tinytext": "tt",
    "c_text": "text", "c_mediumtext": "m" * 1000, "c_longtext": "l" * 1000, "c_binary": b"\x00\x01\x02\x03",
    "c_varbinary": bytes(range(256)), "c_tinyblob": b"\xff", "c_blob": bytes(range(256)),
    "c_mediumblob": bytes(range(256)) * 10, "c_longblob": bytes(range(256)) * 20, "c_date": dt.date(2024, 2, 29),
    "c_time": dt.time(1, 2, 3), "c_datetime6": dt.datetime(2024, 1, 2, 3, 4, 5, 123456),
    "c_timestamp": dt.datetime(2024, 1, 2, 3, 4, 5), "c_year": 2024, "c_enum": "medium", "c_set": {"a", "c"},
    "c_json": {"k": [1, 2, None]}, "c_bit": 5,
}


def test_create_all_every_type_and_round_trip(my, engine, my_table):
    md = MetaData()
    t = types_table(my_table, md)
    md.create_all(engine)
    try:
        with engine.begin() as conn:
            res = conn.execute(insert(t).values(**SAMPLE))
            assert res.inserted_primary_key == (1,)
            conn.execute(insert(t).values())  # all NULL
        with engine.connect() as conn:
            got = conn.execute(select(t).order_by(t.c.id)).mappings().all()
        row = dict(got[0])
        for name, value in SAMPLE.items():
            v = row[name]
            if isinstance(v, bytearray):
                v = bytes(v)
            if name == "c_json" and my.is_mariadb and isinstance(v, str):
                import json
                v = json.loads(v)  # MariaDB reports JSON as LONGTEXT, SQLAlchemy hands over the text
            if name == "c_bit" and isinstance(v, bytes):
                v = int.from_bytes(v, "big")
            assert v == value, f"{name}: {v!r} != {value!r}"
        assert all(v is None for k, v in got[1].items() if k != "id")
    finally:
        md.drop_all(engine)


def test_reflection_of_every_type(my, engine, my_table):
    md = MetaData()
    types_table(my_table, md)
    md.create_all(engine)
    try:
        insp = inspect(engine)
        assert my_table in insp.get_table_names()
        assert insp.has_table(my_table)
        assert not insp.has_table("wg_no_such_table")
        cols = {c["name"]: c for c in insp.get_columns(my_table)}
        assert list(cols)[0] == "id"
        assert cols["id"]["autoincrement"] is True and cols["id"]["nullable"] is False
        problems = []
        for name, _, cls, attrs in type_columns():
            reflected = cols[name]["type"]
            want = expected_class(my, name, cls)
            if type(reflected) is not want:
                problems.append(f"{name}: reflected {reflected!r}, expected {want.__name__}")
                continue
            for attr, value in attrs.items():
                got = getattr(reflected, attr, None)
                if attr == "values":
                    got = tuple(got)
                if got != value:
                    problems.append(f"{name}: {attr}={got!r}, expected {value!r} ({reflected!r})")
            if not cols[name]["nullable"]:
                problems.append(f"{name}: reflected NOT NULL")
        assert not problems, "\n".join(problems)

        # autoload_with: the reflected Table works for a round trip.
        t2 = Table(my_table, MetaData(), autoload_with=engine)
        assert [c.name for c in t2.columns] == ["id"] + [n for n, _, _, _ in type_columns()]
        with engine.begin() as conn:
            conn.execute(insert(t2).values(c_int=7, c_varchar="v"))
            assert conn.execute(select(t2.c.c_int, t2.c.c_varchar)).all() == [(7, "v")]
    finally:
        md.drop_all(engine)


def test_reflection_of_keys_indexes_and_defaults(my, engine, my_table):
    md = MetaData()
    parent = Table(my_table, md,
                   Column("id", mysql.INTEGER(unsigned=True), primary_key=True, autoincrement=True),
                   Column("code", String(20), nullable=False),
                   Column("region", String(10), nullable=False),
                   Column("n", Integer, server_default=text("42")),
                   Column("created", mysql.DATETIME, server_default=func.current_timestamp()),
                   UniqueConstraint("code", name="uq_code"),
                   Index("ix_region_n", "region", "n"),
                   comment="parent table")
    Table(my_table + "_child", md,
          Column("id", Integer, primary_key=True),
          Column("parent_id", mysql.INTEGER(unsigned=True),
                 ForeignKey(parent.c.id, name=f"fk_{my_table[-8:]}", ondelete="CASCADE")))
    md.create_all(engine)
    try:
        insp = inspect(engine)
        assert insp.get_pk_constraint(my_table)["constrained_columns"] == ["id"]
        idx = {i["name"]: i for i in insp.get_indexes(my_table)}
        assert idx["ix_region_n"]["column_names"] == ["region", "n"] and not idx["ix_region_n"]["unique"]
        uniques = {u["name"]: u["column_names"] for u in insp.get_unique_constraints(my_table)}
        assert uniques.get("uq_code") == ["code"] or idx.get("uq_code", {}).get("column_names") == ["code"]
        fks = insp.get_foreign_keys(my_table + "_child")
        assert len(fks) == 1
        fk = fks[0]
        assert fk["name"] == f"fk_{my_table[-8:]}"
        assert fk["constrained_columns"] == ["parent_id"]
        assert fk["referred_table"] == my_table and fk["referred_columns"] == ["id"]
        assert fk["options"].get("ondelete") == "CASCADE"
        cols = {c["name"]: c for c in insp.get_columns(my_table)}
        assert str(cols["n"]["default"]).strip("'") == "42"
        assert "current_timestamp" in str(cols["created"]["default"]).lower()
        assert insp.get_table_comment(my_table)["text"] == "parent table"
    finally:
        md.drop_all(engine)


# --------------------------------------------------------------------------- ORM

def orm_models(table: str):
    class Base(DeclarativeBase):
        pass

    class Parent(Base):
        __tablename__ = table
        id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
        name: Mapped[str] = mapped_column(String(50), unique=True)
        score: Mapped[int] = mapped_column(default=0)
        children: Mapped[list["Child"]] = relationship(back_populates="parent", cascade="all, delete-orphan",
                                                       order_by="Child.id")

    class Child(Base):
        __tablename__ = table + "_child"
        id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
        parent_id: Mapped[int] = mapped_column(ForeignKey(f"{table}.id"))
        note: Mapped[str] = mapped_column(String(50))
        parent: Mapped[Parent] = relationship(back_populates="children")

    return Base, Parent, Child


def test_orm_unit_of_work(engine, my_table):
    Base, Parent, Child = orm_models(my_table)
    Base.metadata.create_all(engine)
    try:
        with Session(engine) as s:
            p1 = Parent(name="p1", children=[Child(note="a"), Child(note="b")])
            p2 = Parent(name="p2")
            s.add_all([p1, p2])
            s.flush()
            assert (p1.id, p2.id) == (1, 2)
            assert [c.id for c in p1.children] == [1, 2]
            assert all(c.parent_id == 1 for c in p1.children)
            s.commit()
        with Session(engine) as s:
            p1 = s.scalars(select(Parent).where(Parent.name == "p1").options(selectinload(Parent.children))).one()
            assert [c.note for c in p1.children] == ["a", "b"]
            p1.score = 10
            p1.children[0].note = "a2"
            p1.children.append(Child(note="c"))
            s.commit()
            # Unchanged values: MySQL counts the row as matched only with CLIENT_FOUND_ROWS, which
            # SQLAlchemy sets; otherwise this would raise StaleDataError.
            p1.score = 10
            s.execute(update(Parent).where(Parent.id == p1.id).values(score=10))
            s.commit()
            s.delete(s.get(Parent, 2))
            s.commit()
        with Session(engine) as s:
            assert s.scalars(select(Parent.name)).all() == ["p1"]
            assert s.execute(select(Child.id, Child.note).order_by(Child.id)).all() == [(1, "a2"), (2, "b"), (3, "c")]
            res = s.execute(update(Parent).values(score=Parent.score + 1))
            assert res.rowcount == 1
            s.delete(s.get(Parent, 1))  # cascades to the children through the ORM
            s.commit()
            assert s.scalar(select(func.count()).select_from(Child)) == 0
    finally:
        Base.metadata.drop_all(engine)


def test_orm_bulk_insert_ids(engine, my_table):
    Base, Parent, Child = orm_models(my_table)
    Base.metadata.create_all(engine)
    try:
        with Session(engine) as s:
            parents = [Parent(name=f"n{i}") for i in range(25)]
            s.add_all(parents)
            s.commit()
            assert [p.id for p in parents] == list(range(1, 26))
            res = s.execute(delete(Parent).where(Parent.id > 20))
            assert res.rowcount == 5
            s.commit()
    finally:
        Base.metadata.drop_all(engine)


def test_begin_nested_savepoints(engine, my_table):
    Base, Parent, Child = orm_models(my_table)
    Base.metadata.create_all(engine)
    try:
        with Session(engine) as s:
            s.add(Parent(name="outer"))
            s.flush()
            nested = s.begin_nested()
            s.add(Parent(name="inner rolled back"))
            s.flush()
            nested.rollback()
            with s.begin_nested():
                s.add(Parent(name="inner kept"))
            # A failing flush inside a savepoint leaves the outer transaction usable.
            with pytest.raises(IntegrityError) as ei:
                with s.begin_nested():
                    s.add(Parent(name="outer"))
                    s.flush()
            assert ei.value.orig.args[0] == 1062
            s.commit()
        with Session(engine) as s:
            assert s.scalars(select(Parent.name).order_by(Parent.id)).all() == ["outer", "inner kept"]
    finally:
        Base.metadata.drop_all(engine)


def test_integrity_error_and_rollback(engine, my_table):
    Base, Parent, Child = orm_models(my_table)
    Base.metadata.create_all(engine)
    try:
        with Session(engine) as s:
            s.add(Parent(name="dup"))
            s.commit()
            s.add(Parent(name="dup"))
            with pytest.raises(IntegrityError) as ei:
                s.commit()
            assert ei.value.orig.args[0] == 1062
            s.rollback()
            s.add(Child(parent_id=999, note="orphan"))
            with pytest.raises(IntegrityError) as ei:
                s.commit()
            assert ei.value.orig.args[0] == 1452
            s.rollback()
            assert s.scalar(select(func.count()).select_from(Parent)) == 1
    finally:
        Base.metadata.drop_all(engine)


def test_first_connect_queries(engine):
    # SQLAlchemy's dialect initialisation (version, sql_mode, isolation, lower_case_table_names...)
    with engine.connect() as conn:
        assert conn.dialect.server_version_info[0] >= 8
        assert conn.dialect._server_ansiquotes is False
        assert conn.dialect.get_isolation_level(conn.connection.dbapi_connection) == "REPEATABLE READ"
        assert conn.execute(text("SELECT DATABASE()")).scalar() == "wgtest"
    with engine.connect().execution_options(isolation_level="READ COMMITTED") as conn:
        assert conn.get_isolation_level() == "READ COMMITTED"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        assert conn.execute(text("SELECT @@autocommit")).scalar() == 1
