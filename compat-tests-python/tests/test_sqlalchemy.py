"""SQLAlchemy 2 over psycopg2, psycopg 3 and asyncpg: DDL from metadata and reflection through the
pg_catalog, the ORM unit of work (INSERT ... RETURNING via insertmanyvalues, version-checked
UPDATE/DELETE relying on exact row counts), savepoints, server-side cursors and SQLSTATE mapping.

The sync-style tests run once per driver. For asyncpg the body runs against the sync facade of a
create_async_engine() engine inside SQLAlchemy's greenlet bridge -- the very path AsyncSession and
AsyncConnection take -- so the same assertions cover the async driver. The test_async_* tests use
the native asyncio API (AsyncSession, AsyncConnection.stream) with asyncpg and psycopg's async mode.
"""
import asyncio
import datetime
import decimal
import uuid

import asyncpg
import psycopg
import psycopg2
import psycopg2.errors
import pytest
from sqlalchemy import (ARRAY, JSON, BigInteger, Boolean, CheckConstraint, Column, Date, DateTime, Enum, Float,
                        ForeignKey, Identity, Index, Integer, Interval, LargeBinary, MetaData, Numeric, SmallInteger,
                        String, Table, Text, Time, UniqueConstraint, Uuid, create_engine, delete, event, false, func,
                        insert, inspect, select, text, update)
from sqlalchemy.dialects.postgresql import BIGINT, BYTEA, ENUM, INTEGER, JSONB, UUID
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload)
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.util import greenlet_spawn

from harness.target import CONNECT_TIMEOUT

DRIVERS = ["psycopg2", "psycopg", "asyncpg"]
ASYNC_DRIVERS = ["asyncpg", "psycopg"]

STREAM_ROWS = 20_000


# --- engines --------------------------------------------------------------------------------------

def db_url(target, driver) -> URL:
    return URL.create(f"postgresql+{driver}", username=target.user, password=target.password,
                      host=target.host, port=target.port, database=target.dbname)


def connect_args(driver) -> dict:
    if driver == "asyncpg":
        return {"ssl": False, "timeout": CONNECT_TIMEOUT,
                "server_settings": {"application_name": "wiregate-compat-sqlalchemy"}}
    return {"sslmode": "disable", "connect_timeout": CONNECT_TIMEOUT,
            "application_name": "wiregate-compat-sqlalchemy"}


def async_engine(target, driver, **kw):
    return create_async_engine(db_url(target, driver), connect_args=connect_args(driver), **kw)


def with_engine(target, driver, body, **kw):
    """Calls body(engine) with a sync Engine for `driver` and disposes of the engine afterwards.

    asyncpg has no sync dialect: the engine is create_async_engine(...).sync_engine and body runs
    inside greenlet_spawn, exactly as AsyncConnection.run_sync / AsyncSession do it."""
    if driver != "asyncpg":
        engine = create_engine(db_url(target, driver), connect_args=connect_args(driver), **kw)
        try:
            return body(engine)
        finally:
            engine.dispose()

    async def main():
        engine = async_engine(target, driver, **kw)
        try:
            return await greenlet_spawn(body, engine.sync_engine)
        finally:
            await engine.dispose()
    return asyncio.run(main())


def record_statements(engine) -> list[str]:
    """Every statement the driver's cursor is given from now on (one per insertmanyvalues batch)."""
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, parameters, context, executemany: seen.append(statement))
    return seen


def sqlstate_of(driver, orig) -> str:
    """The SQLSTATE the driver reports on the DBAPI exception SQLAlchemy wraps."""
    if driver == "psycopg2":
        return orig.pgcode
    if driver == "psycopg":
        return orig.sqlstate
    # SQLAlchemy's asyncpg adapter copies the asyncpg error's sqlstate to pgcode/sqlstate and
    # chains the original asyncpg exception as __cause__.
    assert isinstance(orig.__cause__, asyncpg.PostgresError)
    assert orig.pgcode == orig.sqlstate == orig.__cause__.sqlstate
    return orig.pgcode


def constraint_of(driver, orig) -> str | None:
    if driver in ("psycopg2", "psycopg"):
        return orig.diag.constraint_name
    return orig.__cause__.constraint_name


