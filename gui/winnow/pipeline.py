"""The cleaner: runs a recipe's rules over a document and returns a decision, with its reason, for every line.

The command line and the window both clean through `Cleaner`, so a window export equals a
command-line export with the same recipe.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

from winnow.core.budget import Budget
from winnow.core.model import Cleaned, CorpusCounts, Document, Problem
from winnow.readers.dispatch import html_lines
from winnow.readers.html import css_selector_error, selected_lines
from winnow.readers.options import ReadOptions
from winnow.recipe import ANALYSE, Recipe
from winnow.rules import CUSTOM_DROP_RULES, line_rules
from winnow.rules.base import Context, Rule
from winnow.rules.custom import DropSelected, KeepExceptions, RegexBudget, regex_error
from winnow.stages.analyse import Analyser
from winnow.stages.document_rules import DocumentRule
from winnow.stages.overrides import apply_keep_exceptions, apply_overrides
from winnow.text.language import LanguageIdentifier
from winnow.text.lexicon import Lexicons

log = logging.getLogger(__name__)

# Cleaning a document makes a few thousand short-lived containers (each line's words, the rules' lists): at Python's default
# threshold (700 new containers) the collector ran several times a document, walking the live analysis each time, 5-7 % of
# the text path (bench/text_stages.py); at this one it runs about once every hundred devset pages. Almost all of them are
# freed by reference counting; only cycles wait for a collection, and a few thousand objects more is no memory.
YOUNG_GENERATION_THRESHOLD = 10_000


def collect_less_often() -> None:
    """Raise the garbage collector's threshold for new containers to YOUNG_GENERATION_THRESHOLD, for the whole process
    (never lower it, and leave a collector someone switched off by a threshold of 0 alone)."""
    young, *older = gc.get_threshold()
    if 0 < young < YOUNG_GENERATION_THRESHOLD:
        gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *older)


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
    return css_selector_error(selector)


@dataclass
class Cleaner:
    """A recipe made ready to run: rules built and patterns compiled once, then `clean` per document.

    `clean` runs the stages in order: extract (again only for a page read with another extractor) ->
    analyse -> line rules -> document rules -> keep-exceptions and hand overrides.
    """

    recipe: Recipe
    languages: LanguageIdentifier | None = None  # the language model; loaded once per process when not given
    lexicons: Lexicons | None = None  # the word lists; Winnow's own and the user's, read once per process, when not given
    document_rules: list[DocumentRule] = field(default_factory=list)
    regex_budget: RegexBudget = field(default_factory=RegexBudget)  # one per run: time each user regex spent
    rules: list[Rule] = field(init=False)

    def __post_init__(self) -> None:
        collect_less_often()
        custom = self.recipe.custom
        # the user's drops first: they get the credit
        self.rules = [cls(custom, self.regex_budget) for cls in CUSTOM_DROP_RULES]
        for rule in self.rules:
            if isinstance(rule, DropSelected):
                rule.selected_lines = selected_lines
        for cls in line_rules():
            if self.recipe.enabled(cls.id):
                self.rules.append(cls(**self.recipe.setting(cls.id).values))
        self.keep = KeepExceptions(custom, self.regex_budget)
        self._keeps = bool(self.keep)  # (the user's keep-exceptions are fixed with the recipe: most recipes have none)
        self.selectors = tuple(s for s in custom.selectors if selector_error(s) is None)
        self.problems = recipe_problems(self.recipe)
        month_first = bool(self.recipe.value(ANALYSE, "month_first"))  # how pages write dates: the analyse stage's setting
        self.lexicons = self.lexicons or Lexicons.shared()
        self.analyser = Analyser(self.languages or LanguageIdentifier.shared(), self.lexicons, month_first)

    def page_lines(self, doc: Document) -> tuple[list[str], frozenset[int], dict[str, str]]:
        """The lines to judge: the document's own (CSS selectors mark lines of it, see rules.custom), or, for
        a page read with another extractor than the recipe's, the page extracted again with the recipe's,
        so that a recipe gives the same corpus whichever way its pages were read."""
        if doc.is_html and doc.extractor and doc.extractor != self.recipe.extractor and doc.content:
            lines, outside, metadata, _ = _extracted_with(doc.content, self.recipe.extractor)
            return lines, outside, {**doc.metadata, **metadata}
        return doc.lines, doc.outside_main, doc.metadata

    def clean(self, doc: Document) -> Cleaned:
        """Fail closed: a stage or rule that raises (MemoryError included) marks the document failed, with a
        problem naming the rule and the document, and a failed document is never exported, not even uncleaned.
        So does a document still being cleaned when its time budget (core.budget) has run out: the last guard
        against a rule that would stall the run."""
        step = "extract"  # again, for a page read with another extractor than the recipe's
        ctx: Context | None = None
        budget = Budget()
        try:
            lines, outside, metadata = self.page_lines(doc)
            step = "analyse"
            info = self.analyser.analyse(lines, outside, metadata)
            ctx = Context.for_lines(doc, lines, info, outside)
            for rule in self.rules:
                budget.check_rule(rule.id)
                step = rule.id
                rule.apply(ctx)
            budget.check("after the line rules")
            dropped = None
            kept = [line for line, r in zip(ctx.lines, ctx.removals) if r is None] if self.document_rules else []
            for document_rule in self.document_rules:
                step = document_rule.id
                dropped = document_rule.decide(kept, info)
                if dropped is not None:
                    break
            step = KeepExceptions.id
            kept_by = apply_keep_exceptions(self.keep, ctx) if self._keeps else {}
        except Exception as exc:
            return self._failed(doc, ctx, step, exc)
        if self.recipe.overrides:
            apply_overrides(self.recipe.overrides_for(doc.id), ctx, kept_by)
        metadata = {**metadata, **info.facts.as_metadata()}
        return Cleaned(doc, ctx.removals, ctx.lines, metadata, kept_by, outside, ctx.problems, original=lines, analysis=info, dropped=dropped)

    def _failed(self, doc: Document, ctx: Context | None, step: str, exc: Exception) -> Cleaned:
        log.warning("rule %s failed on %s: %s", step, doc.source, _describe(exc))
        problem = rule_failure(doc, step, exc)
        if ctx is None:
            return Cleaned(doc, [None] * len(doc.lines), list(doc.lines), dict(doc.metadata), problems=[problem], failed=True)
        return Cleaned(doc, ctx.removals, ctx.lines, dict(doc.metadata), {}, ctx.outside_main, [*ctx.problems, problem], original=ctx.original, failed=True)

    def run_problems(self) -> list[str]:
        """What went wrong over the run as a whole: user regexes switched off for spending their budget."""
        return [f"your regular expression /{pattern}/ {why}" for pattern, why in self.regex_budget.disabled.items()]

    def clean_all(self, docs: Iterable[Document]) -> Iterator[Cleaned]:
        for doc in docs:
            yield self.clean(doc)


@lru_cache(maxsize=256)
def _extracted_with(html: str, extractor: str):
    return html_lines(html, ReadOptions(extractor=extractor))


def rule_failure(doc: Document, rule_id: str, exc: BaseException) -> Problem:
    return Problem(doc.source, f"rule {rule_id} failed ({_describe(exc)}); the document was not exported", doc.record)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


__all__ = ["Cleaner", "CorpusCounts", "recipe_problems", "selector_error"]
