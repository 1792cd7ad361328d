"""Parquet export (typed columns, `removed` as a struct, streamed in row groups) loads as-is in pandas,
`datasets` and DuckDB; Parquet, `.jsonl.zst` and `.json.gz` shards are read like JSONL."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from scale_helpers import make_corpus
from winnow import cli
from winnow.core.model import Document, Problem
from winnow.export import parquet as parquet_export
from winnow.readers import read_paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The same corpus exported as JSONL and as Parquet, in row groups of 7."""
    tmp = tmp_path_factory.mktemp("parquet")
    corpus = make_corpus(tmp / "corpus", files=30)
    mp = pytest.MonkeyPatch()
    mp.setattr(parquet_export, "ROWS_PER_GROUP", 7)
    try:
        for name in ("out.jsonl", "out.parquet"):
            assert cli.main(["clean", str(ROOT / "seeds"), str(corpus), "-o", str(tmp / name), "-q", "--jobs", "1"]) == 0
    finally:
        mp.undo()
    rows = [json.loads(line) for line in (tmp / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    return tmp / "out.parquet", rows


def test_schema_is_typed_and_rows_come_in_groups(exports):
    path, rows = exports
    file = pq.ParquetFile(path)
    schema = file.schema_arrow
    assert schema.field("record").type == pa.int64() and schema.field("lines_kept").type == pa.int64()
    assert schema.field("text").type == pa.string()
    removed = schema.field("removed").type
    assert pa.types.is_struct(removed) and {removed.field(i).name for i in range(removed.num_fields)} == set(rows[0]["removed"])
    assert file.metadata.num_rows == len(rows) and file.num_row_groups == -(-len(rows) // 7)


def test_pandas_reads_the_same_records_as_the_jsonl_export(exports):
    import pandas as pd

    path, rows = exports
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(rows[0])

    def plain(value):  # pandas shows a missing value as NaN or None, a number as numpy's
        if isinstance(value, dict):
            return value
        return None if pd.isna(value) else value.item() if hasattr(value, "item") else value

    assert [{k: plain(v) for k, v in got.items()} for got in frame.to_dict("records")] == rows


def test_datasets_loads_it_as_is(exports, tmp_path):
    import datasets

    path, rows = exports
    ds = datasets.load_dataset("parquet", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache"))
    assert ds.num_rows == len(rows)
    assert ds[3]["text"] == rows[3]["text"] and ds[3]["removed"] == rows[3]["removed"]


def test_duckdb_queries_it_as_is(exports):
    import duckdb

    path, rows = exports
    total, removed_ads = duckdb.sql(f"select count(*), sum(removed['ads.markers']) from read_parquet('{path}')").fetchall()[0]
    assert total == len(rows)
    assert removed_ads == sum(r["removed"]["ads.markers"] for r in rows) > 0


def test_an_export_onto_an_input_or_to_stdout_is_refused(exports, tmp_path, capsys):
    path, _ = exports
    before = path.read_bytes()
    assert cli.main(["clean", str(path), "-o", str(path), "-q"]) != cli.EXIT_OK
    assert path.read_bytes() == before
    assert cli.main(["clean", str(ROOT / "seeds"), "-f", "parquet", "-q"]) == cli.EXIT_FAILED
    assert "parquet" in capsys.readouterr().err


SHARD_ROWS = [
    {
        "text": "The council approved the new budget after a long debate.\nADVERTISEMENT\nResidents had asked for more money.",
        "url": "https://example.org/a",
        "title": "Budget",
    },
    {
        "text": "Der Rat hat lange beraten und dann zugestimmt.\nANZEIGE\nDie Anwohner hatten mehr Geld gefordert.",
        "url": "https://example.de/b",
        "title": "Haushalt",
    },
]


def _documents(path):
    items = list(read_paths([path]))
    assert not [i for i in items if isinstance(i, Problem)], items
    return [i for i in items if isinstance(i, Document)]


def test_parquet_shards_are_read_record_by_record(tmp_path):
    import datetime

    path = tmp_path / "shard-00000.parquet"
    table = pa.Table.from_pylist([{**row, "date": datetime.datetime(2024, 3, 5, 10, 0)} for row in SHARD_ROWS])
    pq.write_table(table, path, row_group_size=1)
    docs = _documents(path)
    assert [d.record for d in docs] == [0, 1]
    assert [d.metadata["url"] for d in docs] == ["https://example.org/a", "https://example.de/b"]
    assert docs[0].metadata["date"].startswith("2024-03-05")
    assert docs[1].lines[1] == "ANZEIGE"


@pytest.mark.parametrize(
    "name,compress",
    [
        ("shard.jsonl.zst", lambda data: zstandard.ZstdCompressor().compress(data)),
        ("shard.json.gz", gzip.compress),
    ],
)
def test_compressed_json_shards_are_read(tmp_path, name, compress):
    path = tmp_path / name
    payload = "\n".join(json.dumps(row) for row in SHARD_ROWS) + "\n"
    path.write_bytes(compress(payload.encode()))
    docs = _documents(path)
    assert [d.metadata["title"] for d in docs] == ["Budget", "Haushalt"]


def test_a_broken_parquet_or_zstd_shard_is_a_problem_naming_it(tmp_path):
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    (tmp_path / "bad.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd garbage")
    problems = [i for i in read_paths([tmp_path]) if isinstance(i, Problem)]
    assert sorted(p.source.rsplit("/", 1)[-1] for p in problems) == ["bad.jsonl.zst", "bad.parquet"]
    assert all(p.fatal for p in problems)


def test_without_pyarrow_parquet_is_a_clear_message_not_a_crash(tmp_path, monkeypatch, capsys):
    """The desktop app ships without pyarrow: Parquet inputs are problems and a Parquet export is refused."""
    path = tmp_path / "shard.parquet"
    pq.write_table(pa.Table.from_pylist(SHARD_ROWS), path)
    for name in [m for m in list(sys.modules) if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    problems = [i for i in read_paths([path]) if isinstance(i, Problem)]
    assert len(problems) == 1 and "pyarrow" in problems[0].message
    out = tmp_path / "out.parquet"
    assert cli.main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q", "--jobs", "1"]) == cli.EXIT_FAILED
    assert "needs pyarrow" in capsys.readouterr().err and not out.exists()
