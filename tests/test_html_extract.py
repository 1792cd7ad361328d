"""extract_page: the whole page's lines, main content found by trafilatura, the rest marked outside."""

from __future__ import annotations

import json

import pytest
import trafilatura

from winnow.readers.html import (
    EXTRACTION_OPTIONS,
    PageText,
    decode_page,
    extract_page,
    flatten,
    main_content,
    page_date,
    page_metadata,
    parse_html,
)

PARAGRAPHS = [
    "The city council voted on Tuesday to turn the old railway depot into a public library, ending a debate "
    "that had divided residents for almost a decade and filled every meeting hall in the district.",
    "Supporters argued that the building, with its high brick arches and iron roof, deserved a second life, "
    "while opponents worried about the cost of removing decades of diesel residue from the soil beneath it.",
    "Work is expected to begin in the spring, and the council hopes to open the first reading rooms before "
    "the end of next year, provided that the regional grant arrives on time and the contractors agree.",
    "Local historians have offered to catalogue the depot's surviving timetables and signal equipment, "
    "which will be shown in a small permanent exhibition on the ground floor next to the children's corner.",
]


def article_page(*, head: str = "", lead: str = "", extra_body: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Depot becomes library | Daily Post</title>
{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
{lead}
<article><h1>Old railway depot to become a library</h1>{paragraphs}</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Bridge repairs delayed again</a></li><li><a href="/b">New bus lanes open downtown</a></li></ul></aside>
{extra_body}
<footer><p>Copyright 2024 Daily Post Media Group. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def main_lines(page: PageText) -> list[str]:
    return [line for i, line in enumerate(page.lines) if i not in page.outside_main]


def outside_lines(page: PageText) -> list[str]:
    return [line for i, line in enumerate(page.lines) if i in page.outside_main]


# ---------------------------------------------------------------- main content and the rest of the page


def test_article_paragraphs_are_main_and_page_furniture_is_outside():
    page = extract_page(article_page())
    main = main_lines(page)
    for paragraph in PARAGRAPHS:
        assert paragraph in main
    outside = outside_lines(page)
    for junk in ("Home", "World", "Accept all", "Related stories", "Bridge repairs delayed again", "Privacy"):
        assert junk in outside
    assert any(line.startswith("We use cookies") for line in outside)
    assert any(line.startswith("Copyright 2024") for line in outside)
    assert not page.fallback


def test_lines_follow_page_order():
    page = extract_page(article_page())
    order = [page.lines.index(text) for text in ("Home", PARAGRAPHS[0], PARAGRAPHS[3], "Related stories", "Privacy")]
    assert order == sorted(order)


def test_main_lines_are_exactly_trafilaturas_output_without_recovery():
    html = article_page(extra_body="<table><tr><th>Year</th><th>Visitors</th></tr><tr><td>2023</td><td>1,200</td></tr></table>")
    expected = trafilatura.extract(html, **EXTRACTION_OPTIONS)
    page = extract_page(html, recover=False)
    assert "\n".join(main_lines(page)) == expected


FORM_PAGES = [
    # a search form, a comment form and a select menu around the article: lxml.html would give their
    # elements form classes; our parser gives plain HtmlElements, and extraction must not notice
    '<form action="/search"><input name="q" value="Suche"><select><option>Alle</option></select></form>',
    '<form><label for="c">Votre commentaire</label><textarea id="c">Écrivez ici</textarea><button>Envoyer</button></form>',
    '<form><fieldset><legend>Newsletter</legend><input type="email" placeholder="you@example.org"></fieldset></form>',
]


@pytest.mark.parametrize("form", FORM_PAGES)
def test_main_lines_are_trafilaturas_on_pages_with_forms(form):
    html = article_page(lead=form, extra_body=form)
    expected = trafilatura.extract(html, **EXTRACTION_OPTIONS)
    assert "\n".join(main_lines(extract_page(html, recover=False))) == expected


EXTRACTION_PAGES = [
    article_page(),
    article_page(extra_body='<div id="comments"><h3>Kommentare</h3><p>Anna: Endlich eine gute Nachricht für unser Viertel!</p></div>'),
    article_page(lead="<ul><li>Accueil</li><li>Actualités</li></ul>", extra_body="<table><tr><td>2023</td><td>1 200 lecteurs</td></tr></table>"),
    "<html><body><p>Kurz.</p></body></html>",  # too little text: no main content
    "<html><body><div><span>Menü</span><span>Suche</span></div></body></html>",
]


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("html", EXTRACTION_PAGES)
def test_main_content_in_place_is_trafilaturas_extract(html, fast):
    expected = trafilatura.extract(html, **{**EXTRACTION_OPTIONS, "fast": fast}) or ""
    assert main_content(parse_html(html), fast=fast) == expected


def test_main_content_falls_back_to_trafilaturas_public_call_when_its_steps_change(monkeypatch):
    html = EXTRACTION_PAGES[1]
    expected = trafilatura.extract(html, **EXTRACTION_OPTIONS)

    def changed(**_):
        raise TypeError("unexpected keyword argument")

    monkeypatch.setattr("trafilatura.settings.Extractor", changed)  # bare_extraction keeps its own
    assert main_content(parse_html(html)) == expected


@pytest.mark.parametrize("recall", [True, False])
def test_the_raw_tree_is_copied_for_the_comparison_exactly_when_trafilatura_reads_it(monkeypatch, recall):
    """Our extraction copies the raw tree only when `comparison_skipped` says the comparison reads it: it must
    agree with trafilatura's own bypass on either side of its threshold."""
    from lxml.etree import Element
    from lxml.html import HtmlElement
    from trafilatura.external import compare_extraction
    from trafilatura.settings import Extractor

    from winnow.readers.html import comparison_skipped

    options = Extractor(output_format="python", recall=recall, tables=True)
    read: list[object] = []
    monkeypatch.setattr("trafilatura.external.try_readability", lambda tree: read.append(tree) or HtmlElement())
    threshold = options.min_extracted_size * 10
    for length in (0, 300, threshold - 1, threshold, threshold + 1, 3 * threshold):
        read.clear()
        compare_extraction(parse_html(article_page()), parse_html(article_page()), Element("body"), "x" * length, options)
        assert comparison_skipped("x" * length, options) == (not read), length


DOCTYPE_PAGES = [
    "<!DOCTYPE html><html><body><p>Grüße aus Köln „heute“</p></body></html>",
    '<?xml version="1.0"?>\n<!-- Kommentar: ü -->\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><html><p>日本語</p></html>',
    '<!doctype html [ <!ENTITY x "a > b"> ]><html><body><p>Ελληνικά 😀</p></body></html>',
    "<html><body><p>No declaration at all, ça va</p></body></html>",
    "  \n<!DOCTYPE html>\n<p>Leading space before it</p>",
]


@pytest.mark.parametrize("html", DOCTYPE_PAGES)
def test_the_page_parsed_is_its_text_without_the_doctype(html):
    from winnow.readers.html import _encoded_without_doctype, _without_doctype

    assert _encoded_without_doctype(html) == _without_doctype(html).encode("utf-8")
    assert "<!DOCTYPE" not in _encoded_without_doctype(html).decode("utf-8").upper()


def test_the_cleaned_tree_for_justext_is_made_only_when_read_and_gives_trafilaturas_text(monkeypatch):
    from winnow.readers import html

    made: list[int] = []
    original = html._CleanedOnDemand.made
    monkeypatch.setattr(html._CleanedOnDemand, "made", lambda self: made.append(1) or original(self))
    for page in EXTRACTION_PAGES:
        assert main_content(parse_html(page)) == (trafilatura.extract(page, **EXTRACTION_OPTIONS) or "")
    assert 0 < len(made) < len(EXTRACTION_PAGES)  # the short pages reach jusText, the articles do not


def test_outside_winnows_extraction_trafilaturas_steps_copy_as_they_always_did():
    from lxml.html import HtmlElement
    from trafilatura import core

    from winnow.readers.html import _extractor_options

    main_content(parse_html(EXTRACTION_PAGES[0]))  # the lazy steps are in from here on
    cleaned, backup = core._prepare_tree(parse_html(EXTRACTION_PAGES[0]), _extractor_options(False), None)
    assert isinstance(backup, HtmlElement) and backup is not cleaned


def test_the_lazy_steps_are_not_put_in_when_one_of_trafilaturas_is_gone(monkeypatch):
    from trafilatura import core, external

    from winnow.readers import html

    own = (core._prepare_tree, core._extract_and_compare, external.justext_rescue)
    monkeypatch.setattr(html, "_originals", {})
    monkeypatch.setattr(html, "_LAZY_STEPS", {**html._LAZY_STEPS, ("trafilatura.core", "_renamed_step"): None})
    assert not html._lazy_steps_installed()
    assert (core._prepare_tree, core._extract_and_compare, external.justext_rescue) == own and html._originals == {}


def test_parsed_elements_are_html_elements():
    from lxml.html import HtmlElement

    tree = parse_html(article_page(extra_body=FORM_PAGES[0]))
    assert tree is not None and all(isinstance(element, HtmlElement) for element in tree.iter())


def test_bytes_and_text_give_the_same_page():
    html = article_page()
    assert extract_page(html.encode("utf-8")) == extract_page(html)


# ---------------------------------------------------------------- lead recovery (rules in test_html_align.py)


def test_extract_page_takes_back_a_lead_trafilatura_missed():
    lead_text = "After ten years of argument, the council has finally agreed what to do with the empty depot."
    lead = f'<div class="teaser-box"><div class="intro"><span>Local</span><div class="standfirst">{lead_text}</div></div></div>'
    html = article_page(lead=lead, head=f'<meta property="og:description" content="{lead_text}">')

    strict = extract_page(html, recover=False)
    assert lead_text in strict.lines and lead_text not in main_lines(strict)

    page = extract_page(html)
    index = page.lines.index(lead_text)
    assert page.recovered == frozenset({index})
    assert main_lines(page) == [lead_text, *main_lines(strict)]
    assert "We use cookies to improve your experience." not in main_lines(page)  # too short to be a lead
    assert PARAGRAPHS[0] in main_lines(page)


def test_extract_page_leaves_out_a_standfirst_the_page_does_not_declare_as_its_description():
    lead_text = "After ten years of argument, the council has finally agreed what to do with the empty depot."
    lead = f'<div class="teaser-box"><div class="standfirst">{lead_text}</div></div>'
    declared_elsewhere = '<meta name="description" content="Local news, sport and weather from the Daily Post.">'
    for head in ("", declared_elsewhere):
        page = extract_page(article_page(lead=lead, head=head))
        assert lead_text in page.lines and lead_text not in main_lines(page)
        assert page.recovered == frozenset()


# ---------------------------------------------------------------- flattening


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<p>nach <abbr>§</abbr> 315 <abbr>BGB</abbr>.</p>", ["nach § 315 BGB."]),
        ("<p>What the <em>$%#!&amp;</em>?? Read <a href='#'>this <b>bold</b> link</a> now.</p>", ["What the $%#!&?? Read this bold link now."]),
        ("<div>one</div><div>two<span> and a half</span></div>", ["one", "two and a half"]),
        ("<p>first line<br>second line</p>", ["first line", "second line"]),
        ("<ul><li>apples</li><li>pears</li></ul>", ["apples", "pears"]),
        ("<pre>code line 1\ncode   line 2</pre>", ["code line 1", "code line 2"]),
        # inside <pre>, newlines in nested inline and block elements break lines too; invisible text stays out
        (
            "<p>Beispiel:</p><pre><code>x = 1\ny = 2</code><div>z\nw</div><script>a\nb</script>q<br>r</pre><p>Fin\ndu texte</p>",
            ["Beispiel:", "x = 1", "y = 2", "z", "w", "q", "r", "Fin du texte"],
        ),
        ("<p>kept <script>var hidden = 1;</script>text</p><style>p {color: red}</style>", ["kept text"]),
        ("<noscript>enable JS</noscript><template><p>later</p></template><svg><text>chart</text></svg><p>seen</p>", ["seen"]),
        ("<p>before<!-- a comment -->after</p>", ["beforeafter"]),
        ("<p>  lots\n\n of   space\u00a0here </p>", ["lots of space here"]),
    ],
)
def test_flattening_keeps_sentences_whole_and_skips_invisible_text(body, expected):
    tree = parse_html(f"<html><head><title>not shown</title></head><body>{body}</body></html>")
    assert flatten(tree) == expected


