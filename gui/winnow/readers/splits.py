"""Record-range slices of one big JSON Lines, CSV or TSV file, so that every core reads and cleans a part of it.

A slice starts at the beginning of a line and holds whole records; it carries the numbers of its first record
and line, so the documents read from the slices, one after the other, are exactly those read from the whole
file (the same ids, the same problems). Planning reads the file once, line by line, and counts its lines the
way the reader does (`\\n`, `\\r\\n` and a lone `\\r` end a line; a blank line is no record): JSON is not
parsed, CSV is (a quoted cell may hold line breaks), and a CSV slice reads its header from the file's start.
Only UTF-8 (or ASCII) files that are neither compressed nor one JSON document under a .jsonl name are split:
in those a line break byte is always a line break; any other file is read whole by one task.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from winnow.readers.decode import DETECTION_SAMPLE, NotText, decode_text
from winnow.readers.formats import Kind, is_zstd, kind_of, split_gzip
from winnow.readers.records import sniff_delimiter

SPLITTABLE_ENCODINGS = ("utf-8", "ascii")
SPLITTABLE = (Kind.JSONL, Kind.CSV, Kind.TSV)
HEADER_CHARS = 65536  # the start of the file a CSV slice reads its header (and delimiter) from, as the reader does
LONE_CR = re.compile(r"(?<=\r)(?!\n)")  # where the reader (universal newlines) ends a line inside a \n-line


@dataclass(frozen=True)
class LineSlice:
    """Bytes `offset` .. `end` of a JSON Lines file, whose first line is line `first_line` (counted from 1) and
    whose first record is record `first_record` of the file."""

    offset: int
    end: int
    first_record: int
    first_line: int


def record_slices(path: Path, records_per_slice: int, bytes_per_slice: int, max_bytes: int) -> list[LineSlice]:
    """The slices of a JSON Lines, CSV or TSV file of more than `records_per_slice` records or `bytes_per_slice`
    bytes; [] when it is one slice or is not to be split (see the module's docstring)."""
    kind = kind_of(path.name)
    if kind not in SPLITTABLE or split_gzip(path.name)[1] or is_zstd(path.name):
        return []
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(0)
            found = _splittable(handle, kind) if 0 < size <= max_bytes else None
            if found is None:
                return []
            encoding, head = found
            handle.seek(0)
            if kind is Kind.JSONL:
                slices = list(_cut(handle, encoding, records_per_slice, bytes_per_slice))
            else:
                delimiter = "\t" if kind is Kind.TSV else sniff_delimiter(head)
                slices = list(_cut_csv(handle, encoding, delimiter, records_per_slice, bytes_per_slice))
    except OSError:  # the reader says what is wrong with the file
        return []
    return slices if len(slices) > 1 else []


def _splittable(handle: BinaryIO, kind: Kind) -> tuple[str, str] | None:
    """The encoding and decoded start of a file that reads as UTF-8 or ASCII records (the reader decides on
    the same sample)."""
    sample = handle.read(DETECTION_SAMPLE)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in sample:
        return None
    cut = sample.rfind(b"\n") + 1 if len(sample) == DETECTION_SAMPLE and b"\n" in sample else len(sample)
    try:
        decoded = decode_text(sample[:cut])
    except NotText:
        return None
    if decoded.encoding not in SPLITTABLE_ENCODINGS:
        return None
    if kind is not Kind.JSONL:
        return decoded.encoding, decoded.text[:HEADER_CHARS]
    first = next((line for line in sample[:cut].removeprefix(codecs.BOM_UTF8).splitlines() if line.strip()), b"")
    try:
        json.loads(first)
    except ValueError:  # one JSON document (or not JSON at all): the reader reads it whole
        return None
    return decoded.encoding, ""


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


def _cut_csv(handle: BinaryIO, encoding: str, delimiter: str, records_per_slice: int, bytes_per_slice: int) -> Iterator[LineSlice]:
    """Slices of a CSV file, cut only where a row ends at the end of a line (never inside a quoted cell). A row
    the csv module cannot read ends the file for the reader: the last slice runs from before it to the end."""
    at = {"offset": 0, "lines": 0, "line_end": False}  # where the reader has got to

    def lines() -> Iterator[str]:
        for raw in handle:
            pieces = _pieces(raw.removeprefix(codecs.BOM_UTF8) if at["offset"] == 0 else raw, encoding)
            for n, piece in enumerate(pieces, start=1):
                at["line_end"] = n == len(pieces)
                if at["line_end"]:
                    at["offset"] += len(raw)
                at["lines"] += 1
                yield piece

    reader = csv.reader(lines(), delimiter=delimiter)
    start = LineSlice(0, 0, 0, 1)
    try:
        if next(reader, None) is None or at["offset"] >= HEADER_CHARS:  # no header, or one the slices could not read
            return
        records = 0
        for row in reader:
            if any(cell.strip() for cell in row):
                records += 1
            if at["line_end"] and (records - start.first_record >= records_per_slice or at["offset"] - start.offset >= bytes_per_slice):
                yield LineSlice(start.offset, at["offset"], start.first_record, start.first_line)
                start = LineSlice(at["offset"], at["offset"], records, at["lines"] + 1)
    except csv.Error:
        pass
    size = handle.seek(0, 2)
    if size > start.offset:
        yield LineSlice(start.offset, size, start.first_record, start.first_line)


def _pieces(raw: bytes, encoding: str) -> list[str]:
    """The lines the reader sees in one `\\n`-terminated piece of the file."""
    return [piece for piece in LONE_CR.split(raw.decode(encoding, "replace")) if piece]


def _count(raw: bytes, encoding: str) -> tuple[int, int]:
    """(lines, non-blank lines) the reader sees in one `\\n`-terminated piece of the file."""
    stripped = raw.strip()
    if b"\r" not in raw and stripped and 0x20 < stripped[0] < 0x7F:  # the common case: one line, plainly not blank
        return 1, 1
    pieces = _pieces(raw, encoding)
    return len(pieces), sum(1 for piece in pieces if piece.strip())
