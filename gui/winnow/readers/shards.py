"""Dataset shards: Parquet files and zstandard-compressed JSON Lines (`.jsonl.zst`), the forms Hugging Face
datasets and dolma ship (`.json.gz` / `.jsonl.gz` go through the gzip path of dispatch.py).

This module only opens the containers: `parquet_rows` yields a Parquet file's rows as plain dicts, one
batch at a time (never the whole file), and `unzstd` decompresses; dispatch.py turns rows into Documents
exactly as it does JSONL records (the text field found the same way, url/title/date/author carried over).
pyarrow is imported when a Parquet file is met: the desktop app is built without it.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, BinaryIO, Iterator

BATCH_ROWS = 1024
PYARROW_MISSING = "is a Parquet file, which needs pyarrow; this build of Winnow leaves it out: read it with the command line (pip install winnow)"


class ShardError(ValueError):
    """A shard that cannot be read; the message says why, without the file name."""


def parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ShardError(PYARROW_MISSING) from None
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # ArrowInvalid, OSError …
        raise ShardError(f"is not a readable Parquet file: {exc}") from None
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
            for row in batch.to_pylist():
                yield _plain(row)
    except Exception as exc:  # a damaged row group
        raise ShardError(str(exc)) from None


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Dates and times as ISO text, so they reach the metadata like a JSONL record's strings."""
    return {k: v.isoformat() if isinstance(v, (_dt.date, _dt.datetime, _dt.time)) else v for k, v in row.items()}


def zstd_stream(file: BinaryIO) -> BinaryIO:
    """A `.jsonl.zst` shard decompressed as it is read (the record reader streams it like a `.gz`)."""
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(file, read_across_frames=True)


def unzstd(data: bytes, limit: int) -> bytes:
    """Decompress a zstandard stream, refusing to produce more than `limit` bytes."""
    import zstandard

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(data)
        out = reader.read(limit + 1)
        while len(out) <= limit:  # stream_reader.read may return less than asked before the end
            more = reader.read(limit + 1 - len(out))
            if not more:
                break
            out += more
    except zstandard.ZstdError as exc:
        raise ShardError(f"is not a valid zstandard file ({exc})") from None
    if len(out) > limit:
        raise ShardError(f"decompresses to more than the limit of {limit:,} bytes")
    return out
