"""Site-template lines: counted over the corpus per site, then dropped with the count as the reason."""

from __future__ import annotations

import random

from winnow.core.model import Document
from winnow.corpus.run import CorpusCleaner
from winnow.corpus.templates import TemplateCounts, TemplateSettings, site_of, template_reason
from winnow.recipe import default_recipe

SETTINGS = TemplateSettings()


def prose(seed: int, n: int = 6) -> list[str]:
    rng = random.Random(seed)
    pool = [f"word{rng.randrange(5000)}" for _ in range(300)] + ["the", "and", "of", "to", "in", "is", "that"]
    return [" ".join(rng.choice(pool) for _ in range(rng.randint(12, 20))).capitalize() + "." for _ in range(n)]


def page(host: str | None, n: int, extra: list[str], folder: str = "crawl") -> Document:
    lines = [*extra, *prose(hash((host, n)) % 10**6)]
    metadata = {"url": f"https://www.{host}/news/{n}"} if host else {}
    return Document(f"{folder}/{host or 'page'}-{n}.txt", "text", "\n".join(lines), lines, metadata=metadata)


def test_a_line_on_most_pages_of_a_site_is_dropped_with_its_count():
    docs = [page("pulse.ng", n, ["Pulse Nigeria Lifestyle Edition"] if n < 37 else []) for n in range(40)]
    result = CorpusCleaner(default_recipe()).run(docs)
    first = next(c for c in result.documents if c.document.source == "crawl/pulse.ng-0.txt")
    removal = first.removals[0]
    assert removal.rule_id == "template.site" and removal.family.label == "Site template"
    assert removal.reason == "on 37 of 40 pages from pulse.ng"
    assert all(r is None for r in first.removals[1:])


def test_a_site_with_too_few_pages_is_not_judged():
    counts = TemplateCounts.of(page("small.org", n, ["Menu Home Contact"]) for n in range(SETTINGS.min_pages - 1))
    assert template_reason(counts, "small.org", "Menu Home Contact", SETTINGS) is None


def test_a_line_on_a_minority_of_pages_stays():
    docs = [page("news.example", n, ["Weather warning for the coast"] if n < 4 else []) for n in range(20)]
    counts = TemplateCounts.of(docs)
    assert template_reason(counts, "news.example", "Weather warning for the coast", SETTINGS) is None


def test_a_sentence_quoted_by_several_sites_stays_even_where_it_is_frequent():
    quote = "The central bank said it would keep interest rates unchanged until the end of the year."
    docs = [page("a.example", n, [quote]) for n in range(10)] + [page("b.example", n, [quote]) for n in range(2)]
    counts = TemplateCounts.of(docs)
    assert template_reason(counts, "a.example", quote, SETTINGS) is None
    assert template_reason(counts, "a.example", "Subscribe", SETTINGS) is None  # not there at all


def test_a_short_menu_shared_by_other_sites_is_still_a_template_of_each():
    docs = [page(host, n, ["Home | News | Sport"]) for host in ("a.example", "b.example") for n in range(10)]
    counts = TemplateCounts.of(docs)
    assert template_reason(counts, "b.example", "home  news  SPORT", SETTINGS) == "on 10 of 10 pages from b.example"


def test_identical_pages_count_once():
    same = page("copies.example", 1, ["Footer text"])
    counts = TemplateCounts.of([same] * 9 + [page("copies.example", n, []) for n in range(2, 10)])
    assert counts.pages["copies.example"] == 9
    assert template_reason(counts, "copies.example", "Footer text", SETTINGS) is None  # 1 of 9 distinct pages


def test_counts_follow_documents_added_and_removed():
    docs = [page("live.example", n, ["Cookie settings"]) for n in range(10)]
    counts = TemplateCounts()
    for doc in docs:
        counts.add(doc)
    assert template_reason(counts, "live.example", "Cookie settings", SETTINGS)
    for doc in docs[:5]:
        counts.remove(doc)
    assert counts.pages["live.example"] == 5 and template_reason(counts, "live.example", "Cookie settings", SETTINGS) is None
    for doc in docs[5:]:
        counts.remove(doc)
    assert not counts.pages and not counts.lines and not counts.sites_with
    counts.remove(docs[0])  # removing what is not there changes nothing
    assert not counts.pages


def test_the_site_is_the_url_host_else_the_folder():
    assert site_of(page("Example.com", 1, [])) == "example.com"
    assert site_of(page(None, 1, [], folder="dump/site-a")) == "dump/site-a"
    assert site_of(Document("lonely.txt", "text", "x", ["x"])) == ""


def test_templates_in_several_languages_are_found_by_their_words():
    lines = ["Alle Rechte vorbehalten – Zeitung GmbH", "Подписывайтесь на наш канал", "Όροι χρήσης | Επικοινωνία"]
    docs = [page("multi.example", n, lines) for n in range(12)]
    counts = TemplateCounts.of(docs)
    for line in lines:
        assert template_reason(counts, "multi.example", line.upper(), SETTINGS) == "on 12 of 12 pages from multi.example"


