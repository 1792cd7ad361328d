"""Write a cleaned corpus as JSONL, CSV, a folder of TXT files, or one TXT file, always atomically."""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import re
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path, PurePosixPath
from typing import IO, Any, Callable, Iterable, Iterator

from winnow.core.formats import FORMATS
from winnow.core.model import Cleaned, CorpusCounts
from winnow.export.atomic import atomic_file, atomic_folder
from winnow.export.manifest import is_marked_export, write_file_marker
from winnow.export.parquet import write_parquet
from winnow.export.records import CORPUS_FIELDS, METADATA_FIELDS, REJECTED_FIELDS, removal_rule_ids, to_record

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """An export that cannot be written; the message says why and names the destination."""


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    format: str = "jsonl"
    metadata_fields: tuple[str, ...] = METADATA_FIELDS
    skip_empty: bool = False  # leave out documents with nothing left after cleaning
    csv_formula_safe: bool = False  # prefix cells a spreadsheet would run as formulas with an apostrophe
    rejected: bool = False  # the documents left out of the corpus, each with the rule and reason (--rejected)

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown export format {self.format!r}; choose one of {', '.join(FORMATS)}")
        unknown = set(self.metadata_fields) - set(METADATA_FIELDS)
        if unknown:
            raise ValueError(f"unknown metadata {'field' if len(unknown) == 1 else 'fields'}: {', '.join(sorted(unknown))}")

    def for_rejected(self, fmt: str) -> ExportOptions:
        """The options of the file of documents left out (`--rejected`, and the export dialog's): the same
        fields in `fmt` (jsonl or csv), each with its rule and reason, none skipped."""
        return replace(self, format=fmt, rejected=True, skip_empty=False)


@dataclass
class ExportSummary:
    destination: Path
    format: str
    documents: int = 0
    skipped_empty: int = 0
    files: int = 0
    counts: CorpusCounts = field(default_factory=CorpusCounts)  # of the documents written

    @property
    def by_rule(self) -> dict[str, int]:
        return dict(self.counts.by_rule)


Progress = Callable[[int, str], None]  # (documents written so far, current source)


