"""Winnow's own line rules as a RulePack, registered through the `winnow.rules` entry point like any plugin.

Order matters: a line keeps the reason of the first rule that drops it, and later rules judge the lines
the earlier ones left. Specific phrases first (their reasons are the most telling), then related-article
lists, then the main-text detector (which reads the earlier removals as evidence), then the rules that
judge what is left against the body: unrelated headlines and repeats. Contact masking runs last.
"""

from __future__ import annotations

from winnow.rules.ads import AdMarkers
from winnow.rules.boilerplate import MainText
from winnow.rules.comments import ReaderComments
from winnow.rules.contact import ContactDetails
from winnow.rules.cookies import CookieBanners
from winnow.rules.documents import CORPUS_RULES
from winnow.rules.furniture import PageFurniture
from winnow.rules.headlines import CutTeaserLists, RelatedLists, UnrelatedHeadlines
from winnow.rules.prompts import SocialPrompts
from winnow.rules.registry import RulePack
from winnow.rules.repeats import RepeatedLines
from winnow.rules.templates import SiteTemplates

PACK = RulePack(
    rules=(
        AdMarkers,
        CookieBanners,
        PageFurniture,
        SocialPrompts,
        ReaderComments,
        RelatedLists,
        SiteTemplates,  # counted over the corpus; the main-text detector reads its removals as evidence too
        MainText,
        UnrelatedHeadlines,
        CutTeaserLists,
        RepeatedLines,
        ContactDetails,
    ),
    document_rules=CORPUS_RULES,
)
