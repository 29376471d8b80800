"""The async API's Parquet writer, checked by a real Parquet reader (pyarrow).

async-query's JUnit tests (built before this module) run a query with a column of every kind and
leave the Parquet file, and what it must contain, in async-query/target/parquet-sample/. Here
pyarrow reads the file back and compares schema and values one by one.
"""
from __future__ import annotations

import datetime
import decimal
import json
import pathlib

import pytest

pq = pytest.importorskip("pyarrow.parquet")

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "async-query" / "target" / "parquet-sample"


def _plain(value):
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def test_mixed_types_read_back_value_by_value():
    parquet = SAMPLE / "mixed-types.parquet"
    if not parquet.exists():
        pytest.skip(f"{parquet} is made by async-query's tests (mvn test -pl async-query -am)")
    expected = json.loads((SAMPLE / "mixed-types.expected.json").read_text(encoding="utf-8"))
    table = pq.read_table(parquet)
    assert {f.name: str(f.type) for f in table.schema} == expected["schema"]
    rows = [{k: _plain(v) for k, v in row.items()} for row in table.to_pylist()]
    assert len(rows) == len(expected["rows"])
    for got, want in zip(rows, expected["rows"]):
        for column, value in want.items():
            assert got[column] == value, column
    metadata = pq.read_metadata(parquet)
    assert metadata.row_group(0).column(0).compression == "SNAPPY"