def test_python_walk_flattens_like_the_stylesheet():
    from winnow.readers.html import _flatten_by_walking

    tree = parse_html(article_page(extra_body="<pre>a\nb<i>c\nd</i><p>e\nf</p></pre><p>x<br>y <em>z</em><script>s</script> t\nu</p>"))
    assert _flatten_by_walking(tree) == flatten(tree)


# ---------------------------------------------------------------- metadata


def test_metadata_from_meta_tags_and_html_lang():
    head = """<meta name="author" content="Jane Miller"><meta property="article:published_time" content="2024-03-05T08:00:00Z">
<meta name="description" content="The depot will house the new library.">"""
    page = extract_page(article_page(head=head))
    assert page.metadata["author"] == "Jane Miller"
    assert page.metadata["date"] == "2024-03-05"
    assert page.metadata["description"] == "The depot will house the new library."
    assert page.metadata["language"] == "en"
    assert page.metadata["title"] == "Old railway depot to become a library"  # trafilatura prefers the h1


def test_metadata_from_json_ld():
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Depot to become a library",
        "author": {"@type": "Person", "name": "Tomas Berg"},
        "datePublished": "2023-11-20",
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    page = extract_page(article_page(head=head))
    assert page.metadata["author"] == "Tomas Berg"
    assert page.metadata["date"] == "2023-11-20"
    assert page.metadata["title"] == "Depot to become a library"