DRIVER_ERROR_CLASSES = {
    "psycopg2": {"23505": psycopg2.errors.UniqueViolation, "23503": psycopg2.errors.ForeignKeyViolation,
                 "23502": psycopg2.errors.NotNullViolation, "23514": psycopg2.errors.CheckViolation},
    "psycopg": {"23505": psycopg.errors.UniqueViolation, "23503": psycopg.errors.ForeignKeyViolation,
                "23502": psycopg.errors.NotNullViolation, "23514": psycopg.errors.CheckViolation},
    "asyncpg": {"23505": asyncpg.UniqueViolationError, "23503": asyncpg.ForeignKeyViolationError,
                "23502": asyncpg.NotNullViolationError, "23514": asyncpg.CheckViolationError},
}


def assert_driver_error(driver, orig, sqlstate):
    cls = DRIVER_ERROR_CLASSES[driver][sqlstate]
    assert isinstance(orig.__cause__ if driver == "asyncpg" else orig, cls), (type(orig), orig.__cause__)
    assert sqlstate_of(driver, orig) == sqlstate


def drop_all(engine, metadata):
    with engine.begin() as c:
        c.exec_driver_sql("SET LOCAL lock_timeout = '5s'")
        metadata.drop_all(c)


# --- models ---------------------------------------------------------------------------------------

def orm_models(table_name):
    """A fresh declarative registry per test: Author (IDENTITY pk, server default, version counter)
    and Book (SERIAL pk, FK to Author)."""

    class Base(DeclarativeBase):
        pass

    class Author(Base):
        __tablename__ = table_name
        id: Mapped[int] = mapped_column(Identity(), primary_key=True)
        name: Mapped[str] = mapped_column(String(40), unique=True)
        qty: Mapped[int] = mapped_column(default=0)
        created: Mapped[datetime.datetime] = mapped_column(server_default=func.now())
        version: Mapped[int] = mapped_column(nullable=False)
        books: Mapped[list["Book"]] = relationship(back_populates="author", cascade="all, delete-orphan",
                                                   order_by="Book.id")
        __mapper_args__ = {"version_id_col": version}

    class Book(Base):
        __tablename__ = f"{table_name}_child"
        id: Mapped[int] = mapped_column(primary_key=True)
        author_id: Mapped[int] = mapped_column(ForeignKey(f"{table_name}.id", ondelete="CASCADE"), index=True)
        title: Mapped[str] = mapped_column(Text)
        author: Mapped[Author] = relationship(back_populates="books")

    return Base, Author, Book


def types_metadata(table_name):
    md = MetaData()
    color = Enum("red", "green", "blue", name=f"{table_name}_color")
    parent = Table(
        table_name, md,
        Column("id", BigInteger, Identity(start=10, increment=5), primary_key=True),
        Column("i", Integer, nullable=False, server_default=text("42"), comment="answer"),
        Column("bi", BigInteger),
        Column("si", SmallInteger),
        Column("num", Numeric(20, 6), server_default=text("1.5")),
        Column("f", Float),
        Column("b", Boolean, nullable=False, server_default=false()),
        Column("s", String(50), server_default="dflt"),
        Column("t", Text),
        Column("d", Date, server_default=func.current_date()),
        Column("tm", Time),
        Column("dt", DateTime, server_default=func.now()),
        Column("dtz", DateTime(timezone=True)),
        Column("iv", Interval),
        Column("lb", LargeBinary),
        Column("u", Uuid, unique=True),
        Column("j", JSON),
        Column("jb", JSONB),
        Column("arr", ARRAY(Integer)),
        Column("e", color, server_default="green"),
        comment="all the types",
    )
    child = Table(
        f"{table_name}_child", md,
        Column("id", Integer, primary_key=True),
        Column("parent_id", BigInteger, ForeignKey(f"{table_name}.id", ondelete="CASCADE"), nullable=False),
        Column("note", String(20)),
        UniqueConstraint("parent_id", "note", name=f"{table_name}_uq"),
        CheckConstraint("length(note) > 1", name=f"{table_name}_ck"),
        Index(f"{table_name}_ix", "note"),
    )
    return md, parent, child


