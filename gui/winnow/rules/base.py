"""What every cleaning rule is: a small class with an id, a name, typed parameters and a reason for each drop.

Rules run in order over a `Context`; each may drop lines that are still kept (the first reason wins).
Rules only decide: what a document is (title, date, author, language, its words) comes from the analyse
stage as `ctx.analysis`, which no rule writes to. Keep-exceptions and manual overrides are applied after
all rules by the cleaner, so rules never need to know about them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator

from winnow.core.model import Document, Family, Problem, Removal
from winnow.kernel import drop_lines, kept_lines
from winnow.stages.analyse import Analysis
from winnow.text.lexicon import Lexicons


@dataclass(frozen=True)
class Param:
    """A typed, bounded rule parameter; the window draws a control from it, the recipe stores its value."""

    name: str
    label: str
    default: Any
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()  # a text parameter limited to these values

    @property
    def kind(self) -> type:
        return type(self.default)

    def coerce(self, value: Any) -> Any:
        """Return `value` as this parameter's type, or raise ValueError saying what is wrong."""
        kind = self.kind
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError(f"{self.name} must be true or false, not {value!r}")
            return value
        if kind in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{self.name} must be a number, not {value!r}")
            if not math.isfinite(value):
                raise ValueError(f"{self.name} must be a finite number, not {value!r}")
            if kind is int and isinstance(value, float) and not value.is_integer():
                raise ValueError(f"{self.name} must be a whole number, not {value!r}")
            value = kind(value)
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.name} must be at least {self.minimum}, not {value}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.name} must be at most {self.maximum}, not {value}")
            return value
        if kind is str:
            if not isinstance(value, str):
                raise ValueError(f"{self.name} must be text, not {value!r}")
            if self.choices and value not in self.choices:
                raise ValueError(f"{self.name} must be one of {', '.join(self.choices)}, not {value!r}")
            return value
        if kind in (list, tuple):
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{self.name} must be a list of texts")
            return tuple(value)
        raise TypeError(f"unsupported parameter type {kind}")


class Rule:
    """Base class of every cleaning step. Subclasses set the class attributes and implement `apply`."""

    id: ClassVar[str]
    family: ClassVar[Family]
    name: ClassVar[str]
    description: ClassVar[str]
    params: ClassVar[tuple[Param, ...]] = ()
    enabled_by_default: ClassVar[bool] = True  # a plugin's rule may wait until a recipe switches it on

    def __init__(self, **values: Any) -> None:
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise ValueError(f"rule {self.id} has no parameter {', '.join(sorted(unknown))}")
        self.values = {p.name: p.coerce(values.get(p.name, p.default)) for p in self.params}

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def apply(self, ctx: Context) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.values})"


@dataclass
class BodyStems:
    """The content stems of the live body lines (`lines`); `seen` counts the drops already taken off. At first only their
    set (`union`, no count: what most pages ever ask); from the first drop of a body line after it was made, how many
    live body lines hold each stem (`counts`, kept up to date), and then `union` is None."""

    lines: set[int]
    counts: Counter[str] | None
    seen: int = 0
    union: set[str] | None = None


@dataclass
class Context:
    """A document being cleaned: its lines, its analysis (read-only for rules) and the removals so far."""

    document: Document
    lines: list[str]
    removals: list[Removal | None]
    analysis: Analysis
    outside_main: frozenset[int] = frozenset()
    problems: list[Problem] = field(default_factory=list)
    original: list[str] = field(default_factory=list)  # the lines as read; `lines` may be rewritten (masking)
    dropped: list[int] = field(default_factory=list)  # the lines rules dropped, in the order they did
    # the body's content stems, kept up to date as rules drop body lines (see rules.shared.body_stems)
    body_stems: BodyStems | None = None
    rewritten: set[int] = field(default_factory=set)  # the lines `rewrite` changed: the analysis knows their text as read
    _live: tuple[int, list[int]] | None = field(default=None, init=False, repr=False, compare=False)  # (live_lines, with len(dropped) then)

    @classmethod
    def for_lines(cls, document: Document, lines: list[str], analysis: Analysis, outside_main: frozenset[int] = frozenset()) -> Context:
        removals: list[Removal | None] = [None] * len(lines)
        for i in outside_main:
            removals[i] = OUTSIDE_MAIN
        return cls(document, list(lines), removals, analysis, outside_main, original=lines)

    @property
    def lexicons(self) -> Lexicons:
        """The run's word lists (read once by whoever built the pipeline): `ctx.lexicons.get("ads")`."""
        return self.analysis.lexicons

    def live(self) -> Iterator[int]:
        """Indices of non-blank lines nobody has removed yet."""
        for i, (line, removal) in enumerate(zip(self.lines, self.removals)):
            if removal is None and line.strip():
                yield i

    def live_lines(self) -> list[int]:
        """As `live`, as a list, from the lines the analysis knows are non-blank (faster: picked in C by the kernel). The
        same list until a line is dropped (rules drop through `drop`, `drop_all` or at least note the line in `dropped`):
        shared, not to be changed. The later rules ask for it several times a page with nothing dropped between."""
        known, dropped = self._live, len(self.dropped)
        if known is not None and known[0] == dropped:
            return known[1]
        live = kept_lines(self.analysis.nonblank, self.removals)
        self._live = (dropped, live)
        return live

    def is_live(self, i: int) -> bool:
        # (not blank: what bool(line.strip()) says, without the stripped copy)
        return self.removals[i] is None and (line := self.lines[i]) != "" and not line.isspace()

    def rewrite(self, i: int, text: str) -> None:
        """Change a kept line's text (e.g. mask an e-mail address); the original stays in `original`."""
        self.lines[i] = text
        self.rewritten.add(i)

    def drop(self, i: int, rule: Rule, reason: str) -> None:
        """Remove line i for `reason`, unless an earlier rule already did (its reason stands)."""
        if self.removals[i] is None:
            found = _REMOVALS.get((rule.id, reason))  # (_removal's look-up, without its call: rules drop lines one by one)
            if found is None or found.family is not rule.family:
                found = _removal(rule, reason)
            self.removals[i] = found
            self.dropped.append(i)

    def drop_all(self, lines: Iterable[int], rule: Rule, reason: str) -> None:
        """`drop` of each of `lines` for one reason, its Removal found once (the main-text detector drops hundreds a page)."""
        drop_lines(lines, self.removals, _removal(rule, reason), self.dropped)  # (a loop in C)


# every Removal made in this process, by rule id and reason: a Removal is immutable, so the lines one rule drops for one
# reason share it, on every page (most reasons are a rule's few fixed texts: made once a run, not once a page)
_REMOVALS: dict[tuple[str, str], Removal] = {}
REMOVALS_KEPT = 20_000  # more (reasons naming a line or a phrase of the page): start again


def _removal(rule: Rule, reason: str) -> Removal:
    """The one Removal of `rule` for `reason`. Found by rule id and reason, its family compared by identity: a family (a
    dataclass) hashes in Python, slowly."""
    found = _REMOVALS.get((rule.id, reason))
    if found is None or found.family is not rule.family:
        if len(_REMOVALS) >= REMOVALS_KEPT:
            _REMOVALS.clear()
        found = _REMOVALS[(rule.id, reason)] = Removal(rule.id, rule.family, reason)
    return found


OUTSIDE_MAIN = Removal("html.outside-main", Family.OUTSIDE, "outside the main content (left out by extraction)")
