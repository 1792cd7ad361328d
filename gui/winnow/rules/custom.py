"""Family 8, the user's own rules: phrase lists, regular expressions and keep-exceptions from the recipe.

A user's regex runs with the `regex` module's timeout, so a catastrophic pattern stops after
`regex_timeout_ms` on a line, is reported, and is not tried again on that document.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
import regex

from winnow.core.model import Family, Problem, Removal
from winnow.core.settings import CustomRules
from winnow.readers.html import selected_lines
from winnow.rules.base import OUTSIDE_MAIN, Context, Rule
from winnow.text.regex import pattern_error


def regex_error(pattern: str) -> str | None:
    """Why `pattern` is not a usable regular expression, or None when it is (see winnow.text.regex)."""
    return pattern_error(pattern)


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class PhraseAutomaton:
    """The user's phrases in one Aho-Corasick automaton: a line is searched once for all of them, however many
    there are ("Remove lines like this everywhere" adds one per click). `first(line)` is the first phrase in
    the list's order that the folded line contains, as a loop over the list would find it."""

    def __init__(self, phrases: tuple[str, ...]):
        self.automaton = ahocorasick.Automaton()
        for order, phrase in enumerate(p for p in dict.fromkeys(phrases) if p.strip()):
            folded = fold(phrase)
            if folded not in self.automaton:  # the same phrase twice: the first keeps the credit
                self.automaton.add_word(folded, (order, phrase))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def __bool__(self) -> bool:
        return not self.empty

    def first(self, folded_line: str) -> str | None:
        found = min((value for _, value in self.automaton.iter(folded_line)), default=None)
        return found[1] if found else None


class CompiledRegex:
    def __init__(self, pattern: str):
        self.pattern = pattern
        self.compiled = regex.compile(pattern)


class _CustomRule(Rule):
    family = Family.CUSTOM

    def __init__(self, custom: CustomRules):
        super().__init__()
        self.custom = custom


class DropContaining(_CustomRule):
    id = "custom.drop-containing"
    name = "Your phrases (containing)"
    description = "Drops every line that contains one of your phrases (case-insensitive)."

    def __init__(self, custom: CustomRules):
        super().__init__(custom)
        self.phrases = PhraseAutomaton(custom.drop_containing)

    def apply(self, ctx: Context) -> None:
        if not self.phrases:
            return
        for i in ctx.live():
            phrase = self.phrases.first(fold(ctx.lines[i]))
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

    def __init__(self, custom: CustomRules):
        super().__init__(custom)
        self.patterns = [CompiledRegex(p) for p in custom.drop_regex if regex_error(p) is None]

    def apply(self, ctx: Context) -> None:
        if not self.patterns:
            return
        timeout = self.custom.regex_timeout_ms / 1000
        active = list(self.patterns)
        for i in list(ctx.live()):
            for pattern in list(active):
                try:
                    hit = pattern.compiled.search(ctx.lines[i], timeout=timeout)
                except TimeoutError:
                    active.remove(pattern)
                    ctx.problems.append(timeout_problem(ctx, pattern.pattern, i, self.custom.regex_timeout_ms))
                    continue
                if hit:
                    ctx.drop(i, self, f"matches your regular expression /{pattern.pattern}/")
                    break


@dataclass(frozen=True, slots=True)
class SelectorRemoval(Removal):
    """A line removed by one of the user's CSS selectors, which it names (for counts per selector)."""

    selector: str = ""


class DropSelected(_CustomRule):
    id = "custom.selectors"
    name = "Your CSS selectors"
    description = "HTML pages: drops the lines of the elements your CSS selectors match."

    def apply(self, ctx: Context) -> None:
        doc = ctx.document
        if not self.custom.selectors or not doc.is_html or not doc.content:
            return
        for i, selector in selected_lines(doc.content, ctx.original or ctx.lines, self.custom.selectors).items():
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
        f"your regular expression /{pattern}/ took longer than {ms} ms on line {index + 1}; "
        "it was stopped and skipped for the rest of this document",
        ctx.document.record,
        fatal=False,
    )


KEEP_PHRASE = "custom.keep-containing"
KEEP_REGEX = "custom.keep-regex"


class KeepExceptions:
    """Lines the user always keeps: applied after every rule, they undo any drop (including extraction's)."""

    def __init__(self, custom: CustomRules):
        self.custom = custom
        self.phrases = PhraseAutomaton(custom.keep_containing)
        self.patterns = [CompiledRegex(p) for p in custom.keep_regex if regex_error(p) is None]

    def __bool__(self) -> bool:
        return bool(self.phrases or self.patterns)

    def apply(self, ctx: Context, kept_by: dict[int, str]) -> None:
        timeout = self.custom.regex_timeout_ms / 1000
        active = list(self.patterns)
        for i, removal in enumerate(ctx.removals):
            if removal is None:
                continue
            line = fold(ctx.lines[i])
            if self.phrases and self.phrases.first(line) is not None:
                ctx.removals[i] = None
                kept_by[i] = KEEP_PHRASE
                continue
            for pattern in list(active):
                try:
                    hit = pattern.compiled.search(ctx.lines[i], timeout=timeout)
                except TimeoutError:
                    active.remove(pattern)
                    ctx.problems.append(timeout_problem(ctx, pattern.pattern, i, self.custom.regex_timeout_ms))
                    continue
                if hit:
                    ctx.removals[i] = None
                    kept_by[i] = KEEP_REGEX
                    break


MANUAL_DROP = Removal("manual", Family.MANUAL, "removed by hand")

CUSTOM_DROP_RULES: tuple[type[_CustomRule], ...] = (DropSelected, DropEqual, DropContaining, DropRegex)