# Compiled with the PostgreSQL dialect, i.e. what reflection read back from the catalog.
EXPECTED_TYPES = {
    "id": "BIGINT", "i": "INTEGER", "bi": "BIGINT", "si": "SMALLINT", "num": "NUMERIC(20, 6)",
    "f": "DOUBLE PRECISION", "b": "BOOLEAN", "s": "VARCHAR(50)", "t": "TEXT", "d": "DATE",
    "tm": "TIME WITHOUT TIME ZONE", "dt": "TIMESTAMP WITHOUT TIME ZONE", "dtz": "TIMESTAMP WITH TIME ZONE",
    "iv": "INTERVAL", "lb": "BYTEA", "u": "UUID", "j": "JSON", "jb": "JSONB", "arr": "INTEGER[]",
}

ROW = dict(
    i=7, bi=2 ** 62, si=-32768, num=decimal.Decimal("12345678901234.123456"), f=0.1, b=True,
    s="naïve 'q' \\ €", t="x" * 5000, d=datetime.date(2024, 2, 29), tm=datetime.time(23, 59, 58, 123456),
    dt=datetime.datetime(1999, 12, 31, 23, 59, 59, 999999),
    dtz=datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc),
    iv=datetime.timedelta(days=3, seconds=7, microseconds=5), lb=bytes(range(256)) * 3,
    u=uuid.UUID("12345678-1234-5678-1234-567812345678"), j={"a": [1, None, "x"], "b": {"c": True}},
    jb={"k": {"n": 1.5, "s": "ü"}}, arr=[1, None, 3], e="blue",
)


# --- sync-style tests, once per driver -----------------------------------------------------------