def export_corpus(
    cleaned: Iterable[Cleaned],
    destination: str | Path,
    options: ExportOptions = ExportOptions(),
    protected: Iterable[str | Path] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportSummary:
    """Write `cleaned` to `destination`. Raises ExportCancelled (nothing written) or ExportError.

    `protected` are the input paths: an export never overwrites one of them.
    """
    dest = Path(destination)
    _refuse_inputs(dest, protected)
    if options.format != "txt" and dest.is_dir():  # say so now, not after cleaning the whole corpus
        raise ExportError(f"{dest} is a folder; a {options.format} export is one file: give a file name")
    summary = ExportSummary(dest, options.format)
    rule_ids = removal_rule_ids()

    def selected() -> Iterable[Cleaned]:
        for item in without_failed(cleaned):
            if cancelled():
                raise ExportCancelled()
            if options.skip_empty and item.lines_kept == 0:
                summary.skipped_empty += 1
                continue
            summary.documents += 1
            summary.counts.add(item)
            if progress:
                progress(summary.documents, item.document.source)
            yield item

    try:
        if options.format == "txt":
            with atomic_folder(dest, "txt") as folder:
                summary.files = _write_txt_folder(selected(), folder)
        elif options.format == "parquet":  # binary, in row groups: export/parquet.py
            try:
                write_parquet(selected(), dest, options.metadata_fields, rule_ids)
            except ModuleNotFoundError as exc:  # the desktop app ships without pyarrow
                raise ExportError(
                    f"Parquet export needs {exc.name}, which this build of Winnow leaves out; use the command line of a Python install (pip install winnow)"
                ) from None
            summary.files = 1
        else:
            newline = "" if options.format == "csv" else "\n"
            mark = functools.partial(write_file_marker, fmt=options.format)
            with atomic_file(dest, newline=newline, after=mark) as handle:
                WRITERS[options.format](selected(), handle, options, rule_ids)
            summary.files = 1
    except FileExistsError as exc:  # atomic_folder refusing a folder of the user's: its message says it all
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(f"cannot write {dest}: {exc.strerror or exc}") from None
    return summary


def write_stream(cleaned: Iterable[Cleaned], out: IO[str], options: ExportOptions) -> None:
    """Write a single-file format to an open stream (the command line's standard output)."""
    if options.format in ("txt", "parquet"):
        raise ExportError(f"a {options.format} export needs a destination {'folder' if options.format == 'txt' else 'file'}")
    WRITERS[options.format](without_failed(cleaned), out, options, removal_rule_ids())


def without_failed(cleaned: Iterable[Cleaned]) -> Iterator[Cleaned]:
    """Fail closed: a document a rule failed on is never written (its problem says so), not even uncleaned."""
    return (item for item in cleaned if not item.failed)


def _refuse_inputs(dest: Path, protected: Iterable[str | Path]) -> None:
    """An export never overwrites an input file, never replaces an input folder, and never replaces a file
    inside an input folder unless that file is an earlier Winnow export."""
    target = dest.resolve()
    for item in protected:
        path = Path(item).resolve()
        if target == path:
            raise ExportError(f"{dest} is one of the inputs; an export never overwrites an input")
        if path.is_dir() and path.is_relative_to(target):
            raise ExportError(f"{dest} would replace the input folder {item}; choose another destination")
        if path.is_relative_to(target):  # a TXT folder export replaces the whole folder, inputs in it too
            raise ExportError(f"{dest} holds the input {item}; an export never overwrites an input")
        if path.is_dir() and target.is_relative_to(path) and target.is_file() and not _is_winnow_export(target):
            raise ExportError(f"{dest} is a file inside the input folder {item}; an export never overwrites an input")


def _is_winnow_export(path: Path) -> bool:
    if is_marked_export(path):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.startswith((b'{"id": ', b"id,source,record", b"<doc ", b"PAR1"))


def _write_jsonl(items: Iterable[Cleaned], out: IO[str], options: ExportOptions, rule_ids: list[str]) -> None:
    for item in items:
        out.write(jsonl_line(item, options, rule_ids))


def jsonl_line(item: Cleaned, options: ExportOptions, rule_ids: list[str]) -> str:
    """One document's line of a JSONL export (also rendered by worker processes: see `rendered_export`)."""
    return json.dumps(to_record(item, options.metadata_fields, rule_ids, options.rejected), ensure_ascii=False) + "\n"


@contextlib.contextmanager
def rendered_export(destination: str | Path, options: ExportOptions, protected: Iterable[str | Path] = ()) -> Iterator[IO[str]]:
    """A JSONL export whose lines were rendered elsewhere (`jsonl_line`, in worker processes) and are written
    to the handle yielded: refused, written atomically and marked exactly as `export_corpus` does."""
    dest = Path(destination)
    _refuse_inputs(dest, protected)
    if dest.is_dir():
        raise ExportError(f"{dest} is a folder; a {options.format} export is one file: give a file name")
    mark = functools.partial(write_file_marker, fmt=options.format)
    try:
        with atomic_file(dest, newline="\n", after=mark) as handle:
            yield handle
    except FileExistsError as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(f"cannot write {dest}: {exc.strerror or exc}") from None


def _write_csv(items: Iterable[Cleaned], out: IO[str], options: ExportOptions, rule_ids: list[str]) -> None:
    writer: Any = None  # a csv writer, made with the first record's header
    for item in items:
        record = to_record(item, options.metadata_fields, rule_ids, options.rejected)
        record["removed"] = json.dumps(record["removed"], ensure_ascii=False)
        if writer is None:
            writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(list(record))
        writer.writerow([_csv_cell(v, options.csv_formula_safe) for v in record.values()])
    if writer is None:  # an empty corpus still gets its header
        extra = (*CORPUS_FIELDS, *(REJECTED_FIELDS if options.rejected else ()))
        header = ["id", "source", "record", *options.metadata_fields, *extra, "text", "lines_kept", "lines_removed", "removed"]
        csv.writer(out, lineterminator="\r\n").writerow(header)


def _csv_cell(value: object, formula_safe: bool) -> str:
    text = "" if value is None else str(value)
    if formula_safe and text.startswith(FORMULA_START):
        return "'" + text
    return text


def _write_txt_single(items: Iterable[Cleaned], out: IO[str], options: ExportOptions, rule_ids: list[str]) -> None:
    """One file, each document between <doc …> and </doc> lines (the WikiExtractor convention).

    A text line that would itself look like a separator is prefixed with a backslash, so splitting on
    separator lines is always exact.
    """
    for item in items:
        record = to_record(item, options.metadata_fields, rule_ids, options.rejected)
        attrs = " ".join(f'{k}="{_attribute(record[k])}"' for k in ("id", "source", *options.metadata_fields) if record.get(k))
        out.write(f"<doc {attrs}>\n")
        for line in item.text.split("\n"):
            if line.startswith(("<doc ", "</doc>", "\\")):
                line = "\\" + line
            out.write(line + "\n")
        out.write("</doc>\n")


def _attribute(value: object) -> str:
    """An attribute value that keeps the <doc …> header on one line, whatever newlines it holds."""
    return escape(str(value), quote=True).translate(LINE_BREAK_ENTITIES)


LINE_BREAK_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in "\n\r\u2028\u2029"}  # html.unescape restores these


