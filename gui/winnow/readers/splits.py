"""Record-range slices of one big JSON Lines file, so that every core can read and clean a part of it.

A slice starts at the beginning of a line and holds whole records; it carries the numbers of its first record
and line, so the documents read from the slices, one after the other, are exactly those read from the whole
file (the same ids, the same problems). Planning reads the file once, line by line (no JSON is parsed), and
counts its lines the way the reader does (`\\n`, `\\r\\n` and a lone `\\r` end a line; a blank line is no
record). Only UTF-8 (or ASCII) files that are neither compressed nor one JSON document under a .jsonl name
are split: in those a line break byte is always a line break; any other file is read whole by one task.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from winnow.readers.decode import DETECTION_SAMPLE, NotText, decode_text
from winnow.readers.formats import Kind, is_zstd, kind_of, split_gzip

SPLITTABLE_ENCODINGS = ("utf-8", "ascii")
LONE_CR = re.compile(r"(?<=\r)(?!\n)")  # where the reader (universal newlines) ends a line inside a \n-line


@dataclass(frozen=True)
class LineSlice:
    """Bytes `offset` .. `end` of a JSON Lines file, whose first line is line `first_line` (counted from 1) and
    whose first record is record `first_record` of the file."""

    offset: int
    end: int
    first_record: int
    first_line: int


def jsonl_slices(path: Path, records_per_slice: int, bytes_per_slice: int, max_bytes: int) -> list[LineSlice]:
    """The slices of a JSON Lines file of more than `records_per_slice` records or `bytes_per_slice` bytes;
    [] when it is one slice or is not to be split (see the module's docstring)."""
    if kind_of(path.name) is not Kind.JSONL or split_gzip(path.name)[1] or is_zstd(path.name):
        return []
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(0)
            encoding = _splittable(handle) if 0 < size <= max_bytes else None
            if encoding is None:
                return []
            handle.seek(0)
            slices = list(_cut(handle, encoding, records_per_slice, bytes_per_slice))
    except OSError:  # the reader says what is wrong with the file
        return []
    return slices if len(slices) > 1 else []


def _splittable(handle: BinaryIO) -> str | None:
    """The encoding of a file that reads as UTF-8 or ASCII JSON Lines (the reader decides on the same sample)."""
    sample = handle.read(DETECTION_SAMPLE)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in sample:
        return None
    cut = sample.rfind(b"\n") + 1 if len(sample) == DETECTION_SAMPLE and b"\n" in sample else len(sample)
    try:
        encoding = decode_text(sample[:cut]).encoding
    except NotText:
        return None
    if encoding not in SPLITTABLE_ENCODINGS:
        return None
    first = next((line for line in sample[:cut].removeprefix(codecs.BOM_UTF8).splitlines() if line.strip()), b"")
    try:
        json.loads(first)
    except ValueError:  # one JSON document (or not JSON at all): the reader reads it whole
        return None
    return encoding


def _cut(handle: BinaryIO, encoding: str, records_per_slice: int, bytes_per_slice: int) -> Iterator[LineSlice]:
    offset = records = lines = 0  # bytes, records and lines before the current position
    start = LineSlice(0, 0, 0, 1)
    for raw in handle:
        if (records - start.first_record >= records_per_slice or offset - start.offset >= bytes_per_slice) and offset > start.offset:
            yield LineSlice(start.offset, offset, start.first_record, start.first_line)
            start = LineSlice(offset, offset, records, lines + 1)
        text_lines, nonblank = _count(raw.removeprefix(codecs.BOM_UTF8) if offset == 0 else raw, encoding)
        lines += text_lines
        records += nonblank
        offset += len(raw)
    if offset > start.offset:
        yield LineSlice(start.offset, offset, start.first_record, start.first_line)


def _count(raw: bytes, encoding: str) -> tuple[int, int]:
    """(lines, non-blank lines) the reader sees in one `\\n`-terminated piece of the file."""
    stripped = raw.strip()
    if b"\r" not in raw and stripped and 0x20 < stripped[0] < 0x7F:  # the common case: one line, plainly not blank
        return 1, 1
    pieces = [piece for piece in LONE_CR.split(raw.decode(encoding, "replace")) if piece]
    return len(pieces), sum(1 for piece in pieces if piece.strip())
