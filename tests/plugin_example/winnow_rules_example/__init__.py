"""An example Winnow rule plugin: drops lines that announce a sponsor ("Sponsored by Acme", "Gesponsert von …").

It declares its own family (data: id, label, colour, description) and one rule, and registers both through
the `winnow.rules` entry point in its pyproject.toml. Its rule waits until a recipe switches it on.
"""

from __future__ import annotations

import re

from winnow.core.model import Family
from winnow.rules.base import Context, Param, Rule
from winnow.rules.registry import RulePack

SPONSORS = Family("example-sponsors", "Sponsor", "#7950f2", "sponsor announcements")


class SponsorLines(Rule):
    id = "example.sponsors"
    family = SPONSORS
    name = "Sponsor lines"
    description = "Drops short lines that announce a sponsor (“Sponsored by Acme”, “Gesponsert von Acme”)."
    params = (Param("max_words", "Longest sponsor line (words)", 8, "A longer line is text.", minimum=2, maximum=40, step=1),)
    enabled_by_default = False

    PATTERN = re.compile(r"^\W*(?:sponsored by|presented by|gesponsert von|präsentiert von|sponsorisé par)\s+\S", re.IGNORECASE)

    def apply(self, ctx: Context) -> None:
        for i in ctx.live_lines():
            if ctx.analysis.counts[i] <= self["max_words"] and self.PATTERN.match(ctx.lines[i]):
                ctx.drop(i, self, "sponsor announcement")


PACK = RulePack(rules=(SponsorLines,), families=(SPONSORS,))