def _write_txt_folder(items: Iterable[Cleaned], folder: Path) -> int:
    """One .txt per document, mirroring the source paths; names never collide (case-insensitively)."""
    names = _NameAllocator()
    written = 0
    for item in items:
        candidate = names.allocate(txt_name(item.document.source, item.document.record))
        path = folder.joinpath(*candidate.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        text = item.text
        path.write_text(text + "\n" if text else "", encoding="utf-8", errors="replace", newline="\n")
        written += 1
    return written


class _NameAllocator:
    """Hands out relative paths that clash neither with each other (ignoring case, as Windows and macOS do)
    nor as file against folder (`a.txt` from a file `a`, and `a.txt/b.txt` from a folder `a.txt`)."""

    def __init__(self) -> None:
        self.files: set[str] = set()
        self.folders: set[str] = set()

    def allocate(self, relative: str) -> str:
        parts = relative.split("/")
        for i in range(len(parts) - 1):  # a folder may not take the name of a file already written
            base, n = parts[i], 1
            while "/".join(parts[: i + 1]).casefold() in self.files:
                n += 1
                parts[i] = f"{base}-{n}"
        stem, n = parts[-1].removesuffix(".txt"), 1
        while (key := "/".join(parts).casefold()) in self.files or key in self.folders:
            n += 1
            parts[-1] = f"{stem}-{n}.txt"
        for i in range(1, len(parts)):
            self.folders.add("/".join(parts[:i]).casefold())
        candidate = "/".join(parts)
        self.files.add(candidate.casefold())
        return candidate


NAME_BYTES = 200  # file systems allow 255 bytes (or UTF-16 units) per name; room is left for "-2" and ".txt"
UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"\\|?*]')  # not allowed in Windows names, or control characters
RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def txt_name(source: str, record: int | None) -> str:
    """`seeds/a.html` -> `seeds/a.txt`; record 3 of `x/feed.jsonl` -> `x/feed-00003.txt`.

    Never escapes the folder, and every name is valid on Linux, macOS and Windows (so an export can be
    copied anywhere): unsafe characters become `_`, device names such as `CON` get a `_`, long names are cut.
    """
    parts = [p for p in PurePosixPath(source).parts if p not in ("", ".", "..", "/")]
    parts = [_portable(p) for p in parts] or ["document"]
    name = parts[-1].removesuffix(".gz")
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    suffix = f"-{record:05d}.txt" if record is not None else ".txt"
    parts[-1] = (_cut(stem, NAME_BYTES - len(suffix)) or "document") + suffix
    return "/".join(parts)


def _portable(part: str) -> str:
    part = _cut(UNSAFE_CHARS.sub("_", part), NAME_BYTES).rstrip(" .") or "_"
    if part.split(".", 1)[0].casefold().rstrip() in RESERVED_NAMES:
        part = "_" + part
    return part


def _cut(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` UTF-8 bytes, never inside a character."""
    data = text.encode("utf-8", "replace")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore")


WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "txt-single": _write_txt_single}
