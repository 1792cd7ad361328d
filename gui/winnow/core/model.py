"""The engine's data: a document as read, a removal with its reason, a cleaned document, a problem."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum


class Family(str, Enum):
    """What kind of junk a rule removes; the window tints and labels removals by family."""

    ADS = "ads"
    COOKIES = "cookies"
    HEADLINES = "headlines"
    PROMPTS = "prompts"
    FURNITURE = "furniture"
    REPEATS = "repeats"
    CONTACT = "contact"
    BOILERPLATE = "boilerplate"
    CUSTOM = "custom"
    MANUAL = "manual"
    OUTSIDE = "outside"

    @property
    def label(self) -> str:
        return FAMILY_LABELS[self]


FAMILY_LABELS = {
    Family.ADS: "Ad",
    Family.COOKIES: "Cookie",
    Family.HEADLINES: "Headline",
    Family.PROMPTS: "Prompt",
    Family.FURNITURE: "Furniture",
    Family.REPEATS: "Repeat",
    Family.CONTACT: "Contact",
    Family.BOILERPLATE: "Boilerplate",
    Family.CUSTOM: "Custom",
    Family.MANUAL: "Manual",
    Family.OUTSIDE: "Outside main",
}


def document_id(source: str, record: int | None = None) -> str:
    """Deterministic id: the same source path (and record number) always gives the same id."""
    key = source if record is None else f"{source}#{record}"
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # never fails on odd names


@dataclass(frozen=True)
class Problem:
    """A file (or one record of it) that could not be imported, or a rule that failed on a document."""

    source: str  # the path as the user knows it (relative to the root given, or as given)
    message: str
    record: int | None = None
    fatal: bool = True  # False: a warning, the document was still imported

    def __str__(self) -> str:
        where = self.source if self.record is None else f"{self.source} (record {self.record})"
        return f"{where}: {self.message}"


@dataclass
class Document:
    """One imported document. `content` is the original, untouched; `lines` is what the rules judge.

    For HTML, `lines` is the whole page's text: the main content (as found by trafilatura) plus the
    page text that extraction left out, whose indices are in `outside_main`.
    """

    source: str  # path relative to the root it was imported from, posix separators; ends with the file name
    format: str  # "text", "html" (record documents get the kind of their text field)
    content: str
    lines: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    path: str = ""  # absolute path of the file it came from ("" when made in memory)
    record: int | None = None  # record number within a JSON/JSONL/CSV file, from 0
    encoding: str | None = None
    outside_main: frozenset[int] = frozenset()
    warnings: tuple[str, ...] = ()
    id: str = ""
    extractor: str = ""  # HTML: the main-content extractor its lines came from ("" when not HTML)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.source, self.record)

    @property
    def is_html(self) -> bool:
        return self.format == "html"

    @property
    def name(self) -> str:
        base = self.source.rsplit("/", 1)[-1]
        return base if self.record is None else f"{base} #{self.record}"


@dataclass(frozen=True, slots=True)
class Removal:
    """Why a line was removed: which rule, its family, and a reason a person can read."""

    rule_id: str
    family: Family
    reason: str


@dataclass
class Cleaned:
    """A document after cleaning: a decision for every line, the clean text and the metadata found."""

    document: Document
    removals: list[Removal | None]  # parallel to document lines (or `lines` below); None = kept
    lines: list[str]  # the lines judged (the document's, or a re-extraction with the recipe's selectors)
    metadata: dict[str, str]
    kept_by: dict[int, str] = field(default_factory=dict)  # line index -> id of the keep-exception that saved it
    outside_main: frozenset[int] = frozenset()
    problems: list[Problem] = field(default_factory=list)
    original: list[str] | None = None  # the lines before any rewriting (masking); None = same as `lines`

    @property
    def text(self) -> str:
        """Kept lines in order; blank lines keep paragraphs apart but never pile up or frame the text."""
        out: list[str] = []
        for line, removal in zip(self.lines, self.removals):
            if removal is not None:
                continue
            if not line.strip():
                if out and out[-1] != "":
                    out.append("")
                continue
            out.append(line)
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out)

    @property
    def removed_counts(self) -> Counter[str]:
        return Counter(r.rule_id for r in self.removals if r is not None)

    @property
    def lines_kept(self) -> int:
        return sum(1 for line, r in zip(self.lines, self.removals) if r is None and line.strip())

    @property
    def lines_removed(self) -> int:
        return sum(1 for r in self.removals if r is not None)

    @property
    def words_kept(self) -> int:
        return sum(len(line.split()) for line, r in zip(self.lines, self.removals) if r is None)