@pytest.mark.parametrize("driver", DRIVERS)
def test_types_create_all_and_reflect(target, driver, table_name):
    md, parent, child = types_metadata(table_name)
    enum_name = f"{table_name}_color"

    def body(engine):
        md.create_all(engine)
        try:
            insp = inspect(engine)
            assert {table_name, f"{table_name}_child"} <= set(insp.get_table_names())
            cols = {c["name"]: c for c in insp.get_columns(table_name)}
            assert list(cols) == [c.name for c in parent.columns]
            got_types = {n: c["type"].compile(dialect=engine.dialect) for n, c in cols.items() if n != "e"}
            assert got_types == EXPECTED_TYPES
            assert cols["num"]["type"].precision == 20 and cols["num"]["type"].scale == 6
            assert cols["s"]["type"].length == 50
            assert cols["tm"]["type"].timezone is False and cols["dtz"]["type"].timezone is True
            assert isinstance(cols["arr"]["type"].item_type, INTEGER)
            assert isinstance(cols["e"]["type"], ENUM)
            assert cols["e"]["type"].name == enum_name and cols["e"]["type"].enums == ["red", "green", "blue"]
            assert isinstance(cols["lb"]["type"], BYTEA) and isinstance(cols["u"]["type"], UUID)
            assert isinstance(cols["jb"]["type"], JSONB)

            nullable = {n for n, c in cols.items() if c["nullable"]}
            assert nullable == set(cols) - {"id", "i", "b"}
            defaults = {n: c["default"] for n, c in cols.items() if c["default"] is not None}
            assert defaults == {"i": "42", "num": "1.5", "b": "false", "s": "'dflt'::character varying",
                                "d": "CURRENT_DATE", "dt": "now()", "e": f"'green'::{enum_name}"}
            ident = cols["id"]["identity"]
            assert (ident["always"], ident["start"], ident["increment"]) == (False, 10, 5)
            assert cols["id"]["autoincrement"] is True
            assert cols["i"]["comment"] == "answer"
            assert insp.get_table_comment(table_name)["text"] == "all the types"

            pk = insp.get_pk_constraint(table_name)
            assert (pk["constrained_columns"], pk["name"]) == (["id"], f"{table_name}_pkey")
            uniques = insp.get_unique_constraints(table_name)
            assert [u["column_names"] for u in uniques] == [["u"]]
            assert {"name": enum_name, "schema": "public", "visible": True, "labels": ["red", "green", "blue"]} \
                in insp.get_enums()

            child_name = f"{table_name}_child"
            ccols = {c["name"]: c for c in insp.get_columns(child_name)}
            assert isinstance(ccols["id"]["type"], INTEGER) and ccols["id"]["autoincrement"] is True
            assert ccols["id"]["default"].startswith("nextval(")  # SERIAL
            assert isinstance(ccols["parent_id"]["type"], BIGINT) and ccols["parent_id"]["nullable"] is False
            [fk] = insp.get_foreign_keys(child_name)
            assert (fk["constrained_columns"], fk["referred_table"], fk["referred_columns"]) == \
                (["parent_id"], table_name, ["id"])
            assert fk["options"].get("ondelete") == "CASCADE"
            assert [(u["name"], u["column_names"]) for u in insp.get_unique_constraints(child_name)] == \
                [(f"{table_name}_uq", ["parent_id", "note"])]
            assert [(c["name"], c["sqltext"]) for c in insp.get_check_constraints(child_name)] == \
                [(f"{table_name}_ck", "length(note::text) > 1")]
            assert [(i["name"], i["column_names"]) for i in insp.get_indexes(child_name)
                    if "duplicates_constraint" not in i] == \
                [(f"{table_name}_ix", ["note"])]

            reflected = MetaData()
            reflected.reflect(engine, only=[table_name, child_name])
            rt, rc = reflected.tables[table_name], reflected.tables[child_name]
            assert [c.name for c in rt.primary_key.columns] == ["id"]
            assert [c.name for c in rc.primary_key.columns] == ["id"]
            assert {fk.target_fullname for fk in rc.foreign_keys} == {f"{table_name}.id"}

            # Round trip through the original table, read back through the reflected one.
            with engine.begin() as c:
                first = c.execute(insert(parent).values(**ROW).returning(parent.c.id)).scalar_one()
                second = c.execute(insert(parent).returning(parent.c.id, parent.c.e, parent.c.d)).one()
                c.execute(insert(child), [{"parent_id": first, "note": "aa"}, {"parent_id": second.id, "note": "bb"}])
            assert (first, second.id, second.e) == (10, 15, "green")
            with engine.connect() as c:
                got = c.execute(select(rt).where(rt.c.id == first)).mappings().one()
                assert {k: got[k] for k in ROW} == ROW
                dflt = c.execute(select(rt).where(rt.c.id == second.id)).mappings().one()
                assert (dflt["i"], dflt["num"], dflt["b"], dflt["s"], dflt["e"], dflt["t"]) == \
                    (42, decimal.Decimal("1.500000"), False, "dflt", "green", None)
                assert dflt["d"] == c.scalar(select(func.current_date())) and dflt["dt"] is not None
                notes = c.execute(select(rc.c.parent_id, rc.c.note).order_by(rc.c.id)).all()
                assert notes == [(10, "aa"), (15, "bb")]
            with engine.begin() as c:
                c.execute(delete(rt).where(rt.c.id == first))
                assert c.scalar(select(func.count()).select_from(rc)) == 1  # ON DELETE CASCADE
        finally:
            drop_all(engine, md)
        assert enum_name not in [e["name"] for e in inspect(engine).get_enums()]

    with_engine(target, driver, body)