# dates where htmldate's fast mode finds them: the url, the head, JSON-LD, <abbr>, <time>, the body's text
DATED_PAGES = [
    ('<link rel="canonical" href="https://example.org/2021/06/14/story">', "<p>Un article sans date.</p>", "2021-06-14"),
    ('<meta name="date" content="2019-02-03">', "<p>Ein Artikel.</p>", "2019-02-03"),
    ('<script type="application/ld+json">{"datePublished": "2022-09-30"}</script>', "<p>Un artículo.</p>", "2022-09-30"),
    ("", '<p><time datetime="2020-05-17">17 May</time> A short note.</p>', "2020-05-17"),
    ("", '<div class="date">Veröffentlicht am 12.03.2018</div><p>Ein Artikel über nichts.</p>', "2018-03-12"),
    ("", "<p>Publié le 4 janvier 2017, mis à jour le 5 janvier 2017.</p>", None),
    ("", "<p>No date anywhere on this page.</p>", None),
]


@pytest.mark.parametrize("head, body, _", DATED_PAGES)
def test_page_date_finds_what_htmldates_own_call_finds(head, body, _):
    from htmldate import find_date

    html = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    expected = find_date(parse_html(html), extensive_search=False, original_date=True)
    assert page_date(parse_html(html)) == expected


