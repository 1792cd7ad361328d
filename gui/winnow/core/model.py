"""The engine's data: a document as read, a removal with its reason, a cleaned document, a problem."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from winnow.core.formats import METADATA_FIELDS as FIELDS_IN_EXPORT_ORDER

if TYPE_CHECKING:  # for the annotation only: the data model imports no stage
    from winnow.stages.analyse import Analysis


class _Registered(type):
    """Family("ads") is the registered family with that id, and iterating over the Family class gives every
    registered family, built-ins first (as they would for an Enum; a family is made with all four fields)."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if len(args) == 1 and not kwargs:
            try:
                return FAMILIES[args[0]]
            except KeyError:
                raise ValueError(f"no rule family {args[0]!r} is registered") from None
        return super().__call__(*args, **kwargs)

    def __iter__(cls) -> Iterator[Family]:
        return iter(list(FAMILIES.values()))

    def __len__(cls) -> int:
        return len(FAMILIES)


@dataclass(frozen=True)
class Family(metaclass=_Registered):
    """What kind of junk a rule removes: the window tints and labels removals by family.

    A family is data: an id (stored in exports and recipes), a short label, a colour and a description.
    The built-in ones are below; a rule plugin declares its own in its RulePack (see docs/rules.md).
    """

    id: str
    label: str
    colour: str  # "#rrggbb", the hue the window tints removed lines with
    description: str

    ADS: ClassVar[Family]
    COOKIES: ClassVar[Family]
    HEADLINES: ClassVar[Family]
    PROMPTS: ClassVar[Family]
    FURNITURE: ClassVar[Family]
    REPEATS: ClassVar[Family]
    CONTACT: ClassVar[Family]
    BOILERPLATE: ClassVar[Family]
    TEMPLATE: ClassVar[Family]
    DUPLICATE: ClassVar[Family]
    LANGUAGE: ClassVar[Family]
    QUALITY: ClassVar[Family]
    CUSTOM: ClassVar[Family]
    MANUAL: ClassVar[Family]
    OUTSIDE: ClassVar[Family]

    @property
    def value(self) -> str:
        return self.id

    @staticmethod
    def by_id(family_id: str) -> Family:
        """The family registered under `family_id` (built-in or from a plugin); KeyError when none is."""
        return FAMILIES[family_id]

    def register(self) -> Family:
        """Make the family known by its id (a plugin's families are registered when its rules load)."""
        known = FAMILIES.setdefault(self.id, self)
        if known != self:
            raise ValueError(f"rule family {self.id!r} is already registered with other data")
        return known


FAMILIES: dict[str, Family] = {}

# The metadata fields of a document, in the order exports write them (defined in core.formats, which the
# command line reads before the engine loads): readers fill them from the file, the analyse stage completes
# them (winnow.stages.analyse.DocumentFacts), exports and `winnow explain` show them.
METADATA_FIELDS = FIELDS_IN_EXPORT_ORDER


class FamilyField(Mapping[Family, str]):
    """One field of every registered family, as a mapping (FAMILY_LABELS[family] -> "Ad")."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getitem__(self, family: Family) -> str:
        return str(getattr(family, self.name))

    def __iter__(self) -> Iterator[Family]:
        return iter(list(FAMILIES.values()))

    def __len__(self) -> int:
        return len(FAMILIES)


FAMILY_LABELS = FamilyField("label")

# the built-in families, in the order the window lists them
for _name, _family in (
    ("ADS", Family("ads", "Ad", "#e8590c", "advertisement markers")),
    ("COOKIES", Family("cookies", "Cookie", "#b08800", "cookie and consent banners")),
    ("HEADLINES", Family("headlines", "Headline", "#1c7ed6", "headlines of other articles")),
    ("PROMPTS", Family("prompts", "Prompt", "#ae3ec9", "share, follow and newsletter prompts")),
    ("FURNITURE", Family("furniture", "Furniture", "#0ca678", "page furniture: bylines, counters, navigation")),
    ("REPEATS", Family("repeats", "Repeat", "#f08c00", "lines repeated within the document")),
    ("CONTACT", Family("contact", "Contact", "#d6336c", "contact details")),
    ("BOILERPLATE", Family("boilerplate", "Boilerplate", "#5c7cfa", "site boilerplate")),
    ("TEMPLATE", Family("template", "Site template", "#7950f2", "lines most pages of the same site carry")),
    ("DUPLICATE", Family("duplicate", "Duplicate", "#495057", "copies of another document")),
    ("LANGUAGE", Family("language", "Language", "#1098ad", "documents in a language not asked for")),
    ("QUALITY", Family("quality", "Quality", "#a61e4d", "documents that are not prose")),
    ("CUSTOM", Family("custom", "Custom", "#2f9e44", "your own phrases and patterns")),
    ("MANUAL", Family("manual", "Manual", "#e03131", "removed by hand")),
    ("OUTSIDE", Family("outside", "Outside main", "#868e96", "page text outside the main content (HTML)")),
):
    setattr(Family, _name, _family.register())


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


@dataclass(frozen=True)
class Verdict:
    """A document's place among copies of one story: the `cluster` it shares with them and, when it is a
    copy left out of the corpus, the copy kept instead (its `dropped` reason is on the Cleaned)."""

    cluster: str | None = None
    duplicate_of: str | None = None  # source of the copy kept instead
    duplicate_of_id: str | None = None


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
    analysis: Analysis | None = None  # what the analyse stage found (title, date, language, the body's words …)
    dropped: Removal | None = None  # a document rule's decision to leave the whole document out, with its reason
    failed: bool = False  # a rule raised: the decisions are incomplete, so the document is never exported
    verdict: Verdict = Verdict()  # its cluster of copies, set by the corpus stage (winnow.corpus)

    @property
    def in_corpus(self) -> bool:
        return self.dropped is None

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


@dataclass
class CorpusCounts:
    """Lines removed per rule over a corpus: the one aggregator of per-rule counts (the command line's closing
    summary, an export's summary)."""

    documents: int = 0
    lines_kept: int = 0
    lines_removed: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    empty_documents: int = 0
    left_out: Counter[str] = field(default_factory=Counter)  # documents a document rule left out, per rule

    def add(self, cleaned: Cleaned) -> None:
        self.documents += 1
        self.lines_kept += cleaned.lines_kept
        self.lines_removed += cleaned.lines_removed
        self.by_rule.update(cleaned.removed_counts)
        if cleaned.lines_kept == 0:
            self.empty_documents += 1

    def merge(self, other: CorpusCounts) -> None:
        """Add the counts of another part of the corpus (a worker's, a cluster part's)."""
        self.documents += other.documents
        self.lines_kept += other.lines_kept
        self.lines_removed += other.lines_removed
        self.by_rule.update(other.by_rule)
        self.empty_documents += other.empty_documents
        self.left_out.update(other.left_out)
