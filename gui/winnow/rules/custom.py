"""Family 8, the user's own rules: phrase lists, regular expressions and keep-exceptions from the recipe.

Phrases are matched by one Aho–Corasick automaton per list. Regular expressions are compiled under the
guard of `winnow.text.regex` and searched with the `regex` module's timeout: a pattern stopped after
`regex_timeout_ms` on a line is reported and not tried again on that document, and one that is stopped
too often or spends its time budget over the whole run is switched off for the rest of the run
(`RegexBudget`, shared by all documents of one Cleaner).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import ahocorasick

from winnow.core.model import Family, Problem, Removal
from winnow.core.settings import CustomRules
from winnow.rules.base import OUTSIDE_MAIN, Context, Rule
from winnow.text.regex import RegexBudget, compile_user_regex, pattern_error

__all__ = ["regex_error", "PhraseMatcher", "RegexBudget", "KeepExceptions", "CUSTOM_DROP_RULES", "MANUAL_DROP", "SelectorRemoval", "selector_counts"]


def regex_error(pattern: str) -> str | None:
    """Why `pattern` is not a usable regular expression, or None when it is (see winnow.text.regex)."""
    return pattern_error(pattern)


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class CompiledRegex:
    def __init__(self, pattern: str):
        self.pattern = pattern
        self.compiled = compile_user_regex(pattern)


class PhraseMatcher:
    """Finds which of many phrases a line contains with one Aho–Corasick automaton: a line costs the same
    for 10,000 phrases as for 10. Phrases and lines are compared folded (case and spacing ignored)."""

    def __init__(self, phrases: Iterable[str]):
        self.phrases: list[str] = []
        self.automaton = ahocorasick.Automaton()
        for phrase in dict.fromkeys(phrases):
            folded = fold(phrase)
            if folded and not self.automaton.exists(folded):
                self.automaton.add_word(folded, len(self.phrases))
                self.phrases.append(phrase)
        if self.phrases:
            self.automaton.make_automaton()

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def first(self, line: str) -> str | None:
        """The earliest-listed phrase that `line` contains, or None."""
        if not self.phrases:
            return None
        best = min((index for _, index in self.automaton.iter(fold(line))), default=None)
        return None if best is None else self.phrases[best]


def usable_patterns(patterns: Iterable[str]) -> list[CompiledRegex]:
    return [CompiledRegex(p) for p in patterns if regex_error(p) is None]


class _CustomRule(Rule):
    family = Family.CUSTOM

    def __init__(self, custom: CustomRules, budget: RegexBudget | None = None):
        super().__init__()
        self.custom = custom
        self.budget = budget if budget is not None else RegexBudget()


class DropContaining(_CustomRule):
    id = "custom.drop-containing"
    name = "Your phrases (containing)"
    description = "Drops every line that contains one of your phrases (case-insensitive)."

    def __init__(self, custom: CustomRules, budget: RegexBudget | None = None):
        super().__init__(custom, budget)
        self.matcher = PhraseMatcher(custom.drop_containing)

    def apply(self, ctx: Context) -> None:
        if not self.matcher:
            return
        for i in ctx.live():
            phrase = self.matcher.first(ctx.lines[i])
            if phrase is not None:
                ctx.drop(i, self, f"contains your phrase “{phrase}”")


class DropEqual(_CustomRule):
    id = "custom.drop-equal"
    name = "Your lines (exact)"
    description = "Drops every line equal to one of yours (case-insensitive, spacing ignored)."

    def apply(self, ctx: Context) -> None:
        wanted = {fold(p): p for p in self.custom.drop_equal if p.strip()}
        if not wanted:
            return
        for i in ctx.live():
            hit = wanted.get(fold(ctx.lines[i]))
            if hit is not None:
                ctx.drop(i, self, f"is your line “{hit}”")


class DropRegex(_CustomRule):
    id = "custom.drop-regex"
    name = "Your regular expressions"
    description = "Drops every line in which one of your regular expressions finds a match."

    def __init__(self, custom: CustomRules, budget: RegexBudget | None = None):
        super().__init__(custom, budget)
        self.patterns = usable_patterns(custom.drop_regex)

    def apply(self, ctx: Context) -> None:
        if not self.patterns:
            return
        search = PatternSearch(self.patterns, self.budget, self.custom.regex_timeout_ms, ctx)
        for i in list(ctx.live()):
            hit = search.first(i)
            if hit is not None:
                ctx.drop(i, self, f"matches your regular expression /{hit}/")


class PatternSearch:
    """The patterns still active on one document: one stopped by the timeout is dropped for the document
    (with a warning), one the run's budget switched off is skipped silently (the run reports it once)."""

    def __init__(self, patterns: list[CompiledRegex], budget: RegexBudget, timeout_ms: int, ctx: Context):
        self.active = [p for p in patterns if budget.active(p.pattern)]
        self.budget = budget
        self.timeout_ms = timeout_ms
        self.ctx = ctx

    def first(self, i: int) -> str | None:
        """The first pattern that finds something in line i, or None."""
        for pattern in list(self.active):
            hit = self.budget.search(pattern.compiled, pattern.pattern, self.ctx.lines[i], self.timeout_ms / 1000)
            if hit is None:
                self.active.remove(pattern)
                if self.budget.active(pattern.pattern):
                    self.ctx.problems.append(timeout_problem(self.ctx, pattern.pattern, i, self.timeout_ms))
                continue
            if hit:
                return pattern.pattern
        return None


