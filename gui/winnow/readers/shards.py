"""Dataset shards: Parquet files and zstandard-compressed JSON Lines (`.jsonl.zst`), the forms Hugging Face
datasets and dolma ship (`.json.gz` / `.jsonl.gz` are read by the gzip path of dispatch.py).

A Parquet file is read one row group batch at a time, never whole; each row is a record like a JSONL line:
the text (or HTML) field is found the same way (`--text-field` overrides) and url/title/date/author are
carried into the metadata.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from winnow.core.model import Document, Problem
from winnow.readers import ReadOptions
from winnow.readers.decode import Decoded

BATCH_ROWS = 1024


PYARROW_MISSING = "needs pyarrow, which this build of Winnow leaves out; read it with the command line (pip install winnow)"


def read_parquet(path: Path, source: str, options: ReadOptions = ReadOptions()) -> Iterator[Document | Problem]:
    from winnow.readers.dispatch import Unreadable, record_document

    try:
        import pyarrow.parquet as pq
    except ImportError:  # the desktop app ships without pyarrow
        yield Problem(source, f"is a Parquet file: {PYARROW_MISSING}")
        return

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # ArrowInvalid, OSError …: the file, not the batch
        yield Problem(source, f"is not a readable Parquet file: {exc}")
        return
    decoded = Decoded("", "utf-8")
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
            for row in batch.to_pylist():
                try:
                    yield record_document(path, source, number, _plain(row), decoded, options)
                except Unreadable as exc:
                    yield Problem(source, str(exc), number)
                number += 1
    except Exception as exc:  # a damaged row group: keep what came before it
        yield Problem(source, f"could not be read past record {number}: {exc}", number)
        return
    if number == 0:
        yield Problem(source, "contains no records")


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Dates and times as ISO text, so they reach the metadata like a JSONL record's strings."""
    return {k: v.isoformat() if isinstance(v, (_dt.date, _dt.datetime, _dt.time)) else v for k, v in row.items()}


def unzstd(data: bytes, limit: int) -> bytes:
    """Decompress a zstandard stream, refusing to produce more than `limit` bytes."""
    import zstandard

    from winnow.readers.dispatch import Unreadable

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(data)
        out = reader.read(limit + 1)
        while len(out) <= limit:  # stream_reader.read may return less than asked before the end
            more = reader.read(limit + 1 - len(out))
            if not more:
                break
            out += more
    except zstandard.ZstdError as exc:
        raise Unreadable(f"is not a valid zstandard file ({exc})") from None
    if len(out) > limit:
        raise Unreadable(f"decompresses to more than the limit of {limit:,} bytes")
    return out
