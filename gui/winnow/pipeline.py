"""The cleaner: runs a recipe's rules over a document and returns a decision, with its reason, for every line.

The command line and the window both clean through `Cleaner`, so a window export equals a
command-line export with the same recipe.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

from winnow.core.model import Cleaned, Document, Problem
from winnow.recipe import Recipe
from winnow.rules import BUILTIN_RULES, CUSTOM_DROP_RULES
from winnow.rules.base import Context, Rule
from winnow.rules.custom import MANUAL_DROP, KeepExceptions, RegexBudget, regex_error

log = logging.getLogger(__name__)


def recipe_problems(recipe: Recipe) -> list[str]:
    """What is wrong in a recipe's custom rules (invalid patterns are reported and not applied)."""
    problems = []
    for kind, patterns in (("removal", recipe.custom.drop_regex), ("keep", recipe.custom.keep_regex)):
        for pattern in patterns:
            error = regex_error(pattern)
            if error:
                problems.append(f"{kind} regular expression /{pattern}/ is not used: {error}")
    for selector in recipe.custom.selectors:
        error = selector_error(selector)
        if error:
            problems.append(f"CSS selector “{selector}” is not used: {error}")
    return problems


def selector_error(selector: str) -> str | None:
    import soupsieve

    try:
        soupsieve.compile(selector)
    except Exception as exc:  # soupsieve raises SelectorSyntaxError and others
        return str(exc).splitlines()[0]
    return None


@dataclass
class Cleaner:
    """A recipe made ready to run: rules built and patterns compiled once, then `clean` per document."""

    recipe: Recipe
    regex_budget: RegexBudget = field(default_factory=RegexBudget)  # one per run: time each user regex spent
    rules: list[Rule] = field(init=False)

    def __post_init__(self) -> None:
        custom = self.recipe.custom
        # the user's drops first: they get the credit
        self.rules = [cls(custom, self.regex_budget) for cls in CUSTOM_DROP_RULES]
        for cls in BUILTIN_RULES:
            if self.recipe.enabled(cls.id):
                self.rules.append(cls(**self.recipe.setting(cls.id).values))
        self.keep = KeepExceptions(custom, self.regex_budget)
        self.selectors = tuple(s for s in custom.selectors if selector_error(s) is None)
        self.problems = recipe_problems(self.recipe)

    def page_lines(self, doc: Document) -> tuple[list[str], frozenset[int], dict[str, str]]:
        """The lines to judge: the document's own, or, for HTML with selector rules, a re-extraction."""
        if doc.is_html and self.selectors:
            page = _extract_with_selectors(doc.id, doc.content, self.selectors)
            return page.lines, page.outside_main, {**doc.metadata, **page.metadata}
        return doc.lines, doc.outside_main, doc.metadata

    def clean(self, doc: Document) -> Cleaned:
        try:
            lines, outside, metadata = self.page_lines(doc)
        except Exception as exc:  # the selectors' re-extraction is a rule too: fail closed
            problem = rule_failure(doc, "custom.selectors", exc)
            return Cleaned(doc, [None] * len(doc.lines), list(doc.lines), dict(doc.metadata), problems=[problem],
                           failed=True)
        ctx = Context.for_lines(doc, lines, outside)
        ctx.metadata = dict(metadata)
        kept_by: dict[int, str] = {}
        for rule in self.rules:
            try:
                rule.apply(ctx)
            except Exception as exc:  # MemoryError included: fail closed, never export the document half-cleaned
                return self._failed(doc, ctx, kept_by, lines, rule.id, exc)
        if self.keep:
            try:
                self.keep.apply(ctx, kept_by)
            except Exception as exc:
                return self._failed(doc, ctx, kept_by, lines, self.keep.id, exc)
        self._apply_overrides(doc, ctx, kept_by)
        return Cleaned(doc, ctx.removals, ctx.lines, ctx.metadata, kept_by, outside, ctx.problems, original=lines)

    def _failed(self, doc: Document, ctx: Context, kept_by: dict[int, str], lines: list[str], rule_id: str,
                exc: Exception) -> Cleaned:
        log.warning("rule %s failed on %s: %s", rule_id, doc.source, _describe(exc))
        ctx.problems.append(rule_failure(doc, rule_id, exc))
        return Cleaned(doc, ctx.removals, ctx.lines, ctx.metadata, kept_by, ctx.outside_main, ctx.problems,
                       original=lines, failed=True)

    def run_problems(self) -> list[str]:
        """What went wrong over the run as a whole: user regexes switched off for spending their budget."""
        return [f"your regular expression /{pattern}/ {why}" for pattern, why in self.regex_budget.disabled.items()]

    def _apply_overrides(self, doc: Document, ctx: Context, kept_by: dict[int, str]) -> None:
        for line_no, override in self.recipe.overrides_for(doc.id).items():
            i = line_no - 1
            if not 0 <= i < len(ctx.original) or ctx.original[i] != override.text:
                ctx.problems.append(
                    Problem(doc.source, f"hand override of line {line_no} no longer matches the document; ignored", doc.record, fatal=False)
                )
                continue
            if override.action == "drop":
                ctx.removals[i] = MANUAL_DROP
                kept_by.pop(i, None)
            else:
                ctx.removals[i] = None
                kept_by[i] = "manual"

    def clean_all(self, docs: Iterable[Document]) -> Iterator[Cleaned]:
        for doc in docs:
            yield self.clean(doc)


def rule_failure(doc: Document, rule_id: str, exc: BaseException) -> Problem:
    return Problem(doc.source, f"rule {rule_id} failed ({_describe(exc)}); the document was not exported", doc.record)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@lru_cache(maxsize=64)
def _extract_with_selectors(doc_id: str, html: str, selectors: tuple[str, ...]):
    from winnow.readers.html import extract_page

    return extract_page(html, selectors)


@dataclass
class CorpusCounts:
    """Lines removed per rule over a corpus, for the closing summary and the window's rule panel."""

    documents: int = 0
    lines_kept: int = 0
    lines_removed: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    empty_documents: int = 0

    def add(self, cleaned: Cleaned) -> None:
        self.documents += 1
        self.lines_kept += cleaned.lines_kept
        self.lines_removed += cleaned.lines_removed
        self.by_rule.update(cleaned.removed_counts)
        if cleaned.lines_kept == 0:
            self.empty_documents += 1