@pytest.mark.parametrize("head, body, date", [case for case in DATED_PAGES if case[2]])
def test_page_date_is_found_in_the_url_head_markup_or_text(head, body, date):
    html = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    assert page_date(parse_html(html)) == date


def test_page_date_falls_back_to_htmldates_public_call_when_its_steps_change(monkeypatch):
    def gone(*_):
        raise AttributeError("no such step")

    monkeypatch.setattr("winnow.readers.html._htmldate_fast", gone)
    assert page_date(parse_html('<html><head><meta name="date" content="2019-02-03"></head><body><p>x</p></body></html>')) == "2019-02-03"


@pytest.mark.parametrize("head, body, _", DATED_PAGES)
def test_metadata_leaves_the_tree_as_it_was(head, body, _):
    from lxml import etree

    tree = parse_html(article_page(head=head, lead=body))
    before = etree.tostring(tree)
    page_metadata(tree)
    assert etree.tostring(tree) == before


# pages whose date, if any, only htmldate's body search finds, full of what it prunes: elements with tails (first
# child or after a sibling), nested ones (a <svg> in a <picture>), the web archive's toolbar, scripts and styles
PRUNED_PAGES = [
    '<p>Intro <label>Name</label> tail text<iframe src="x"></iframe>after frame</p><div>Stand: 03.04.2016</div>',
    "<div><picture><svg><title>x</title></svg>in picture</picture>after picture</div><p>Kein Datum hier.</p>",
    '<div id="wm-ipp-base"><p>Toolbar 2001-01-01</p></div>kept tail<p><video></video><audio></audio>x</p>',
    "<p>Text <script>var d = '2015-05-05';</script> more <style>p{}</style> end</p><p>Publié le 4 janvier 2017</p>",
    "<math><mi>x</mi></math><p>Dernière mise à jour 2019-07-08</p><label>a</label><label>b</label>c",
]


