"""Family: site-template lines, the lines most pages of one site carry (menus, footers, slogans).

The counting is a corpus-level analysis (`winnow.corpus.templates.TemplateCounts`) made before cleaning;
this rule only decides, line by line, from those counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from unicodedata import is_normalized

from winnow.core.model import Family
from winnow.corpus.shingles import words
from winnow.corpus.templates import TemplateCounts, TemplateSettings, key_reason, site_of, words_hashes
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
        pages = self.counts.pages.get(site, 0)
        if pages < settings.min_pages:  # a small site is never judged
            return
        # each line's key worked out for the page at once (see _line_keys); only the lines common enough on the site are
        # then judged one by one
        keys = _line_keys(ctx, ctx.live_lines() if not ctx.rewritten else list(ctx.live()))
        least = max(settings.min_count, settings.min_share * pages)
        counts = self.counts.counts(site, [line_hash for line_hash, _ in keys.values()])
        for i in [i for i, count in zip(keys, counts) if count >= least]:
            reason = key_reason(self.counts, site, keys[i], settings)
            if reason:
                ctx.drop(i, self, reason)


def _line_keys(ctx: Context, lines: list[int]) -> dict[int, tuple[int, int]]:
    """`line_key` of each of `lines` that has words, in order. A line's words as the counts took them: the analysis's (the
    same tokenizer on the same case-folded text) when NFKC leaves the line as it is, as it does nearly every line (all
    of them when it leaves their text as it is: no composition reaches over a newline); their hashes made by C maps."""
    seqs, texts, rewritten = ctx.analysis.seqs, ctx.lines, ctx.rewritten
    tokens: list[Sequence[str]]
    if not rewritten and is_normalized("NFKC", "\n".join(map(texts.__getitem__, lines))):
        tokens = [seqs[i] for i in lines]
    else:
        tokens = [seqs[i] if i not in rewritten and is_normalized("NFKC", texts[i]) else words(texts[i]) for i in lines]
    with_words = [n for n, found in enumerate(tokens) if found]
    tokens = [tokens[n] for n in with_words]
    return {lines[n]: (line_hash, len(found)) for n, line_hash, found in zip(with_words, words_hashes(tokens), tokens)}