@pytest.mark.parametrize("driver", DRIVERS)
def test_orm_unit_of_work(target, driver, table_name):
    Base, Author, Book = orm_models(table_name)

    def body(engine):
        Base.metadata.create_all(engine)
        try:
            stmts = record_statements(engine)
            with Session(engine) as s:
                authors = [Author(name=f"a{i}", qty=i, books=[Book(title=f"b{i}.{j}") for j in range(i % 3)])
                           for i in range(10)]
                s.add_all(authors)
                s.flush()
                ids = [a.id for a in authors]
                assert ids == list(range(1, 11))  # RETURNING correlated to the objects in order
                book_ids = [b.id for a in authors for b in a.books]
                assert sorted(book_ids) == list(range(1, 10)) and len(set(book_ids)) == 9
                assert all(b.author_id == a.id for a in authors for b in a.books)
                # The server default came back in the same RETURNING, no extra SELECT needed.
                assert all("created" not in inspect(a).unloaded for a in authors)
                assert all(a.version == 1 for a in authors)
                s.commit()
            inserts = [x for x in stmts if x.lstrip().upper().startswith("INSERT")]
            # insertmanyvalues: one multi-row INSERT ... RETURNING per table, not one per object.
            assert len(inserts) == 2 and all("RETURNING" in x for x in inserts), inserts

            with Session(engine) as s:
                a3 = s.get(Author, 4)
                created = a3.created
                a3.name, a3.qty = "renamed", a3.qty + 100
                s.commit()  # UPDATE ... WHERE id = ? AND version = ?: must report exactly 1 row
                assert (a3.name, a3.qty, a3.version, a3.created) == ("renamed", 103, 2, created)

                s.delete(s.get(Author, 1))  # cascades to its books, version-checked DELETE
                s.delete(s.get(Author, 3))
                s.commit()

                res = s.execute(update(Author).where(Author.qty < 5).values(qty=Author.qty + 1000)
                                .returning(Author.id, Author.qty))
                assert sorted(res.all()) == [(2, 1001), (5, 1004)]
                assert s.execute(delete(Book).where(Book.title == "b5.1")).rowcount == 1
                s.commit()

            with Session(engine) as s:
                got = s.scalars(select(Author).options(selectinload(Author.books)).order_by(Author.id)).all()
                assert [(a.id, a.name, a.qty, a.version) for a in got] == [
                    (2, "a1", 1001, 1), (4, "renamed", 103, 2), (5, "a4", 1004, 1), (6, "a5", 5, 1),
                    (7, "a6", 6, 1), (8, "a7", 7, 1), (9, "a8", 8, 1), (10, "a9", 9, 1)]
                assert {a.name: [b.title for b in a.books] for a in got if a.books} == {
                    "a1": ["b1.0"], "a4": ["b4.0"], "a5": ["b5.0"], "a7": ["b7.0"], "a8": ["b8.0", "b8.1"]}
                assert s.scalar(select(func.count()).select_from(Book)) == 6

                # Someone else bumps the version: the next ORM UPDATE matches 0 rows -> StaleDataError.
                target_author = s.get(Author, 6)
                with engine.begin() as other:
                    other.execute(update(Author.__table__).where(Author.id == 6).values(version=99))
                target_author.qty = -1
                with pytest.raises(StaleDataError):
                    s.commit()
                s.rollback()
                assert s.get(Author, 6).version == 99
        finally:
            drop_all(engine, Base.metadata)

    with_engine(target, driver, body)


@pytest.mark.parametrize("driver", DRIVERS)
def test_orm_savepoints(target, driver, table_name):
    Base, Author, Book = orm_models(table_name)

    def names(s):
        return s.scalars(select(Author.name).order_by(Author.id)).all()

    def body(engine):
        Base.metadata.create_all(engine)
        try:
            stmts = record_statements(engine)
            with Session(engine) as s:
                s.add(Author(name="outer"))
                s.flush()
                with pytest.raises(IntegrityError) as ei:
                    with s.begin_nested():
                        s.add(Author(name="inner"))
                        s.flush()
                        s.add(Author(name="outer"))  # duplicate: the savepoint's flush fails
                assert_driver_error(driver, ei.value.orig, "23505")
                # ROLLBACK TO SAVEPOINT undid "inner" and left the transaction usable.
                assert names(s) == ["outer"]

                with s.begin_nested():
                    s.add(Author(name="kept", books=[Book(title="k")]))
                    with pytest.raises(IntegrityError):
                        with s.begin_nested():  # a savepoint inside a savepoint
                            s.add(Book(title="orphan", author_id=424242))  # FK violation
                    assert names(s) == ["outer", "kept"]
                with pytest.raises(DBAPIError) as ei:
                    with s.begin_nested():
                        s.execute(text("select 1 / 0"))
                assert sqlstate_of(driver, ei.value.orig) == "22012"
                s.commit()
            savepoint_cmds = [x.split()[0].upper() for x in stmts
                              if x.split()[0].upper() in ("SAVEPOINT", "ROLLBACK", "RELEASE")]
            assert savepoint_cmds == ["SAVEPOINT", "ROLLBACK", "SAVEPOINT", "SAVEPOINT", "ROLLBACK", "RELEASE",
                                      "SAVEPOINT", "ROLLBACK"], savepoint_cmds

            with Session(engine) as s:
                assert names(s) == ["outer", "kept"]
                assert s.scalars(select(Book.title)).all() == ["k"]

                # Rolling back the outer transaction drops what its released savepoints did.
                with s.begin_nested():
                    s.add(Author(name="gone"))
                s.rollback()
                assert names(s) == ["outer", "kept"]
        finally:
            drop_all(engine, Base.metadata)

    with_engine(target, driver, body)