@pytest.mark.parametrize("body", PRUNED_PAGES)
def test_the_body_search_prunes_the_tree_itself_and_puts_it_back(body):
    from htmldate import find_date
    from lxml import etree

    html = f"<html><head><title>Seite</title></head><body><article>{body}</article></body></html>"
    tree = parse_html(html)
    before = etree.tostring(tree)
    date = page_date(tree)
    assert etree.tostring(tree) == before
    assert date == find_date(parse_html(html), extensive_search=False, original_date=True)


def test_date_candidates_are_htmldates_own():
    from htmldate.core import date_candidates

    from winnow.readers.html import _date_candidates

    body = """<div class="post-meta"><span class="date">1.2.2020</span><span class="date">2.2.2020</span></div>
    <div id="x" class="Datum">a</div><div class="Datum" id="x">b</div><p itemprop="datePublished">c</p>
    <li id="footer-info-lastmod" class="plain">d</li><li class="plain" id="footer-info-lastmod">e</li>
    <ul class="byline"><li class="byline">f</li></ul><p>g</p><p class="lead">h</p><small>i</small><footer>j</footer>
    <h2 class="entry-title" data-time="x">k</h2><h2 data-time="x" class="entry-title">l</h2><span id="publishedAt">m</span>"""
    tree = parse_html(f"<html><body><article>{body * 3}</article></body></html>")
    assert _date_candidates(tree) == date_candidates(tree, False)
    assert len(date_candidates(tree, False)) > 3 * 5  # the page has candidates of each kind


def test_byline_in_the_body_is_searched_only_when_switched_on(monkeypatch):
    html = article_page(lead='<div class="byline"><span class="author-name">Maria Lopez</span></div>')
    assert "author" not in extract_page(html).metadata  # off by default: it costs too much time
    monkeypatch.setattr("winnow.readers.html.SEARCH_BODY_FOR_AUTHOR", True)
    assert extract_page(html).metadata["author"] == "Maria Lopez"


def test_no_metadata_invented_for_a_bare_page():
    page = extract_page("<html><body><p>Nothing but a short note.</p></body></html>")
    assert "author" not in page.metadata and "date" not in page.metadata


# ---------------------------------------------------------------- selectors


