"""The cleaning rules, one module per family; BUILTIN_RULES is their running order.

Order matters: a line keeps the reason of the first rule that drops it, and later rules
(unrelated headlines, repeats) judge the lines the earlier ones left.
"""

from __future__ import annotations

from winnow.rules.ads import AdMarkers
from winnow.rules.base import Context, Param, Rule
from winnow.rules.boilerplate import MainText
from winnow.rules.contact import ContactDetails
from winnow.rules.cookies import CookieBanners
from winnow.rules.custom import CUSTOM_DROP_RULES
from winnow.rules.furniture import PageFurniture
from winnow.rules.headlines import RelatedLists, UnrelatedHeadlines
from winnow.rules.prompts import SocialPrompts
from winnow.rules.repeats import RepeatedLines
from winnow.rules.templates import SiteTemplates

# Specific phrases first (their reasons are the most telling), then related-article lists, then the
# main-text detector (which reads the earlier removals as evidence), then the rules that judge what is
# left against the body: unrelated headlines and repeats. Site templates (counted over the corpus) run
# before the main-text detector, which reads their removals as evidence too.
# The document and corpus rules (winnow.corpus) judge whole documents after these. Contact masking runs last, on kept lines only.
BUILTIN_RULES: tuple[type[Rule], ...] = (
    AdMarkers,
    CookieBanners,
    PageFurniture,
    SocialPrompts,
    RelatedLists,
    SiteTemplates,
    MainText,
    UnrelatedHeadlines,
    RepeatedLines,
    ContactDetails,
)

_BY_ID = {cls.id: cls for cls in BUILTIN_RULES}


def rule_class(rule_id: str) -> type[Rule]:
    if rule_id in _BY_ID:
        return _BY_ID[rule_id]
    return {cls.id: cls for cls in corpus_rules()}[rule_id]


def corpus_rules() -> tuple[type[Rule], ...]:
    """The document and corpus rules (they build on these line rules, hence imported late)."""
    from winnow.corpus.rules import CORPUS_RULES

    return CORPUS_RULES


def all_rule_ids() -> list[str]:
    return [cls.id for cls in BUILTIN_RULES] + [cls.id for cls in CUSTOM_DROP_RULES]


__all__ = ["BUILTIN_RULES", "CUSTOM_DROP_RULES", "Context", "Param", "Rule", "all_rule_ids", "corpus_rules", "rule_class"]