@pytest.mark.parametrize("driver", DRIVERS)
def test_server_side_cursor_streaming(target, driver, table_name):
    md = MetaData()
    t = Table(table_name, md, Column("id", Integer, primary_key=True, autoincrement=False),
              Column("payload", String(80), nullable=False))

    class Base(DeclarativeBase):
        pass

    class Row(Base):
        __table__ = t

    def payload(i):
        return f"row-{i:05d}-" + "x" * (i % 50)

    def body(engine):
        md.create_all(engine)
        try:
            with engine.begin() as c:  # executemany of 20k parameter sets
                c.execute(insert(t), [{"id": i, "payload": payload(i)} for i in range(STREAM_ROWS)])
            with engine.connect() as c:
                assert c.scalar(select(func.count()).select_from(t)) == STREAM_ROWS

            # Core, yield_per: a server-side cursor fetched 1000 rows at a time.
            with engine.connect() as c:
                result = c.execution_options(yield_per=1000).execute(select(t).order_by(t.c.id))
                assert result.context._is_server_side
                seen, sizes = [], []
                for part in result.partitions():
                    sizes.append(len(part))
                    seen.extend(part)
                    if len(sizes) == 3:  # another statement on the same connection mid-stream
                        assert c.scalar(text("select count(*) from " + table_name)) == STREAM_ROWS
                assert sizes == [1000] * (STREAM_ROWS // 1000)
                assert [r.id for r in seen] == list(range(STREAM_ROWS))
                assert all(r.payload == payload(r.id) for r in seen)
                c.rollback()

            # Core, stream_results with a growing row buffer, abandoned half-way; the connection goes on.
            with engine.connect() as c:
                result = c.execution_options(stream_results=True, max_row_buffer=700).execute(
                    select(t.c.id).where(t.c.id >= 100).order_by(t.c.id))
                assert result.context._is_server_side
                first = [next(result).id for _ in range(5000)]
                assert first == list(range(100, 5100))
                result.close()
                assert c.scalar(select(func.max(t.c.id))) == STREAM_ROWS - 1
                c.commit()

            # ORM, yield_per: objects come in batches, all 20k arrive in order.
            with Session(engine) as s:
                n = 0
                for n, obj in enumerate(s.scalars(select(Row).order_by(Row.id).execution_options(yield_per=500))):
                    assert obj.id == n and obj.payload == payload(n)
                assert n == STREAM_ROWS - 1
                # yield_per does not keep the objects in the identity map
                assert len(s.identity_map) <= 500
        finally:
            drop_all(engine, md)

    with_engine(target, driver, body)


@pytest.mark.parametrize("driver", DRIVERS)
def test_integrity_errors_carry_sqlstate(target, driver, table_name):
    md = MetaData()
    parent = Table(table_name, md, Column("id", Integer, primary_key=True),
                   Column("code", String(10), nullable=False, unique=True),
                   Column("qty", Integer, CheckConstraint("qty >= 0", name=f"{table_name}_qty_ck")))
    child = Table(f"{table_name}_child", md, Column("id", Integer, primary_key=True),
                  Column("parent_id", Integer, ForeignKey(f"{table_name}.id", name=f"{table_name}_fk"), nullable=False))

    cases = [
        ("23505", f"{table_name}_code_key", insert(parent).values(id=2, code="a")),
        ("23505", f"{table_name}_pkey", insert(parent).values(id=1, code="b")),
        ("23502", None, insert(parent).values(id=3, code=None)),
        ("23514", f"{table_name}_qty_ck", insert(parent).values(id=4, code="c", qty=-1)),
        ("23503", f"{table_name}_fk", insert(child).values(id=1, parent_id=99)),
        ("23503", f"{table_name}_fk", delete(parent).where(parent.c.id == 1)),
    ]

    def body(engine):
        md.create_all(engine)
        try:
            with engine.begin() as c:
                c.execute(insert(parent).values(id=1, code="a", qty=1))
                c.execute(insert(child).values(id=7, parent_id=1))
            for sqlstate, constraint, stmt in cases:
                with engine.connect() as c:
                    with pytest.raises(IntegrityError) as ei:
                        c.execute(stmt)
                    orig = ei.value.orig
                    assert_driver_error(driver, orig, sqlstate)
                    if constraint is not None:
                        assert constraint_of(driver, orig) == constraint
                    # The transaction is aborted now: 25P02 until rollback.
                    with pytest.raises(DBAPIError) as ei:
                        c.execute(select(1))
                    assert sqlstate_of(driver, ei.value.orig) == "25P02"
                    c.rollback()
                    assert c.scalar(select(func.count()).select_from(parent)) == 1

            # Executemany: the failing row aborts the whole batch.
            with engine.connect() as c:
                with pytest.raises(IntegrityError) as ei:
                    c.execute(insert(parent), [{"id": 10, "code": "x"}, {"id": 11, "code": "y"},
                                               {"id": 12, "code": "x"}])
                assert sqlstate_of(driver, ei.value.orig) == "23505"
                c.rollback()
                assert c.scalar(select(func.count()).select_from(parent)) == 1

            # ORM flush: the same error, and the session is usable after rollback.
            Base, Author, Book = orm_models(table_name + "_orm")
            Base.metadata.create_all(engine)
            try:
                with Session(engine) as s:
                    s.add_all([Author(name="same"), Author(name="same")])
                    with pytest.raises(IntegrityError) as ei:
                        s.commit()
                    assert_driver_error(driver, ei.value.orig, "23505")
                    assert constraint_of(driver, ei.value.orig) == f"{table_name}_orm_name_key"
                    s.rollback()
                    s.add(Author(name="other"))
                    s.commit()
                    assert s.scalars(select(Author.name)).all() == ["other"]
            finally:
                drop_all(engine, Base.metadata)
        finally:
            drop_all(engine, md)

    with_engine(target, driver, body)


# --- the native asyncio API -----------------------------------------------------------------------

@pytest.mark.parametrize("driver", ASYNC_DRIVERS)
def test_async_create_all_and_reflect(target, driver, table_name):
    md, parent, child = types_metadata(table_name)

    async def go():
        engine = async_engine(target, driver)
        try:
            async with engine.begin() as conn:
                await conn.run_sync(md.create_all)
            try:
                async with engine.connect() as conn:
                    cols = await conn.run_sync(lambda sc: inspect(sc).get_columns(table_name))
                    assert {c["name"]: c["type"].compile(dialect=engine.dialect) for c in cols
                            if c["name"] != "e"} == EXPECTED_TYPES
                    pk = await conn.run_sync(lambda sc: inspect(sc).get_pk_constraint(table_name))
                    assert pk["constrained_columns"] == ["id"]
                async with engine.begin() as conn:
                    ids = (await conn.execute(insert(parent).returning(parent.c.id, sort_by_parameter_order=True),
                                              [dict(ROW), {**ROW, "u": None, "e": "red"}])).scalars().all()
                    assert ids == [10, 15]
                    row = (await conn.execute(select(parent).where(parent.c.id == 10))).mappings().one()
                    assert {k: row[k] for k in ROW} == ROW
            finally:
                async with engine.begin() as conn:
                    await conn.run_sync(md.drop_all)
        finally:
            await engine.dispose()
    asyncio.run(go())


@pytest.mark.parametrize("driver", ASYNC_DRIVERS)
def test_async_orm_insert_returning(target, driver, table_name):
    Base, Author, Book = orm_models(table_name)

    async def go():
        engine = async_engine(target, driver)
        stmts = record_statements(engine.sync_engine)
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        try:
            async with engine.begin() as conn:
                await conn.run_sync(Base.metadata.create_all)
            try:
                async with sessions() as s:
                    authors = [Author(name=f"a{i}", books=[Book(title=f"t{i}")]) for i in range(25)]
                    s.add_all(authors)
                    await s.commit()
                    assert [a.id for a in authors] == list(range(1, 26))
                    assert all(a.created is not None and a.version == 1 for a in authors)
                    assert sorted(a.books[0].id for a in authors) == list(range(1, 26))
                    assert all(a.books[0].author_id == a.id for a in authors)

                    # ORM bulk INSERT ... RETURNING whole objects
                    more = (await s.scalars(insert(Author).returning(Author, sort_by_parameter_order=True),
                                            [{"name": f"bulk{i}", "qty": i, "version": 1} for i in range(5)])).all()
                    assert [(a.id, a.name, a.qty) for a in more] == [(26 + i, f"bulk{i}", i) for i in range(5)]
                    await s.commit()

                    a = await s.get(Author, 3)
                    a.qty = 33
                    await s.delete(await s.get(Author, 4))
                    await s.commit()
                    assert a.version == 2

                    with pytest.raises(IntegrityError) as ei:
                        s.add(Author(name="a0"))
                        await s.flush()
                    assert sqlstate_of(driver, ei.value.orig) == "23505"
                    await s.rollback()

                async with sessions() as s:
                    got = (await s.scalars(select(Author).options(selectinload(Author.books))
                                           .where(Author.id <= 5).order_by(Author.id))).all()
                    assert [(a.id, a.qty, a.version, [b.title for b in a.books]) for a in got] == [
                        (1, 0, 1, ["t0"]), (2, 0, 1, ["t1"]), (3, 33, 2, ["t2"]), (5, 0, 1, ["t4"])]
                    assert await s.scalar(select(func.count()).select_from(Author)) == 29
                inserts = [x for x in stmts if x.lstrip().upper().startswith("INSERT")]
                assert all("RETURNING" in x for x in inserts) and len(inserts) == 4, inserts
            finally:
                async with engine.begin() as conn:
                    await conn.run_sync(Base.metadata.drop_all)
        finally:
            await engine.dispose()
    asyncio.run(go())


@pytest.mark.parametrize("driver", ASYNC_DRIVERS)
def test_async_streamed_select(target, driver, table_name):
    md = MetaData()
    t = Table(table_name, md, Column("id", Integer, primary_key=True, autoincrement=False),
              Column("v", Text, nullable=False))

    class Base(DeclarativeBase):
        pass

    class Row(Base):
        __table__ = t

    async def go():
        engine = async_engine(target, driver)
        try:
            async with engine.begin() as conn:
                await conn.run_sync(md.create_all)
                await conn.execute(insert(t), [{"id": i, "v": f"v{i}"} for i in range(STREAM_ROWS)])
            try:
                async with engine.connect() as conn:
                    result = await conn.stream(select(t).order_by(t.c.id).execution_options(yield_per=2000))
                    seen = []
                    async for part in result.partitions():
                        assert len(part) == 2000
                        seen.extend(part)
                    assert [(r.id, r.v) for r in seen] == [(i, f"v{i}") for i in range(STREAM_ROWS)]

                    result = await conn.stream(select(t.c.id).where(t.c.id < 3000).order_by(t.c.id.desc()))
                    assert [i async for i in result.scalars()] == list(range(2999, -1, -1))

                async with AsyncSession(engine) as s:
                    n = 0
                    result = await s.stream_scalars(select(Row).order_by(Row.id).execution_options(yield_per=750))
                    async for obj in result:
                        assert (obj.id, obj.v) == (n, f"v{n}")
                        n += 1
                    assert n == STREAM_ROWS
                    # the session goes on after the stream
                    assert await s.scalar(select(func.sum(Row.id))) == STREAM_ROWS * (STREAM_ROWS - 1) // 2
            finally:
                async with engine.begin() as conn:
                    await conn.run_sync(md.drop_all)
        finally:
            await engine.dispose()
    asyncio.run(go())
