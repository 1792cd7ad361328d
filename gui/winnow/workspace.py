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
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from winnow.core.model import Cleaned, Document, Family, Problem
from winnow.pipeline import Cleaner
from winnow.recipe import CustomRules, Override, Recipe, default_recipe, dumps
from winnow.rules import Param, document_rules, line_rules, rule_class


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

    @classmethod
    def of(cls, cleaned: Cleaned, generation: int) -> DocStats:
        meta = cleaned.metadata
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
        )

    @property
    def empty(self) -> bool:
        return self.lines_kept == 0

    @property
    def kept_share(self) -> float:
        """Kept lines out of all non-blank lines judged (1.0 for a document with nothing to judge)."""
        judged = self.lines_kept + self.lines_removed
        return self.lines_kept / judged if judged else 1.0


def host_of(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    stats: list[DocStats] = field(default_factory=list)
    removed_by_rule: Counter[str] = field(default_factory=Counter)
    kept_by_rule: Counter[str] = field(default_factory=Counter)
    lines_kept: int = 0
    lines_removed: int = 0
    empty_documents: int = 0

    def __len__(self) -> int:
        return len(self.documents)

    def append(self, document: Document, stats: DocStats) -> None:
        self.documents.append(document)
        self.stats.append(stats)
        self._count(stats, +1)

    def set_stats(self, index: int, stats: DocStats) -> None:
        self._count(self.stats[index], -1)
        self.stats[index] = stats
        self._count(stats, +1)

    def truncate(self, length: int) -> None:
        """Forget every document from `length` on (a cancelled import takes its documents back)."""
        for stats in self.stats[length:]:
            self._count(stats, -1)
        del self.documents[length:]
        del self.stats[length:]

    def clear(self) -> None:
        self.truncate(0)

    def stale(self, generation: int) -> list[int]:
        """Indices of documents whose figures belong to another recipe generation."""
        return [i for i, s in enumerate(self.stats) if s.generation != generation]

    def _count(self, stats: DocStats, sign: int) -> None:
        self.lines_kept += sign * stats.lines_kept
        self.lines_removed += sign * stats.lines_removed
        self.empty_documents += sign * stats.empty
        for key, n in stats.by_rule.items():
            self.removed_by_rule[key] += sign * n
        for key, n in stats.kept_by.items():
            self.kept_by_rule[key] += sign * n


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
        by_rules = Cleaner(new).clean(doc)
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
            new = self.decide(doc, Cleaner(new).clean(doc), rows, "keep", base=new)
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
NARROW_STEPS = 12  # bisection steps for a number


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