def test_selector_removes_its_elements_before_extraction():
    html = article_page(extra_body='<div class="promo"><p>Subscribe for only one dollar a week, cancel anytime you like.</p></div>')
    page = extract_page(html, selectors=("div.promo", "nav"))
    assert not any("Subscribe" in line for line in page.lines)
    assert "Home" not in page.lines
    assert page.removed_by_selector["div.promo"] == ["Subscribe for only one dollar a week, cancel anytime you like."]
    assert page.removed_by_selector["nav"] == ["Home", "World", "Sport"]
    assert PARAGRAPHS[0] in main_lines(page)


def test_selector_inside_the_article_removes_main_text():
    page = extract_page(article_page(), selectors=("article p:nth-of-type(2)",))
    assert PARAGRAPHS[1] not in page.lines
    assert PARAGRAPHS[0] in main_lines(page)


def test_selector_matching_nothing_changes_nothing():
    html = article_page()
    page = extract_page(html, selectors=("div.does-not-exist",))
    plain = extract_page(html)
    assert (page.lines, page.outside_main) == (plain.lines, plain.outside_main)
    assert page.removed_by_selector == {"div.does-not-exist": []}


def test_invalid_selector_is_skipped_not_raised():
    page = extract_page(article_page(), selectors=("div[[", "nav"))
    assert "Home" not in page.lines
    assert PARAGRAPHS[0] in page.lines


# ---------------------------------------------------------------- bad input


def test_truncated_page_keeps_what_is_there():
    html = article_page()
    cut = html[: html.index(PARAGRAPHS[2][:40]) + 40]  # in the middle of the third paragraph
    page = extract_page(cut)
    assert PARAGRAPHS[0] in page.lines
    assert any(line.startswith(PARAGRAPHS[2][:40]) for line in page.lines)


def test_truncated_mid_tag():
    page = extract_page('<html><body><p>A sentence that survives.</p><div class="unfinis')
    assert page.lines == ["A sentence that survives."]


@pytest.mark.parametrize("html", ["", b"", "   \n", "<html></html>", "<html><body></body></html>", "<!-- only a comment -->"])
def test_empty_pages_give_no_lines(html):
    page = extract_page(html)
    assert page.lines == [] and page.outside_main == frozenset()


def test_malformed_markup_does_not_raise():
    html = "<html><body><p>Unclosed <b>bold <i>italic</p></div></span><p>Next paragraph</td></tr></body>"
    page = extract_page(html)
    assert page.lines == ["Unclosed bold italic", "Next paragraph"]


def test_binary_junk_does_not_raise():
    assert isinstance(extract_page(b"\x00\x01\x02\xff\xfe\x89PNG\r\n"), PageText)


def test_deeply_nested_page_keeps_its_text():
    html = "<html><body>" + "<div>" * 3000 + "<p>Deep inside.</p>" + "</div>" * 3000 + "</body></html>"
    assert extract_page(html).lines == ["Deep inside."]


def test_fragment_without_html_element():
    assert extract_page("<p>just a fragment</p>").lines == ["just a fragment"]


# ---------------------------------------------------------------- encodings


def test_windows_1252_page_with_meta_charset():
    html = '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 \u2013 \u201cquoted\u201d \u2026 na\u00efve</p></body></html>'
    page = extract_page(html.encode("cp1252"))
    assert page.lines == ["Caf\u00e9 \u2013 \u201cquoted\u201d \u2026 na\u00efve"]


def test_latin1_label_is_read_as_windows_1252():
    data = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>\u201cHi\u201d</p></body></html>'
    assert "\u201cHi\u201d" in decode_page(data.encode("cp1252"))


def test_utf8_declared_page_with_a_stray_byte_stays_utf8():
    data = '<html><head><meta charset="utf-8"></head><body><p>Gr\u00fc\u00dfe</p><p>K'.encode() + b"\xfc" + b"chen</p></body></html>"
    page = extract_page(data)
    assert page.lines[0] == "Gr\u00fc\u00dfe"
    assert page.lines[1].startswith("K") and page.lines[1].endswith("chen")


