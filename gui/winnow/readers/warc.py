"""Web archives: `.warc`, `.warc.gz` and Common Crawl's WET files (`.warc.wet.gz`), read with warcio.

HTTP `response` records whose Content-Type is HTML go through HTML extraction like any page; WET
`conversion` records (text/plain) go in as text. `WARC-Target-URI` becomes `url`, `WARC-Date` the `date`
when the page itself names none, and the record's position and id (its UUID) are part of `source`
(`crawl.warc.gz#000000012-1b4e28ba-…`, so sources sort in archive order); `record` is the position, so
ids do not depend on how the archive is split into shards. Non-HTML, unsuccessful (HTTP status not 2xx), truncated and revisit
records are skipped and counted in one warning per archive (or shard); a damaged archive ends with a
warning, never an exception: the pages read before the damage are kept.

This module knows the archive format only: it yields `WarcPage`s (decoded bodies with their metadata);
dispatch.py turns them into Documents like any other page.

warcio rather than FastWARC: it is pure Python (nothing to compile for the frozen app), it also writes
WARCs (the tests build theirs with it), and HTML extraction, not record parsing, is what takes the time.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from winnow.core.model import Problem
from winnow.readers.decode import Decoded, NotText, decode_html, decode_text, is_blank

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
RECORD_UUID = re.compile(r"<?(?:urn:uuid:)?([^<>]+)>?")


@dataclass(frozen=True)
class WarcPage:
    """One HTML page or WET text of an archive, decoded, with what the WARC headers say about it."""

    name: str  # `crawl.warc.gz#000000012-<record uuid>`: the document's source
    index: int  # the record's position in the archive
    decoded: Decoded
    is_html: bool
    url: str | None
    date: str | None


@dataclass(frozen=True)
class WarcSlice:
    """Records `first` .. `first + count - 1` of an archive, the first of them starting at byte `offset`."""

    offset: int = 0
    first: int = 0
    count: int | None = None  # None: to the end of the archive


WHOLE = WarcSlice()


def warc_pages(path: Path, source: str, max_bytes: int, part: WarcSlice = WHOLE) -> Iterator[WarcPage | Problem]:
    """The pages of one archive (or of one slice of it), then a warning counting the records skipped."""
    skipped: Counter[str] = Counter()
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield Problem(source, f"cannot be opened: {exc.strerror or exc}")
        return
    from warcio.archiveiterator import ArchiveIterator  # here, not at the top: ~90 ms the window's start-up does not need

    index = part.first
    pages = 0
    with handle:
        handle.seek(part.offset)
        iterator = ArchiveIterator(handle)
        try:
            for record in iterator:
                if part.count is not None and index >= part.first + part.count:
                    break
                item = _record_page(source, index, record, max_bytes, skipped)
                if _cut_short(record):
                    raise ValueError(f"record {index} ends before its declared length")
                index += 1
                if item is not None:
                    pages += isinstance(item, WarcPage)
                    yield item
            else:
                unread = _unread_bytes(handle, iterator, index > part.first)
                if unread:
                    raise ValueError(f"{unread:,} bytes at its end are not a whole record")
        except Exception as exc:  # ArchiveLoadFailed, zlib.error, EOFError …: a damaged archive is never fatal
            yield Problem(source, f"the archive is damaged after record {index}: {_describe(exc)}; the records before it were read", fatal=False)
    if skipped:
        yield Problem(source, skipped_message(skipped, part), fatal=False)
    elif pages == 0 and part == WHOLE:
        yield Problem(source, "contains no HTML page and no text record")


def skipped_message(skipped: Counter[str], part: WarcSlice) -> str:
    what = ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items()))
    where = "" if part == WHOLE else f" (records {part.first}–{part.first + (part.count or 0) - 1})"
    return f"skipped WARC records{where}: {what}"


def _record_page(source: str, index: int, record, max_bytes: int, skipped: Counter[str]) -> WarcPage | Problem | None:
    kind = record.rec_type
    if kind == "revisit":
        skipped["revisit"] += 1
        return None
    if kind not in ("response", "conversion", "resource"):
        return None  # warcinfo, request, metadata: never content
    headers = record.rec_headers
    if headers.get_header("WARC-Truncated"):
        skipped["truncated"] += 1
        return None
    if kind == "response":
        if record.http_headers is None:
            skipped["non-HTTP response"] += 1
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            skipped["unsuccessful (HTTP status not 2xx)"] += 1
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    media = content_type.split(";", 1)[0].strip().lower()
    is_html = media in HTML_TYPES
    if not is_html and not (kind == "conversion" and media in ("text/plain", "")):
        skipped["non-HTML"] += 1
        return None
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        skipped["too large"] += 1
        return None
    record_id = headers.get_header("WARC-Record-ID") or ""
    uuid = RECORD_UUID.fullmatch(record_id.strip())
    # the position first, zero-padded: sources sort in archive order (the corpus is written sorted by source)
    name = f"{source}#{index:09d}" + (f"-{uuid.group(1)}" if uuid else "")
    if not data or is_blank(data.decode("latin-1")):
        skipped["empty"] += 1
        return None
    try:
        charset = CHARSET.search(content_type)
        decoded = decode_html(data, charset and charset.group(1)) if is_html else decode_text(data)
    except NotText as exc:
        return Problem(name, f"is not text: {exc}", index)
    return WarcPage(name, index, decoded, is_html, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"))


def _cut_short(record) -> bool:
    """Whether the record's bytes stop before its Content-Length (warcio yields such a record quietly)."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    return getattr(stream, "limit", 0) > 0


def _unread_bytes(handle, iterator, any_record: bool) -> int:
    """Bytes after the last whole record: warcio silently drops a record cut short, this is how it shows.
    (An uncompressed archive ends with the last record's 4-byte separator, which warcio does not count.)"""
    if not any_record:
        return 0
    end = iterator.get_record_offset() + (iterator.get_record_length() or 0)
    unread = os.fstat(handle.fileno()).st_size - end
    return unread if unread > 4 else 0


def warc_slices(path: Path, records_per_slice: int) -> list[WarcSlice]:
    """Split an archive into slices of about `records_per_slice` records that can be read independently.

    Only an archive of separately compressed records (the standard for `.warc.gz`) or an uncompressed one
    can be entered in the middle; any other comes back as one slice."""
    from warcio.archiveiterator import ArchiveIterator

    offsets: list[int] = []
    try:
        with open(path, "rb") as handle:
            iterator = ArchiveIterator(handle)
            for _ in iterator:
                offsets.append(iterator.get_record_offset())
    except Exception:  # a damaged archive: read as one slice, the reader reports the damage
        return [WarcSlice()]
    if len(offsets) <= records_per_slice or not _enterable(path, offsets[records_per_slice]):
        return [WarcSlice()]
    slices = []
    for first in range(0, len(offsets), records_per_slice):
        count = min(records_per_slice, len(offsets) - first)
        slices.append(WarcSlice(offsets[first], first, count))
    return slices


def _enterable(path: Path, offset: int) -> bool:
    with open(path, "rb") as handle:
        handle.seek(offset)
        head = handle.read(8)
    return head.startswith((b"\x1f\x8b", b"WARC/"))


def _describe(exc: Exception) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