def test_the_pages_sharing_a_template_line_are_named():
    from winnow.corpus.templates import pages_sharing

    docs = [page("share.example", n, ["Menu Home Contact"] if n % 2 else []) for n in range(6)]
    docs.append(page("elsewhere.example", 1, ["Menu Home Contact"]))
    assert pages_sharing(docs, docs[1], "menu  home contact") == ["crawl/share.example-3.txt", "crawl/share.example-5.txt"]
    assert pages_sharing(docs, docs[1], "   ") == []


def test_the_rule_drops_what_the_counts_say_whatever_the_typography():
    # the rule takes a line's words from the analysis unless NFKC would change the line (a ligature, full-width
    # letters): either way the line reads as the counting pass read it
    menu = ["ﬁnancial TIMES — Startseite", "ＳＰＯＲＴ Ｎｅｗｓ", "Straße & Verkehr", "İstanbul haberleri", "home | news | sport"]
    docs = [page("typo.example", n, menu) for n in range(10)]
    result = CorpusCleaner(default_recipe()).run(docs)
    for cleaned in result.documents:
        counts = TemplateCounts.of(docs)
        expected = [template_reason(counts, "typo.example", line, SETTINGS) for line in cleaned.lines[: len(menu)]]
        assert [r.reason if r else None for r in cleaned.removals[: len(menu)]] == expected
        assert all(expected)


def test_a_page_is_tokenized_at_once_as_line_by_line():
    from winnow.corpus.shingles import words
    from winnow.corpus.templates import lines_words

    plain = ["Startseite | Politik | Wirtschaft", "", "Straße & Verkehr: İstanbul", "  —  ", "3/12 Foto: dpa", "don't_stop here"]
    for lines in (plain, [*plain, "ﬁnancial ＳＰＯＲＴ"], ["Zeile eins\nmit Umbruch", "zwei"], []):
        assert [list(found) for found in lines_words(lines)] == [words(line) for line in lines]


def test_the_rule_judges_each_live_line_as_template_reason_does_rewritten_lines_as_they_read_now():
    from winnow.rules.base import Context
    from winnow.rules.templates import SiteTemplates
    from winnow.stages.analyse import Analysis

    menu = ["Startseite | Politik", "ﬁnancial TIMES — Startseite", "Kontakt & Impressum", "Newsletter bestellen"]
    docs = [page("mix.example", n, menu) for n in range(10)]
    counts = TemplateCounts.of(docs)
    rule = SiteTemplates()
    rule.counts = counts
    for doc, rewrite in ((docs[0], None), (docs[1], 0), (docs[2], 4)):
        ctx = Context.for_lines(doc, doc.lines, Analysis(doc.lines))
        ctx.drop(2, rule, "dropped before")  # no longer live: not judged again
        if rewrite is not None:  # a line a rule rewrote reads as it is now: a menu line no more, or a prose line made one
            ctx.rewrite(rewrite, "Some other words here" if rewrite < len(menu) else "Newsletter bestellen")
        SiteTemplates.apply(rule, ctx)
        expected = [template_reason(counts, "mix.example", line, SETTINGS) if i != 2 else "dropped before" for i, line in enumerate(ctx.lines)]
        assert [r.reason if r else None for r in ctx.removals] == expected
        assert expected[1] and expected[3] and (expected[0] is None) == (rewrite == 0) and (rewrite != 4 or expected[4])


def test_the_words_of_a_cleaned_text_read_off_the_analysis_are_the_tokenizers():
    from winnow.corpus.run import kept_words
    from winnow.corpus.shingles import words
    from winnow.pipeline import Cleaner

    cleaner = Cleaner(default_recipe())
    plain = ["Straße & Verkehr: İstanbul, „Zitat“ — 3/12 Foto", "", *prose(3), "don't_stop here"]
    for lines, readable in ((plain, True), ([*plain, "ﬁnancial ＳＰＯＲＴ"], False), (["Zeile eins\nmit Umbruch", *prose(4)], True), ([], True)):
        cleaned = cleaner.clean(Document("t/a.txt", "text", "\n".join(lines), lines))
        found = kept_words(cleaned)
        assert (found is not None) == readable  # NFKC would change a ligature and full-width letters: tokenized again
        assert found is None or found == words(cleaned.text)
    cleaned = cleaner.clean(Document("t/b.txt", "text", "\n".join(plain), list(plain)))
    cleaned.original = list(cleaned.lines)
    cleaned.lines[2] = "Masked: [e-mail]"  # a line a rule rewrote reads as it is now
    assert kept_words(cleaned) is None
    html = [*prose(5, 2), *prose(6), *prose(7, 2)]
    cleaned = cleaner.clean(Document("t/a.html", "html", "", html, outside_main=frozenset({0, 1, 8, 9})))
    assert kept_words(cleaned) == words(cleaned.text) != []
    cleaned.removals[0] = None  # a line outside the main content kept by hand: the analysis holds no words for it
    assert kept_words(cleaned) is None
