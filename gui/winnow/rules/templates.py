"""Family: site-template lines, the lines most pages of one site carry (menus, footers, slogans).

The counting is a corpus-level analysis (`winnow.corpus.templates.TemplateCounts`) made before cleaning;
this rule only decides, line by line, from those counts.
"""

from __future__ import annotations

from unicodedata import is_normalized

from winnow.core.model import Family
from winnow.corpus.templates import TemplateCounts, TemplateSettings, key_reason, line_key, site_of, words_key
from winnow.rules.base import Context, Param, Rule


class SiteTemplates(Rule):
    id = "template.site"
    family = Family.TEMPLATE
    name = "Site template lines"
    description = (
        "Drops lines that most pages of the same site carry (menus, footers, slogans); the site is the "
        "url's host, else the folder. Needs the whole corpus: counted first, then judged."
    )
    params = (
        Param("min_pages", "Smallest site judged (pages)", 8, "A site with fewer pages is never judged.", 2, 100_000, 1),
        Param("min_count", "Fewest pages", 4, "A line must be on at least this many pages of its site.", 2, 100_000, 1),
        Param("min_share", "Share of the site's pages", 0.5, "… and on at least this share of them.", 0.05, 1.0, 0.05),
        Param("quote_words", "Longest non-quote (words)", 8, "A line this long that other sites carry too is a quoted sentence, not a template.", 1, 1000, 1),
    )

    counts: TemplateCounts | None = None  # set by the corpus run; without counts the rule does nothing

    def settings(self) -> TemplateSettings:
        return TemplateSettings(**self.values)

    def apply(self, ctx: Context) -> None:
        if self.counts is None:
            return
        settings = self.settings()
        site = site_of(ctx.document)
        if self.counts.pages.get(site, 0) < settings.min_pages:  # a small site is never judged
            return
        seqs = ctx.analysis.seqs
        for i in ctx.live():
            line = ctx.lines[i]
            # a line's words as the counts took them: the analysis's (the same tokenizer on the same case-folded text) when
            # NFKC leaves the line as it is, as it does nearly every line
            if i not in ctx.rewritten and is_normalized("NFKC", line):
                key = words_key(seqs[i])
            else:
                key = line_key(line)
            reason = key_reason(self.counts, site, key, settings)
            if reason:
                ctx.drop(i, self, reason)
