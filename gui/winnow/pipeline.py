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
from winnow.rules.custom import MANUAL_DROP, KeepExceptions, regex_error

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
    from winnow.readers.html import css_selector_error

    return css_selector_error(selector)


@dataclass
class Cleaner:
    """A recipe made ready to run: rules built and patterns compiled once, then `clean` per document."""

    recipe: Recipe
    rules: list[Rule] = field(init=False)

    def __post_init__(self) -> None:
        custom = self.recipe.custom
        self.rules = [cls(custom) for cls in CUSTOM_DROP_RULES]  # the user's drops first: they get the credit
        for cls in BUILTIN_RULES:
            if self.recipe.enabled(cls.id):
                self.rules.append(cls(**self.recipe.setting(cls.id).values))
        self.keep = KeepExceptions(custom)
        self.selectors = tuple(s for s in custom.selectors if selector_error(s) is None)
        self.problems = recipe_problems(self.recipe)

    def page_lines(self, doc: Document) -> tuple[list[str], frozenset[int], dict[str, str]]:
        """The lines to judge: the document's own (CSS selectors mark lines of it, see rules.custom), or, for
        a page read with another extractor than the recipe's, the page extracted again with the recipe's,
        so that a recipe gives the same corpus whichever way its pages were read."""
        if doc.is_html and doc.extractor and doc.extractor != self.recipe.extractor and doc.content:
            lines, outside, metadata, _ = _extracted_with(doc.content, self.recipe.extractor)
            return lines, outside, {**doc.metadata, **metadata}
        return doc.lines, doc.outside_main, doc.metadata

    def clean(self, doc: Document) -> Cleaned:
        lines, outside, metadata = self.page_lines(doc)
        ctx = Context.for_lines(doc, lines, outside)
        ctx.metadata = dict(metadata)
        for rule in self.rules:
            try:
                rule.apply(ctx)
            except Exception as exc:  # one broken rule must not lose the document
                log.exception("rule %s failed on %s", rule.id, doc.source)
                ctx.problems.append(Problem(doc.source, f"rule {rule.id} failed and was skipped: {exc}", doc.record, fatal=False))
        kept_by: dict[int, str] = {}
        if self.keep:
            self.keep.apply(ctx, kept_by)
        self._apply_overrides(doc, ctx, kept_by)
        return Cleaned(doc, ctx.removals, ctx.lines, ctx.metadata, kept_by, outside, ctx.problems, original=lines)

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


@lru_cache(maxsize=256)
def _extracted_with(html: str, extractor: str):
    from winnow.readers import ReadOptions
    from winnow.readers.dispatch import html_lines

    return html_lines(html, ReadOptions(extractor=extractor))


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
