"""trafilatura's regex-testing XPath expressions, guarded for Winnow's extraction: the same elements, always."""

from __future__ import annotations

import random

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement, document_fromstring

from winnow.readers import trafilatura_xpaths
from winnow.readers.html import EXTRACTION_OPTIONS, _winnows_extraction, main_content, parse_html
from winnow.readers.trafilatura_xpaths import GuardedXPath, guarded_path


@pytest.mark.parametrize(
    "path, expected",
    [
        ("./*[re:test(@class, 'nav|menu')]", "./*[(@class and re:test(@class, 'nav|menu'))]"),
        ("./*[re:test(@id|@class, '^comment')]", "./*[((@id or @class) and re:test(@id|@class, '^comment'))]"),
        ("./div[re:test(@class, 'fulltext', 'i')]", "./div[(@class and re:test(@class, 'fulltext', 'i'))]"),
        ("./*[re:test(@data-role, 'x') or @id='a']", "./*[(@data-role and re:test(@data-role, 'x')) or @id='a']"),
    ],
)
def test_a_regex_test_of_attributes_is_made_only_when_one_of_them_is_there(path, expected):
    assert guarded_path(path) == expected


@pytest.mark.parametrize(
    "path",
    [
        "./*[re:test(@class, '^$|nav')]",  # a missing attribute is tested as "", which this matches
        "./*[re:test(@class, 'x*')]",
        "./*[re:test(@id, '(?:menu)?', 'i')]",
        "./*[re:test(., 'Impressum')]",  # not an attribute: the element's text
        "./*[re:test(text(), 'Datum')]",
        "./*[re:test(@class, '[unclosed')]",  # lxml would fail on it as trafilatura wrote it: left as written
        "./*[contains(@class, 'nav')]",
    ],
)
def test_tests_that_a_missing_attribute_could_pass_and_other_tests_are_left_alone(path):
    assert guarded_path(path) == path


@pytest.mark.parametrize(
    "path, expected",
    [
        (".//*[self::div or self::p][@id]", "descendant::*[self::div or self::p][@id]"),
        ("(.//*[self::main or self::article])[1]", "(descendant::*[self::main or self::article])[1]"),  # first of the whole set
        (".//div[contains(@class, 'x-1')]//p[@a]", "descendant::div[contains(@class, 'x-1')]//p[@a]"),  # digits in a literal
        (".//div[.//p[@data-x]]", "descendant::div[descendant::p[@data-x]]"),
    ],
)
def test_a_step_whose_predicates_ignore_position_selects_among_descendants(path, expected):
    assert guarded_path(path) == expected


@pytest.mark.parametrize(
    "path",
    [
        ".//*[self::div][1]",  # the first matching child of each element, not the first descendant
        ".//*[@a][last()]",
        ".//p[position() < 3]",
        ".//*[count(p)]",
        ".//*[string-length(@class)]",
        ".//*[@a - @b]",
        ".//*[@a + @b]",
        ".//*[$n]",
        ".//*[@a div @b]",
        ".//div",  # no predicate: libxml2 does this itself
        "..//div[@a]",
        ".//div[@a",  # not closed
    ],
)
def test_a_step_whose_predicates_may_count_positions_is_left_alone(path):
    assert guarded_path(path) == path


# attribute values around the words trafilatura's expressions look for, in several spellings, and near misses
VALUES = [
    "", " ", "x", "post", "entry", "content", "main-content", "Main-Content", "article-body", "articleBody", "post_content",
    "story-body", "FULLTEXT", "fulltext teaser", "comment-list", "Comments", "commentary", "comments-title", "reply-to",
    "disqus_thread", "share-buttons", "Share", "social", "sharing", "newsletter", "cookie-banner", "nav", "subnav", "navbar",
    "menu", "sidebar", "footer", "Footer", "byline", "author", "tags", "tag-list", "widget", "elementor-widget", " ad ",
    "top-ad-slot", "ad-box", "related", "hidden", "is-hidden", "display:none", "display: none", "hide-print", "premium",
    "meta", "timestamp", "mvp-post-add-box", "infinite-scroll", "h1", "title", "headline", "date", "image",
]  # fmt: skip
TAGS = ["div", "section", "article", "main", "aside", "p", "span", "ul", "ol", "li", "list", "item", "details", "a", "h1", "h2", "header", "figure", "img"]
ATTRIBUTES = ["id", "class", "style", "role", "itemprop", "rel", "data-component", "aria-hidden", "data-lp-replacement-content"]


