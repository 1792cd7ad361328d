"""The state a Winnow session works on, without any Qt: the imported corpus, the recipe being edited and
its generation, whether it has unsaved changes, and what a hand decision writes into the recipe.

Documents are kept in import order, which is the order an export writes them, whatever the table's
sort order. Only figures are kept per document (DocStats); the selected document is re-cleaned on demand,
so ten thousand documents cost little memory.

The window (winnow.app) shows a Workspace and turns the user's gestures into calls on it; every decision
about what a gesture changes lives here, so it is tested without a window, and another front end (or a
script) can drive the same session.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

import numpy as np

from winnow.core.model import Cleaned, Document, Family, Problem
from winnow.corpus.near_duplicates import DedupResult, DuplicateVerdict, Signature, signature
from winnow.corpus.run import CorpusCleaner
from winnow.corpus.templates import PageLines, TemplateCounts, _site_key, line_key, page_lines
from winnow.pipeline import Cleaner
from winnow.recipe import CustomRules, Override, Recipe, default_recipe, dumps
from winnow.rules import Param, document_rules, line_rules, rule_class
from winnow.rules.documents import NearDuplicates
from winnow.rules.templates import SiteTemplates

KEPT, LEFT_OUT, DUPLICATE = "kept", "left out", "duplicate"  # a document's place in the corpus
NO_MINHASH = 2**62  # min_words for a signature made without its MinHash


@dataclass(frozen=True, slots=True)
class DocStats:
    """What cleaning a document with one recipe gave: the table's figures and the rule panel's counts."""

    lines_kept: int
    lines_removed: int
    words_kept: int
    by_rule: dict[str, int]  # rule id -> lines it removed
    kept_by: dict[str, int]  # keep-exception id ("manual" for hand decisions) -> lines it saved
    warnings: int  # non-fatal problems while cleaning (a slow regex, a stale hand override …)
    generation: int  # the recipe generation these figures belong to
    title: str = ""
    site: str = ""  # the site's name, else the host of its URL
    language: str = ""
    left_out_by: str = ""  # the document rule that leaves the document out of the corpus ("" when it stays)
    left_out_reason: str = ""
    signature: Signature | None = field(default=None, compare=False, repr=False)  # for the near-duplicates, when on
    page: PageKeys | None = field(default=None, compare=False, repr=False)  # its lines, as the site-template counts hold them
    judged: bool = True  # False: cleaned without the document rules and signature (the preview's; see stats_of)

    @classmethod
    def of(cls, cleaned: Cleaned, generation: int, signature: Signature | None = None, page: PageKeys | None = None) -> DocStats:
        meta = cleaned.metadata
        dropped = cleaned.dropped
        return cls(
            cleaned.lines_kept,
            cleaned.lines_removed,
            cleaned.words_kept,
            dict(cleaned.removed_counts),
            dict(Counter(cleaned.kept_by.values())),
            len(cleaned.problems) + len(cleaned.document.warnings),
            generation,
            " ".join(meta.get("title", "").split()),
            meta.get("sitename") or host_of(meta.get("url", "")),
            meta.get("language", ""),
            dropped.rule_id if dropped is not None else "",
            dropped.reason if dropped is not None else "",
            signature,
            page,
        )

    @property
    def empty(self) -> bool:
        return self.lines_kept == 0

    @property
    def kept_share(self) -> float:
        """Kept lines out of all non-blank lines judged (1.0 for a document with nothing to judge)."""
        judged = self.lines_kept + self.lines_removed
        return self.lines_kept / judged if judged else 1.0


@dataclass(frozen=True, slots=True)
class PageKeys:
    """A page's distinct normalised lines as the site-template counts count them (`PageLines`), held compactly
    (8 bytes a line): made once per document, in the worker that reads it, since hashing every line of a
    page costs about as much as cleaning it; the counts are updated from it as documents come and go."""

    site: str
    digest: bytes
    lines: np.ndarray  # uint64 line hashes

    @classmethod
    def of(cls, doc: Document) -> PageKeys:
        page = page_lines(doc)
        return cls(page.site, page.digest, np.fromiter(page.lines, dtype=np.uint64, count=len(page.lines)))

    def page(self) -> PageLines:
        return PageLines(self.site, self.digest, frozenset(self.lines.tolist()))


def corpus_stats(corpus: CorpusCleaner, cleaned: Cleaned, generation: int, page: PageKeys | None = None) -> DocStats:
    """A document's figures as the corpus stages need them: with its signature when the near-duplicates are on
    and the document rules keep it (the window's workers and the preview both call this). The signature is
    made without its MinHash (`near_duplicates.with_minhash` adds it where the duplicates are judged): a
    worker that only reads and cleans need not load datasketch and scipy (seconds, per process)."""
    if corpus.dedup is None or not cleaned.in_corpus or cleaned.failed:
        return DocStats.of(cleaned, generation, None, page)
    doc = cleaned.document
    settings = replace(corpus.dedup, min_words=NO_MINHASH)
    lean = signature(doc.id, doc.source, doc.record, cleaned.text, settings, cleaned.metadata.get("date"))
    return DocStats.of(cleaned, generation, lean, page)


def templates_for(counts: TemplateCounts, pages: Iterable[PageKeys]) -> TemplateCounts:
    """The part of `counts` that judging the `pages` reads: their sites' page totals and their lines' counts
    (what a worker needs for a chunk, instead of the whole corpus's counts)."""
    part = TemplateCounts()
    for page in pages:
        part.pages[page.site] = counts.pages.get(page.site, 0)
        site_bits = _site_key(page.site, 0)  # (a line's key is its hash xor these bits)
        for line in page.lines.tolist():
            key = line ^ site_bits
            if key in counts.lines:
                part.lines[key] = counts.lines[key]
            if line in counts.sites_with:
                part.sites_with[line] = counts.sites_with[line]
    return part


def host_of(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


@dataclass
class Corpus:
    """The imported documents with their figures, and the corpus-level analyses: the site-template counts
    (kept up to date as documents come and go) and the near-duplicate clusters (judged once every
    document's figures are current, `set_duplicates`)."""

    documents: list[Document] = field(default_factory=list)
    stats: list[DocStats] = field(default_factory=list)
    removed_by_rule: Counter[str] = field(default_factory=Counter)
    kept_by_rule: Counter[str] = field(default_factory=Counter)
    left_out_by_rule: Counter[str] = field(default_factory=Counter)  # documents each document rule leaves out
    lines_kept: int = 0
    lines_removed: int = 0
    empty_documents: int = 0
    languages: Counter[str] = field(default_factory=Counter)  # documents per language (the list's filter offers them)
    with_site: int = 0  # documents with a site (the list shows its Site column then)
    templates: TemplateCounts = field(default_factory=TemplateCounts)
    duplicates: DedupResult = field(default_factory=DedupResult)
    duplicates_version: int = -1  # the `version` the duplicates were judged on
    version: int = 0  # bumped by every change that can change the duplicates
    changed_sites: set[str] = field(default_factory=set)  # sites whose template counts changed since asked
    _index: dict[str, int] = field(default_factory=dict, repr=False)  # document id -> index
    # kept per change, so that no gesture walks every document on the window's thread:
    _site_rows: dict[str, list[int]] = field(default_factory=dict, repr=False)  # site -> indices of its documents
    _judged_at: Counter[int] = field(default_factory=Counter, repr=False)  # recipe generation -> documents judged with it
    _to_recount: set[int] = field(default_factory=set, repr=False)  # indices whose site's template lines changed

    def __len__(self) -> int:
        return len(self.documents)

    def append(self, document: Document, stats: DocStats) -> None:
        self.documents.append(document)
        if stats.page is None:  # made in memory (a test, a script): the workers make it for every file read
            stats = replace(stats, page=PageKeys.of(document))
        assert stats.page is not None
        self.templates.add_page(stats.page.page())
        self.changed_sites.add(stats.page.site)
        self._site_rows.setdefault(stats.page.site, []).append(len(self.stats))
        self.stats.append(stats)
        self._count(stats, +1)
        self.version += 1

    def set_stats(self, index: int, stats: DocStats) -> None:
        old = self.stats[index]
        self._count(old, -1)
        counted_again = stats.judged and index in self._to_recount  # a recount's figures, with the new template lines
        if counted_again:
            self._to_recount.discard(index)
        if stats.page is None:  # a recount's figures: the page's lines are the same as before
            stats = replace(stats, page=old.page)
        if not stats.judged and old.generation == stats.generation:  # the preview's figures of the same clean
            stats = replace(stats, signature=old.signature, left_out_by=old.left_out_by, left_out_reason=old.left_out_reason, judged=old.judged)
        self.stats[index] = stats
        self._count(stats, +1)
        verdict_changed = (old.signature is None) != (stats.signature is None) or old.left_out_by != stats.left_out_by
        if verdict_changed or old.generation != stats.generation or not stats.judged or counted_again:
            self.version += 1

    def truncate(self, length: int) -> None:
        """Forget every document from `length` on (a cancelled import takes its documents back)."""
        for stats in self.stats[length:]:
            self._count(stats, -1)
        if length == 0:
            self.templates = TemplateCounts()
            self._site_rows.clear()
            self._to_recount.clear()
        else:
            for stats in reversed(self.stats[length:]):
                assert stats.page is not None
                self.templates.remove_page(stats.page.page())
                self.changed_sites.add(stats.page.site)
                self._site_rows[stats.page.site].pop()  # the site's last document is this one
            self._to_recount = {i for i in self._to_recount if i < length}
        del self.documents[length:]
        del self.stats[length:]
        self.version += 1

    # ---- the corpus stages' view of the documents
    def take_template_changes(self) -> set[str]:
        """The sites that gained or lost pages since the last call: their documents' site-template lines may
        have changed, so their figures may have to be counted again (`rows_of`, `recount`)."""
        sites, self.changed_sites = self.changed_sites, set()
        return sites

    def rows_of(self, site: str) -> list[int]:
        """Indices of the documents of `site`, ascending (the sites' row lists are kept as documents come and go)."""
        return self._site_rows.get(site, [])

    def recount(self, indices: Iterable[int]) -> None:
        """Mark documents whose figures must be counted again although they belong to the current recipe."""
        self._to_recount.update(indices)

    def to_recount(self) -> set[int]:
        return self._to_recount

    def signatures(self) -> list[Signature]:
        """The near-duplicate signatures of every document the document rules keep."""
        return [s.signature for s in self.stats if s.signature is not None]

    def set_duplicates(self, result: DedupResult, version: int) -> None:
        self.duplicates = result
        self.duplicates_version = version

    @property
    def duplicates_current(self) -> bool:
        return self.duplicates_version == self.version

    def duplicate_verdict(self, index: int) -> DuplicateVerdict | None:
        """Why the document at `index` is a copy left out (None when it is not)."""
        return self.duplicates.dropped.get(self.documents[index].id)

    def left_out(self) -> Counter[str]:
        """Documents left out of the corpus per rule: the document rules and the near-duplicates."""
        counts = +self.left_out_by_rule
        if self.duplicates.dropped:
            counts[NearDuplicates.id] = len(self.duplicates.dropped)
        return counts

    def status(self, index: int) -> tuple[str, str, int | None]:
        """(status, what to show, the kept copy's index for a duplicate) of the document at `index`."""
        return self.status_of(self.documents[index], self.stats[index])

    def status_of(self, doc: Document, stats: DocStats) -> tuple[str, str, int | None]:
        """“duplicate”, “copy of 001_….txt”, the kept copy's index; “left out”, the rule's reason; or “kept”."""
        verdict = self.duplicates.dropped.get(doc.id)
        if verdict is not None:
            name = verdict.kept_source.rsplit("/", 1)[-1]
            return DUPLICATE, f"copy of {name}", self.index_of(verdict.kept)
        if stats.left_out_by:
            return LEFT_OUT, f"left out: {stats.left_out_reason}", None
        return KEPT, "kept", None

    def pages_sharing(self, index: int, line: str) -> list[str]:
        """The other pages of the document's site that carry `line` (a site-template line's tooltip names
        them): a vectorised scan of the pages' line hashes, never of their text."""
        key = line_key(line)
        page = self.stats[index].page
        if key is None or page is None:
            return []
        wanted = np.uint64(key[0])
        found = [
            i
            for i, stats in enumerate(self.stats)
            if i != index and stats.page is not None and stats.page.site == page.site and bool((stats.page.lines == wanted).any())
        ]
        return sorted(_label(self.documents[i]) for i in found)

    def index_of(self, doc_id: str) -> int | None:
        if len(self._index) != len(self.documents):  # documents are only appended or cut off at the end
            self._index = {doc.id: i for i, doc in enumerate(self.documents)}
        return self._index.get(doc_id)

    def clear(self) -> None:
        self.truncate(0)

    def stale(self, generation: int) -> list[int]:
        """Indices of documents whose figures belong to another recipe generation, or lack the document rules'
        verdict (the preview's), or were marked to be counted again (`recount`)."""
        return stale_indices(self.stats, generation, self._to_recount)

    def has_stale(self, generation: int) -> bool:
        """Whether `stale` would find any document: without walking them (the window asks after every change)."""
        return bool(self._to_recount) or self._judged_at[generation] != len(self.stats)

    def stale_at_most(self, generation: int) -> int:
        """An upper bound of how many documents `stale` finds, without walking them."""
        return min(len(self.stats), len(self.stats) - self._judged_at[generation] + len(self._to_recount))

    def _count(self, stats: DocStats, sign: int) -> None:
        self.lines_kept += sign * stats.lines_kept
        self.lines_removed += sign * stats.lines_removed
        self.empty_documents += sign * stats.empty
        if stats.judged:
            self._judged_at[stats.generation] += sign
        # kept here, per document added or replaced, so the window never scans every document per batch
        if stats.language:
            self.languages[stats.language] += sign
        self.with_site += sign * bool(stats.site)
        if stats.left_out_by:
            self.left_out_by_rule[stats.left_out_by] += sign
        for key, n in stats.by_rule.items():
            self.removed_by_rule[key] += sign * n
        for key, n in stats.kept_by.items():
            self.kept_by_rule[key] += sign * n


def stale_indices(stats: list[DocStats], generation: int, to_recount: Collection[int]) -> list[int]:
    """Indices of the figures that belong to another recipe generation, lack the document rules' verdict, or
    are in `to_recount` (a function of the lists, so that a worker thread runs it on copies of them)."""
    return [i for i, s in enumerate(stats) if s.generation != generation or not s.judged or i in to_recount]


def _label(doc: Document) -> str:
    """A page as a person finds it: its file, and its record in a scraper's file."""
    return doc.source if doc.record is None else f"{doc.source} #{doc.record}"


class AlreadyThere(ValueError):
    """An entry the user asked to add is in the list already."""


@dataclass(frozen=True)
class RemovedDocuments:
    """What “Remove all documents” took away, so that it can be brought back without reading a file."""

    roots: list[str]
    documents: list[Document]
    stats: list[DocStats]
    problems: list[Problem]


# ---- rules by name, from the registry (built-in and plugin rules alike)
def rule_name(rule_id: str) -> str:
    try:
        return rule_class(rule_id).name
    except KeyError:
        return rule_id


def param_label(rule_id: str, name: str) -> str:
    try:
        return next((p.label for p in rule_class(rule_id).params if p.name == name), name)
    except KeyError:
        return name


def family_of(rule_id: str) -> Family:
    return rule_class(rule_id).family


def filterable_rules() -> list[tuple[str, str]]:
    """(name, id) of every line and document rule, in running order: what the document list filters by."""
    return [(cls.name, cls.id) for cls in (*line_rules(), *document_rules())]


def also_removed_by(before: Cleaned | None, after: Cleaned | None, rule_ids: set[str]) -> Counter[str]:
    """Lines `rule_ids` removed in `before` that other rules still remove in `after` (the same document
    cleaned once the rules were switched off): family label (or "by hand") -> lines."""
    others: Counter[str] = Counter()
    if before is None or after is None or before.document is not after.document or len(before.removals) != len(after.removals):
        return others
    for old, new in zip(before.removals, after.removals):
        if old is not None and old.rule_id in rule_ids and new is not None:
            others["by hand" if new.family is Family.MANUAL else new.family.label] += 1
    return others


def line_text(cleaned: Cleaned | None, row: int | None) -> str | None:
    """The original text of a non-blank line, whitespace tidied (what a “remove lines like this” rule holds)."""
    if cleaned is None or row is None or not 0 <= row < len(cleaned.lines) or not cleaned.lines[row].strip():
        return None
    original = cleaned.original if cleaned.original is not None else cleaned.lines
    return " ".join(original[row].split())


def fields_named_in(message: str) -> list[str]:
    """The field names a reader listed in a “has no text field … its fields: a, b, c” problem."""
    found = re.search(r"its fields: ([^)]*)\)", message)
    if not found or found.group(1) == "none":
        return []
    return [name.strip() for name in found.group(1).removesuffix(" …").split(",") if name.strip()]


@dataclass
class Workspace:
    corpus: Corpus = field(default_factory=Corpus)
    roots: list[str] = field(default_factory=list)  # imported paths, in the order they were added (the export order)
    recipe: Recipe = field(default_factory=default_recipe)
    recipe_path: Path | None = None
    generation: int = 0  # bumped by every recipe change: figures of an older generation are stale
    saved_text: str = ""  # the recipe as last opened or saved, to tell unsaved changes
    _line_cleaner: tuple[Recipe, TemplateCounts, Cleaner] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.saved_text:
            self.saved_text = dumps(self.recipe)

    # ---- the recipe and its unsaved state
    @property
    def modified(self) -> bool:
        return dumps(self.recipe) != self.saved_text

    @property
    def recipe_name(self) -> str:
        return self.recipe_path.name if self.recipe_path else "Untitled recipe"

    def set_recipe(self, recipe: Recipe) -> int:
        """Make `recipe` current; returns the new generation."""
        self.recipe = recipe
        self.generation += 1
        return self.generation

    def replace_recipe(self, recipe: Recipe, path: Path | None) -> None:
        """A recipe opened, or started afresh: it counts as saved."""
        self.recipe_path = path
        self.saved_text = dumps(recipe)
        self.set_recipe(recipe)

    def mark_saved(self, path: Path) -> None:
        self.recipe_path = path.resolve()
        self.saved_text = dumps(self.recipe)

    def stale(self) -> list[int]:
        """Indices of documents whose figures belong to an older recipe."""
        return self.corpus.stale(self.generation)

    def has_stale(self) -> bool:
        return self.corpus.has_stale(self.generation)

    # ---- the corpus stages, live
    def line_cleaner(self, recipe: Recipe | None = None) -> Cleaner:
        """The preview's cleaner: the line rules with the site templates from the current counts, as a corpus
        run judges them; the document rules (milliseconds a document, and no line of their own) are left to
        the recount in the workers."""
        recipe = self.recipe if recipe is None else recipe
        cached = self._line_cleaner
        if cached is None or cached[0] is not recipe or cached[1] is not self.corpus.templates:
            cleaner = CorpusCleaner(recipe, templates=self.corpus.templates).cleaner
            cleaner.document_rules = []
            cached = (recipe, self.corpus.templates, cleaner)
            if recipe is self.recipe:
                self._line_cleaner = cached
        return cached[2]

    def stats_of(self, cleaned: Cleaned) -> DocStats:
        """The figures of a document the preview cleaned (`line_cleaner`): without the document rules' verdict
        and the signature, which the recount's figures bring (`Corpus.set_stats` keeps them for the same
        recipe). Shingling would load datasketch, and scipy with it, on the window's thread."""
        return replace(DocStats.of(cleaned, self.generation), judged=False)

    def templates_changed(self) -> list[int]:
        """After documents were added or removed: when the site templates are on, the documents of the sites
        whose counts changed are marked for a recount (their template lines may differ now); their indices."""
        sites = self.corpus.take_template_changes()
        if not self.recipe.enabled(SiteTemplates.id):
            return []
        # a site too small to be judged has no template lines, unless it had some before it lost pages
        smallest = self.recipe.value(SiteTemplates.id, "min_pages")
        pages = self.corpus.templates.pages
        stats = self.corpus.stats
        changed: list[int] = []
        for site in sites:
            rows = self.corpus.rows_of(site)
            changed.extend(rows if pages.get(site, 0) >= smallest else [i for i in rows if stats[i].by_rule.get(SiteTemplates.id)])
        self.corpus.recount(changed)
        return sorted(changed)

    # ---- imported paths
    def fresh_paths(self, paths: list[str], queued: list[list[str]]) -> list[str]:
        """`paths` made absolute, without those imported already, queued for import, or repeated."""
        waiting = {p for batch in queued for p in batch}
        fresh: list[str] = []
        for path in paths:
            absolute = os.path.abspath(os.path.expanduser(str(path)))
            if absolute not in self.roots and absolute not in waiting and absolute not in fresh:
                fresh.append(absolute)
        return fresh

    def forget_roots(self, paths: Collection[str]) -> None:
        self.roots = [r for r in self.roots if r not in paths]

    def file_of_problem(self, problem: Problem) -> str | None:
        """The absolute path of the file a problem names (problems carry the source label, as shown)."""
        for root in self.roots:
            path = Path(root)
            if path.is_file() and path.name == problem.source:
                return root
            if path.is_dir():
                candidate = path.parent / problem.source
                if candidate.is_file():
                    return str(candidate)
        return None

    def take_all(self, problems: list[Problem]) -> RemovedDocuments:
        """Forget every document (and root); what was taken is returned, to bring it back."""
        removed = RemovedDocuments(list(self.roots), list(self.corpus.documents), list(self.corpus.stats), list(problems))
        self.roots.clear()
        return removed

    # ---- hand decisions
    def edited_documents(self) -> frozenset[str]:
        return frozenset(o.doc for o in self.recipe.overrides)

    def hand_overrides(self, doc: Document) -> dict[int, str]:
        """0-based line -> "keep"/"drop" decided by hand in `doc`."""
        return {o.line - 1: o.action for o in self.recipe.overrides_for(doc.id).values()}

    def decide(self, doc: Document, cleaned: Cleaned, rows: list[int], action: str, base: Recipe | None = None) -> Recipe:
        """The recipe after keeping (action "keep") or removing ("drop") lines of `doc` by hand.

        A decision that agrees with what the rules do anyway is not recorded, and one that undoes an
        earlier hand decision just removes it: the recipe holds only the decisions that matter."""
        rows = self.decidable(cleaned, rows)
        new = self.recipe if base is None else base
        for row in rows:
            new = new.without_override(doc.id, row + 1)
        by_rules = self.line_cleaner(new).clean(doc)  # with the site templates, as the preview shows them
        original = cleaned.original if cleaned.original is not None else cleaned.lines
        for row in rows:
            if (by_rules.removals[row] is None) != (action == "keep"):
                new = new.with_override(Override(doc.id, row + 1, original[row], action, doc.source))
        return new

    @staticmethod
    def decidable(cleaned: Cleaned, rows: list[int]) -> list[int]:
        """The rows a hand decision can apply to: existing, non-blank lines."""
        return [r for r in rows if 0 <= r < len(cleaned.lines) and cleaned.lines[r].strip()]

    @staticmethod
    def toggle_action(cleaned: Cleaned, rows: list[int]) -> str:
        """Space on a selection: remove it when every line is kept, else keep it all."""
        return "drop" if all(cleaned.removals[r] is None for r in rows) else "keep"

    def keep_everywhere(self, chosen: list[tuple[int, int]]) -> Recipe:
        """The recipe after keeping by hand the chosen (document index, row) lines of several documents."""
        by_document: dict[int, list[int]] = {}
        for doc_index, row in chosen:
            by_document.setdefault(doc_index, []).append(row)
        new = self.recipe
        for doc_index, rows in by_document.items():
            doc = self.corpus.documents[doc_index]
            new = self.decide(doc, self.line_cleaner(new).clean(doc), rows, "keep", base=new)
        return new

    def without_decisions(self, doc: Document, lines: list[int] | None = None) -> Recipe:
        """The recipe without the hand decisions on `lines` (1-based) of `doc`, or on all of its lines."""
        new = self.recipe
        for line in self.recipe.overrides_for(doc.id) if lines is None else lines:
            new = new.without_override(doc.id, line)
        return new

    # ---- the user's own lists
    def with_entry(self, field_name: str, entry: str) -> Recipe:
        """The recipe with `entry` (whitespace tidied) added to one of the user's lists."""
        if field_name not in CustomRules.FIELDS:
            raise KeyError(field_name)
        entry = " ".join(entry.split())
        current = getattr(self.recipe.custom, field_name)
        if entry in current:
            raise AlreadyThere(entry)
        return self.recipe.with_custom(field_name, current + (entry,)) if entry else self.recipe


# ---- narrowing a rule so that it spares chosen lines (from the corpus-wide list of its removals)
NARROW_DOCUMENTS = 8  # documents tried per narrowing: a handful of chosen lines says what the user means


@dataclass(frozen=True)
class Narrowing:
    """One way to make a rule spare some lines: the menu's words, the recipe after it, the history entry."""

    label: str
    recipe: Recipe
    history: str


def narrowings(recipe: Recipe, rule_id: str, chosen: list[tuple[Document, list[int]]]) -> list[Narrowing]:
    """Recipe edits after which `rule_id` no longer removes the chosen lines (rows of each document), tried
    on those documents: an entry of the user's list that matched taken out, a parameter moved just as far as
    needed, a sub-check switched off, or the lines' text made a keep-exception."""
    chosen = [(doc, rows) for doc, rows in chosen if rows][:NARROW_DOCUMENTS]
    if not chosen:
        return []

    def spares(candidate: Recipe) -> bool:
        for doc, rows in chosen:
            removals = Cleaner(candidate).clean(doc).removals
            if any(row < len(removals) and removals[row] is not None and removals[row].rule_id == rule_id for row in rows):  # type: ignore[union-attr]
                return False
        return True

    if spares(recipe):  # the rule does not remove these lines: there is nothing to narrow
        return []
    found: list[Narrowing] = []
    field_name = CUSTOM_LIST_OF.get(rule_id)
    if field_name:
        entries: tuple[str, ...] = getattr(recipe.custom, field_name)
        for entry in entries:
            fewer = recipe.with_custom(field_name, tuple(e for e in entries if e != entry))
            if spares(fewer):
                word, form = LIST_WORDS[field_name]
                history = describe_list_change(field_name, entries, getattr(fewer.custom, field_name))
                found.append(Narrowing(f"Take out the {word.lower()} {form.format(short(entry))}", fewer, history))
    else:
        try:
            params = rule_class(rule_id).params
        except KeyError:
            params = ()
        for param in params:
            edit = _narrowed_value(recipe, rule_id, param, spares)
            if edit is not None:
                old, new = recipe.value(rule_id, param.name), edit.value(rule_id, param.name)
                change = describe_value_change(param.label, old, new)
                found.append(Narrowing(change, edit, f"{rule_name(rule_id)}: {change}"))
    texts = list(dict.fromkeys(text for doc, rows in chosen for row in rows if (text := line_text_of(doc, row))))
    if texts and len(texts) <= 3:
        keep = recipe.with_custom("keep_containing", recipe.custom.keep_containing + tuple(t for t in texts if t not in recipe.custom.keep_containing))
        if keep != recipe:
            label = "Always keep lines containing " + ", ".join(f"“{short(t)}”" for t in texts)
            found.append(Narrowing(label, keep, describe_list_change("keep_containing", recipe.custom.keep_containing, keep.custom.keep_containing)))
    return found


CUSTOM_LIST_OF = {"custom.drop-containing": "drop_containing", "custom.drop-equal": "drop_equal", "custom.drop-regex": "drop_regex"}


def line_text_of(doc: Document, row: int) -> str:
    return " ".join(doc.lines[row].split()) if 0 <= row < len(doc.lines) else ""


def _narrowed_value(recipe: Recipe, rule_id: str, param: Param, spares: Callable[[Recipe], bool]) -> Recipe | None:
    """The recipe with `param` moved the least distance from its value that spares the lines, if any does."""
    current = recipe.value(rule_id, param.name)
    if param.kind is bool:
        flipped = recipe.with_value(rule_id, param.name, not current)
        return flipped if spares(flipped) else None
    if param.kind not in (int, float) or param.choices:
        return None
    best: tuple[float, Recipe] | None = None
    for bound in (param.minimum, param.maximum):
        if bound is None or bound == current:
            continue
        tick = 1.0 if param.kind is int else float(param.step or abs(bound - current) / 100)
        ticks = math.ceil(abs(bound - current) / tick)

        def at(k: int, bound: float = bound, tick: float = tick, ticks: int = ticks) -> Recipe:
            value = bound if k >= ticks else current + math.copysign(k * tick, bound - current)
            return recipe.with_value(rule_id, param.name, param.kind(round(value, 6)))

        if not spares(at(ticks)):
            continue
        near, far = 0, ticks  # bisect in ticks: `near` does not spare the lines, `far` does
        while far - near > 1:
            middle = (near + far) // 2
            near, far = (near, middle) if spares(at(middle)) else (middle, far)
        if best is None or far * tick < best[0]:
            best = (far * tick, at(far))
    return None if best is None else best[1]


# ---- history entries, in the user's words
LIST_WORDS = {  # a recipe list -> (what one entry is called, how it is shown)
    "drop_containing": ("Phrase", "“{}”"),
    "drop_equal": ("Line", "“{}”"),
    "drop_regex": ("Regex", "/{}/"),
    "selectors": ("Selector", "{}"),
    "keep_containing": ("Keep phrase", "“{}”"),
    "keep_regex": ("Keep regex", "/{}/"),
}


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_value(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (tuple, list)):
        return ", ".join(map(str, value)) or "(none)"
    return str(value)


def describe_value_change(label: str, old: object, new: object) -> str:
    """“Longest related-article run: 40 → 2”."""
    return f"{label}: {shown_value(old)} → {shown_value(new)}"


def describe_list_change(field_name: str, old: tuple[str, ...], new: tuple[str, ...]) -> str:
    """“Regex /^Photo: .*$/ added”, “Phrase “Read more” removed”, or a count when several changed."""
    word, form = LIST_WORDS.get(field_name, ("Entry", "“{}”"))
    added = [e for e in new if e not in old]
    removed = [e for e in old if e not in new]
    if len(added) == 1 and not removed:
        return f"{word} {form.format(short(added[0]))} added"
    if len(removed) == 1 and not added:
        return f"{word} {form.format(short(removed[0]))} removed"
    if len(added) == 1 and len(removed) == 1:
        return f"{word} {form.format(short(removed[0]))} → {form.format(short(added[0]))}"
    parts = [f"{len(added)} added" if added else "", f"{len(removed)} removed" if removed else ""]
    return f"{word}s: " + ", ".join(p for p in parts if p) if added or removed else f"{word}s reordered"
