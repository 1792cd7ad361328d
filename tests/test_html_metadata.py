"""The page metadata's faster steps find what trafilatura's and htmldate's own steps find, and leave the tree alone."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from winnow.readers.html import _JSON_MINIFY, _head_alone, _json_date, _json_scripts, _meta_json, _normalize_json, page_metadata, parse_html

LD_JSON = [
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ein  Zug\tfährt", "author": {"@type": "Person", "name": "Jana Novák"}},
    {"@type": "BlogPosting", "datePublished": "2021-03-04T10:00:00+01:00", "author": [{"name": "Ana Ruiz"}, {"name": "Li Wei"}]},
    {"@type": "WebPage", "publisher": {"@type": "Organization", "name": "Le Quotidien"}, "description": "Un <b>texte</b> &amp; plus"},
]
# what scrapers hand over: escapes, entities, HTML inside strings, broken JSON, a lone surrogate escape
RAW_SCRIPTS = [
    '{"headline": "Caf\\u00e9 \\u00fcber alles\\n", "author": {"name": "M\\u00fcller, Hans"}}',
    '{"headline": "Tom &amp; Jerry <i>return</i>", "datePublished": "2019-11-02"}',
    '{"author": {"@type": "Person", "name": "Broken Json", }, "headline": "x"',
    '{"name": "bad \\ud83d surrogate", "@type": "Person"}',
    '  {\n  "@type" : "Article" ,\n  "headline" : "spaced   out \\" quote"\n}  ',
]


def page_with(scripts: list[str], where: str = "head") -> str:
    tags = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    head, body = (tags, "") if where == "head" else ("", tags)
    return f"<html><head><title>T</title>{head}</head><body><p>Some text.</p>{body}</body></html>"


@pytest.mark.parametrize("where", ["head", "body"])
def test_json_ld_metadata_is_what_trafilaturas_step_finds(where):
    from trafilatura import metadata as tm

    for scripts in ([json.dumps(d, ensure_ascii=False) for d in LD_JSON], RAW_SCRIPTS, [json.dumps(d) for d in LD_JSON]):
        tree = parse_html(page_with(scripts, where))
        theirs = tm.extract_meta_json(tree, tm.Document())
        ours = _meta_json(_json_scripts(tree), tm.Document())
        assert (ours.title, ours.author, ours.sitename, ours.description, ours.date) == (
            theirs.title,
            theirs.author,
            theirs.sitename,
            theirs.description,
            theirs.date,
        )


def test_json_scripts_are_those_of_the_xpath_in_page_order():
    html = page_with(['{"a": 1}'], "head").replace(
        "<p>Some text.</p>",
        '<script type="application/settings+json">{"b": 2}</script><script>var c = 3;</script>'
        '<script type="text/json">{"d": 4}</script><div><script type="application/ld+json">{"e": 5}</script></div>',
    )
    tree = parse_html(html)
    xpath = tree.xpath('.//script[@type="application/ld+json" or @type="application/settings+json"]')
    assert _json_scripts(tree) == xpath and len(xpath) == 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*' \t\n"\\abcé{}:,<>&;u0123456789', "\\u00e9", "\\n", "&amp;", "\\ud800", "\ud800", "<b>"])).map("".join))
def test_json_text_handling_is_trafilaturas(text):
    from trafilatura.json_metadata import normalize_json
    from trafilatura.metadata import JSON_MINIFY

    assert _JSON_MINIFY.sub(lambda m: m.group(1) or "", text) == JSON_MINIFY.sub(r"\1", text)
    assert _normalize_json(text) == normalize_json(text)


@pytest.mark.parametrize(
    "script",
    ['{"datePublished": "2022-09-30"}', '{"dateModified": "2020-01-02", "datePublished": "2018-05-06T08:00"}', '{"headline": "no date"}', ""],
)
def test_json_date_is_htmldates_json_search(script):
    from htmldate import core as hd
    from htmldate.extractors import json_search

    tree = parse_html(page_with([script], "body"))
    for original in (True, False):
        options = hd.Extractor(False, hd.get_max_date(None), hd.get_min_date(None), original, "%Y-%m-%d")
        assert _json_date(_json_scripts(tree), options) == json_search(tree, options)


HEADS = [
    '<meta property="og:title" content="Titel"><meta name="author" content="Eva Lind"><link rel="canonical" href="/a/b">',
    '<meta property="og:url" content="https://example.org/x"><meta name="description" content="Résumé"><base href="https://example.org/">',
    '<title>Story | Example Site</title><meta name="twitter:site" content="@example">',
]


@pytest.mark.parametrize("head", HEADS)
def test_head_steps_find_on_the_head_alone_what_they_find_on_the_page(head):
    from trafilatura import metadata as tm

    tree = parse_html(f"<html><head>{head}</head><body><h1>Heading</h1><p>Text.</p></body></html>")
    before = etree.tostring(tree)
    with _head_alone(tree) as alone:
        found = [tm.examine_meta(alone).as_dict(), tm.extract_url(alone), tm.extract_sitename(alone)]
    assert etree.tostring(tree) == before
    whole = tm.examine_meta(tree).as_dict()
    for d in (found[0], whole):
        d.pop("body"), d.pop("commentsbody")
    assert found == [whole, tm.extract_url(tree), tm.extract_sitename(tree)]


def test_head_is_put_back_when_a_step_fails():
    tree = parse_html("<html><head><title>A</title></head><body><p>x</p></body></html>")
    before = etree.tostring(tree)
    with pytest.raises(RuntimeError), _head_alone(tree):
        raise RuntimeError
    assert etree.tostring(tree) == before


def test_page_metadata_reads_a_body_json_ld_and_the_head_together():
    scripts = [json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "author": {"name": "Jana Novák"}, "datePublished": "2020-02-03"})]
    tree = parse_html(page_with(scripts, "body").replace("<title>T</title>", '<title>T</title><meta property="og:site_name" content="Site">'))
    found = page_metadata(tree)
    assert (found["author"], found["date"], found["sitename"]) == ("Jana Novák", "2020-02-03", "Site")