def test_undeclared_legacy_page_is_detected():
    text = "Der Bürgermeister äußerte sich über die Größe der Straßen und Plätze in der Stadt. " * 5
    data = f"<html><body><p>{text}</p></body></html>".encode("cp1252")
    assert "Bürgermeister äußerte" in extract_page(data).lines[0]


def test_utf8_bom():
    assert extract_page(b"\xef\xbb\xbf<html><body><p>\xc3\xa9t\xc3\xa9</p></body></html>").lines == ["\u00e9t\u00e9"]


# ---------------------------------------------------------------- fallback


def test_fallback_when_trafilatura_finds_nothing():
    html = "<html><body><aside>Sidebar text</aside><footer>Footer text</footer></body></html>"
    assert trafilatura.extract(html, **EXTRACTION_OPTIONS) is None  # the premise of this test
    page = extract_page(html)
    assert page.fallback
    assert page.lines == ["Sidebar text", "Footer text"]
    assert page.outside_main == frozenset()


def test_extraction_crash_falls_back_to_plain_text(monkeypatch):
    def broken(tree):
        raise RuntimeError("boom")

    monkeypatch.setattr("winnow.readers.html.main_content", broken)
    page = extract_page("<html><body><p>one</p><script>x()</script><p>two</p></body></html>")
    assert page.fallback
    assert page.lines == ["one", "two"]


# ---------------------------------------------------------------- through the cleaner


def _document(html: str, page: PageText):
    from winnow.core.model import Document

    return Document(source="page.html", format="html", content=html, lines=page.lines, outside_main=page.outside_main, metadata=page.metadata)


def test_cleaning_with_every_rule_off_reproduces_trafilatura():
    from winnow.pipeline import Cleaner
    from winnow.recipe import Recipe, RuleSetting
    from winnow.rules import BUILTIN_RULES

    html = article_page(extra_body="<p>Subscribe to our newsletter for more local stories like this one every week.</p>")
    recipe = Recipe(rules={cls.id: RuleSetting(enabled=False) for cls in BUILTIN_RULES})
    cleaned = Cleaner(recipe).clean(_document(html, extract_page(html, recover=False)))
    assert cleaned.text == trafilatura.extract(html, **EXTRACTION_OPTIONS)


def test_recipe_selector_keeps_the_element_out_of_the_export():
    from winnow.pipeline import Cleaner
    from winnow.recipe import CustomRules, Recipe

    html = article_page()
    recipe = Recipe(custom=CustomRules(selectors=("article p:nth-of-type(3)",)))
    text = Cleaner(recipe).clean(_document(html, extract_page(html))).text
    assert PARAGRAPHS[2] not in text
    assert PARAGRAPHS[1] in text and PARAGRAPHS[3] in text


def test_threads_get_the_same_pages():
    from concurrent.futures import ThreadPoolExecutor

    pages = [article_page(extra_body=f"<p>Extra note number {n}.</p>") for n in range(8)]
    expected = [extract_page(html) for html in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(extract_page, pages * 3)) == expected * 3


def test_extraction_crash_still_applies_the_selectors(monkeypatch):
    monkeypatch.setattr("winnow.readers.html.main_content", lambda tree: 1 / 0)
    page = extract_page(b"<html><body><p>public</p><p class='secret'>private</p></body></html>", selectors=("p.secret",))
    assert page.fallback
    assert page.lines == ["public"]
    assert page.removed_by_selector == {"p.secret": ["private"]}


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16", "iso-8859-2", "koi8-r"])
def test_extraction_decodes_bytes_with_the_readers_one_html_decoder(encoding):
    from winnow.readers.decode import decode_html

    text = {"iso-8859-2": "Zażółć gęślą jaźń, mówię wam.", "koi8-r": "Съешь же ещё этих мягких французских булок."}.get(
        encoding, "Caf\u00e9 \u2013 \u201cquoted\u201d na\u00efve"
    )
    data = f"<html><head><title>t</title></head><body><p>{text}</p></body></html>".encode(encoding)
    assert decode_page(data) == decode_html(data).text