@dataclass(frozen=True, slots=True)
class SelectorRemoval(Removal):
    """A line removed by one of the user's CSS selectors, which it names (for counts per selector)."""

    selector: str = ""


class DropSelected(_CustomRule):
    id = "custom.selectors"
    name = "Your CSS selectors"
    description = "HTML pages: drops the lines of the elements your CSS selectors match."
    # which of a page's lines the selectors match (readers.html.selected_lines): given by the pipeline, which
    # owns the readers, so that the rules do not import them (the readers import the exporters, which list the rules)
    selected_lines: Callable[[str, list[str], tuple[str, ...]], dict[int, str]] | None = None

    def apply(self, ctx: Context) -> None:
        doc = ctx.document
        if not self.custom.selectors or not doc.is_html or not doc.content or self.selected_lines is None:
            return
        for i, selector in self.selected_lines(doc.content, ctx.original or ctx.lines, self.custom.selectors).items():
            # the user's selector takes the credit from extraction too: its count says what it matched
            if ctx.removals[i] is None or ctx.removals[i] is OUTSIDE_MAIN:
                reason = f"inside an element your CSS selector “{selector}” matches"
                ctx.removals[i] = SelectorRemoval(self.id, self.family, reason, selector)
                ctx.dropped.append(i)


def selector_counts(removals) -> dict[str, int]:
    """Lines removed per CSS selector, from the removals of one or many documents."""
    counts: dict[str, int] = {}
    for removal in removals:
        if isinstance(removal, SelectorRemoval):
            counts[removal.selector] = counts.get(removal.selector, 0) + 1
    return counts


def timeout_problem(ctx: Context, pattern: str, index: int, ms: int) -> Problem:
    return Problem(
        ctx.document.source,
        f"your regular expression /{pattern}/ took longer than {ms} ms on line {index + 1}; it was stopped and skipped for the rest of this document",
        ctx.document.record,
        fatal=False,
    )


KEEP_PHRASE = "custom.keep-containing"
KEEP_REGEX = "custom.keep-regex"


class KeepExceptions:
    """Lines the user always keeps: applied after every rule, they undo any drop (including extraction's)."""

    id = "custom.keep"

    def __init__(self, custom: CustomRules, budget: RegexBudget | None = None):
        self.custom = custom
        self.budget = budget if budget is not None else RegexBudget()
        self.phrases = PhraseMatcher(custom.keep_containing)
        self.patterns = usable_patterns(custom.keep_regex)

    def __bool__(self) -> bool:
        return bool(self.phrases or self.patterns)

    def apply(self, ctx: Context, kept_by: dict[int, str]) -> None:
        search = PatternSearch(self.patterns, self.budget, self.custom.regex_timeout_ms, ctx)
        for i, removal in enumerate(ctx.removals):
            if removal is None:
                continue
            if self.phrases.first(ctx.lines[i]) is not None:
                ctx.removals[i] = None
                kept_by[i] = KEEP_PHRASE
            elif search.active and search.first(i) is not None:
                ctx.removals[i] = None
                kept_by[i] = KEEP_REGEX


MANUAL_DROP = Removal("manual", Family.MANUAL, "removed by hand")

CUSTOM_DROP_RULES: tuple[type[_CustomRule], ...] = (DropSelected, DropEqual, DropContaining, DropRegex)
