"""Parquet export (pyarrow): the JSONL schema with typed columns, written in row groups as it streams.

Columns: `id`, `source` (string), `record` (int64, null for whole files), the metadata fields (string),
the corpus fields (`language_score` float64, `duplicate_of`, `cluster` string),
`text` (string), `lines_kept`, `lines_removed` (int64) and `removed`, a struct with one int64 field per
rule id, the same for every row, so the file loads as one table in pandas, DuckDB and `datasets`.
Written to a temporary file beside the destination and renamed into place when complete.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from winnow.core.model import Cleaned
from winnow.export.atomic import atomic_path
from winnow.export.records import to_record

ROWS_PER_GROUP = 2000  # a row group is held in memory before it is written: small enough to stream


def parquet_schema(metadata_fields: tuple[str, ...], rule_ids: list[str]):
    import pyarrow as pa

    return pa.schema(
        [("id", pa.string()), ("source", pa.string()), ("record", pa.int64())]
        + [(name, pa.string()) for name in metadata_fields]
        + [("language_score", pa.float64()), ("duplicate_of", pa.string()), ("cluster", pa.string())]
        + [
            ("text", pa.string()),
            ("lines_kept", pa.int64()),
            ("lines_removed", pa.int64()),
            ("removed", pa.struct([(rule_id, pa.int64()) for rule_id in rule_ids])),
        ]
    )


def write_parquet(items: Iterable[Cleaned], dest: Path, metadata_fields: tuple[str, ...], rule_ids: list[str]) -> int:
    """Write `items` to `dest` atomically; returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(metadata_fields, rule_ids)
    rows = 0
    with atomic_path(dest) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            batch: list[dict[str, Any]] = []
            for item in items:
                batch.append(_row(item, metadata_fields, rule_ids))
                if len(batch) >= ROWS_PER_GROUP:
                    writer.write_table(pa.Table.from_pylist(batch, schema))
                    rows += len(batch)
                    batch = []
            if batch or rows == 0:  # an empty corpus still gets its schema
                writer.write_table(pa.Table.from_pylist(batch, schema))
                rows += len(batch)
    return rows


def _row(item: Cleaned, metadata_fields: tuple[str, ...], rule_ids: list[str]) -> dict[str, Any]:
    record = to_record(item, metadata_fields, rule_ids)
    unknown = set(record["removed"]) - set(rule_ids)
    if unknown:  # a struct has fixed fields: a count that does not fit would be lost silently
        raise ValueError(f"removals by unregistered {'rule' if len(unknown) == 1 else 'rules'} {', '.join(sorted(unknown))} cannot be written to Parquet")
    return record