def _random_page(seed: int) -> HtmlElement:
    """A page of nested elements with attributes drawn from VALUES, absent or empty, in either order."""
    rng = random.Random(seed)
    root = document_fromstring("<html><head><title>t</title></head><body></body></html>")
    open_elements = [root.find("body")]
    for _ in range(400):
        parent = rng.choice(open_elements[-6:])
        element = etree.SubElement(parent, rng.choice(TAGS))
        for name in rng.sample(ATTRIBUTES, rng.randint(0, 3)):  # a random order of attributes
            element.set(name, "true" if name == "aria-hidden" and rng.random() < 0.5 else rng.choice(VALUES))
        element.text = rng.choice(["", "Some words here.", "12.03.2021", "Lorem ipsum dolor sit amet " * 5])
        open_elements.append(element)
    return root


def _guarded_expressions() -> list[GuardedXPath]:
    from trafilatura import xpaths

    main_content(parse_html("<html><body><p>x</p></body></html>"))  # the guards are in from here on
    return [expression for value in vars(xpaths).values() if isinstance(value, list) for expression in value if isinstance(expression, GuardedXPath)]


def test_trafilaturas_regex_tests_are_guarded():
    from trafilatura import xpaths

    guarded = _guarded_expressions()
    assert len(guarded) >= 10  # BODY_XPATH, OVERALL_DISCARD_XPATH, the comment expressions, ...
    expressions = [expression for value in vars(xpaths).values() if isinstance(value, list) for expression in value]
    assert not [expression.path for expression in expressions if isinstance(expression, etree.XPath) and "re:test(@" in expression.path]


@pytest.mark.parametrize("seed", range(12))
def test_each_guarded_expression_selects_what_trafilaturas_own_does(seed):
    tree = _random_page(seed)
    paths = tree.getroottree().getpath
    for expression in _guarded_expressions():
        own = [paths(element) for element in expression.own(tree)]
        assert [paths(element) for element in expression.guarded(tree)] == own, expression.own.path


def test_trafilatura_called_by_itself_evaluates_its_own_expressions(monkeypatch):
    expression = next(e for e in _guarded_expressions() if "cookie" in e.own.path)  # OVERALL_DISCARD_XPATH's first
    calls: list[str] = []
    own, guarded = expression.own, expression.guarded
    monkeypatch.setattr(expression, "own", lambda tree, **kw: calls.append("own") or own(tree, **kw))
    monkeypatch.setattr(expression, "guarded", lambda tree, **kw: calls.append("guarded") or guarded(tree, **kw))
    page = "<html><body>" + "<p>A sentence of the article that goes on for a while to be long enough.</p>" * 20 + "</body></html>"
    trafilatura.extract(page, **EXTRACTION_OPTIONS)
    assert calls and set(calls) == {"own"}
    calls.clear()
    with _winnows_extraction():
        trafilatura.extract(page, **EXTRACTION_OPTIONS)
    assert calls and set(calls) == {"guarded"}


def test_an_expression_in_another_namespace_is_left_to_trafilatura():
    own = etree.XPath(".//*[re:test(@class, 'nav')][x:y]", namespaces={"re": trafilatura_xpaths.EXSLT_REGEX, "x": "urn:x"})
    assert trafilatura_xpaths._guarded(own) is None


def test_guarded_expressions_select_elements():
    tree = _random_page(0)
    for expression in _guarded_expressions():
        assert all(isinstance(element, HtmlElement) for element in expression.guarded(tree)), expression.own.path
