"""The parts of a recipe the rules read: a rule's setting, the user's own rules, a hand override.

They live here, apart from winnow.recipe (which loads and saves whole recipes and knows every rule),
so that the rules can read them without importing the recipe module that imports the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The main-content extractors for HTML pages a recipe (`[html] extractor`) or `winnow clean --extractor` can
# choose (readers.html runs them). Speed and F1 of each on the development sets are in the README.
EXTRACTORS = {
    "trafilatura": "trafilatura with its fallback extractors: the most accurate (the default)",
    "fast": "trafilatura without its fallbacks (fast=True): a little faster, a little less accurate",
    "resiliparse": "resiliparse's main-content text, for crawls: several times faster, less accurate; title and language only from the page's metadata",
}
DEFAULT_EXTRACTOR = "trafilatura"


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool = True
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CustomRules:
    """The user's own rules. Keep-exceptions win over every drop, manual overrides over everything."""

    drop_containing: tuple[str, ...] = ()  # drop a line containing any of these phrases (case-insensitive)
    drop_equal: tuple[str, ...] = ()  # drop a line equal to one of these (case-insensitive, spaces folded)
    drop_regex: tuple[str, ...] = ()  # drop a line one of these regular expressions finds something in
    selectors: tuple[str, ...] = ()  # HTML only: CSS selectors whose elements' lines are dropped
    keep_containing: tuple[str, ...] = ()  # never drop a line containing one of these phrases
    keep_regex: tuple[str, ...] = ()  # never drop a line one of these regular expressions finds something in
    regex_timeout_ms: int = 200  # a user's regex that runs longer on one line is stopped and reported

    FIELDS = ("drop_containing", "drop_equal", "drop_regex", "selectors", "keep_containing", "keep_regex")


@dataclass(frozen=True)
class Override:
    """A hand decision for one line of one document; `text` guards against the file having changed."""

    doc: str
    line: int  # 1-based index into the document's lines
    text: str
    action: str  # "keep" or "drop"
    source: str = ""  # the document's source path, for people reading the recipe

    def __post_init__(self) -> None:
        if self.action not in ("keep", "drop"):
            raise ValueError(f"override action must be 'keep' or 'drop', not {self.action!r}")
