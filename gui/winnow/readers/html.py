"""HTML pages: main content through trafilatura, the rest of the page's text kept and marked 'outside'.

`extract_page` parses the page once with lxml, flattens the whole page into lines, reads its metadata, then
hands the same tree to trafilatura (which prunes it: no copy), and aligns trafilatura's output lines onto the
page's. The result lists every
visible line of the page in page order; lines trafilatura left out are flagged in `outside_main`.
The lines not flagged are trafilatura's output lines, in order (so cleaning with every line rule off
reproduces trafilatura's text), plus, unless `recover=False`, a lead paragraph it missed and the captions of the
article's pictures (`recovered`).
"""

from __future__ import annotations

import importlib
import json
import logging
import re
import threading
import unicodedata
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from itertools import chain
from typing import Any, Iterator

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, document_fromstring

from winnow.core.budget import Budget, OverBudget
from winnow.core.formats import SOURCE_METADATA_FIELDS
from winnow.core.settings import DEFAULT_EXTRACTOR, EXTRACTORS
from winnow.readers import trafilatura_xpaths
from winnow.readers.decode import LONE_SURROGATE, NotText, decode_html
from winnow.text.diff import matching_blocks, opcodes
from winnow.text.sentences import SENTENCE_END_MARKS
from winnow.text.words import tokens

log = logging.getLogger(__name__)

# trafilatura's benchmark reference setting, leaning to recall: measured on both dev sets' tuning parts
# (bench/quality.py), favor_recall keeps the tables, lists and last paragraphs the default loses on
# English pages (Readability's set +0.007 F1) and costs little on trafilatura's own (-0.005); the line
# rules then take out the furniture it lets in. favor_precision loses on both.
EXTRACTION_OPTIONS: dict[str, Any] = dict(fast=False, include_comments=False, include_tables=True, include_formatting=False, favor_recall=True)


@dataclass(frozen=True)
class PageText:
    lines: list[str]  # the whole page's text, in page order
    outside_main: frozenset[int]  # indices of lines main-content extraction left out
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, date, url, sitename, description, language
    # True when trafilatura found no main content: `lines` is then the flattened page, nothing marked outside
    fallback: bool = False
    # what each user CSS selector removed before extraction (its elements' text lines), for the preview;
    # those lines are not in `lines`, so no keep-exception can bring them back into the export
    removed_by_selector: dict[str, list[str]] = field(default_factory=dict)
    # lines trafilatura left out that were taken back as the article's lead or its pictures' captions (see
    # `recover_lead`, `recover_captions`); they are main lines (not in `outside_main`)
    recovered: frozenset[int] = frozenset()


def extract_page(
    html: str | bytes,
    selectors: tuple[str, ...] = (),
    recover: bool = True,
    budget: Budget | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    utf8: bytes | None = None,
) -> PageText:
    """The page's text lines with the main content found; never raises on bad HTML (may return no lines).

    With `recover`, prose lines just above trafilatura's main content (a lead or teaser paragraph it often
    misses) and figure captions within it count as main too; without it, the main lines are exactly
    trafilatura's output lines.
    Raises `OverBudget` when the page takes longer than its time budget (by default `DOCUMENT_SECONDS`).
    `extractor` is one of `EXTRACTORS`. `utf8`: the page's text (`html`) in UTF-8, when the caller has those bytes
    (`Decoded.utf8`): parsed as they are, not encoded again.
    """
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}; choose one of {', '.join(EXTRACTORS)}")
    try:
        return _extract_page(html, selectors, recover, budget or Budget(), extractor, utf8)
    except OverBudget:
        raise
    except Exception:  # a page trafilatura or lxml chokes on must not stop a batch
        log.exception("HTML extraction failed; falling back to the page's plain text")
        return _plain_page(html, selectors)


def _extract_page(html: str | bytes, selectors: tuple[str, ...], recover: bool, budget: Budget, extractor: str, utf8: bytes | None) -> PageText:
    text, utf8 = _page_text(html) if isinstance(html, bytes) else (html, utf8)
    removed: dict[str, list[str]] = {}
    if selectors:
        text, removed = remove_selected(text, selectors)
        utf8 = None  # another text now
    if extractor == "resiliparse":
        return _resiliparse_page(text, removed, recover, budget)
    tree = parse_html(text, utf8)
    if tree is None:
        return PageText([], frozenset(), fallback=True, removed_by_selector=removed)
    page_lines = flatten(tree) or _plain_lines(text)  # lxml gives up below 2,047 nested elements
    metadata = page_metadata(tree)
    captions = caption_lines(tree) if recover else frozenset()  # before trafilatura prunes the figures away
    main_text = main_content(tree, fast=extractor == "fast")  # prunes the tree: the last step to read it
    main_lines = main_text.split("\n") if main_text else []
    if not main_lines:
        return PageText(page_lines, frozenset(), metadata, fallback=True, removed_by_selector=removed)
    budget.check("main-content extraction")
    lines, outside = align(page_lines, main_lines, budget)
    recovered = recover_lead(lines, outside, metadata.get("description", "")) | recover_captions(lines, outside, captions) if recover else frozenset()
    return PageText(lines, outside - recovered, metadata, removed_by_selector=removed, recovered=recovered)


# ---------------------------------------------------------------- decoding and parsing


def decode_page(data: bytes) -> str:
    """A page's bytes as text, through the readers' one HTML decoder (winnow.readers.decode.decode_html: mark,
    UTF-8, the declared charset read as browsers do, then detection). Bytes that look binary are still read
    (as UTF-8 with replacements): whoever handed them over asked for this page's text."""
    return _page_text(data)[0]


def _page_text(data: bytes) -> tuple[str, bytes | None]:
    """`decode_page(data)`, with the bytes when they are the text in UTF-8 (`Decoded.utf8`)."""
    try:
        decoded = decode_html(data)
    except NotText:
        return data.decode("utf-8", errors="replace"), None
    return decoded.text, decoded.utf8


_per_thread = threading.local()  # lxml parsers and stylesheets are not to be shared between threads


def _parser() -> HTMLParser:
    # trafilatura's parser settings, plus huge_tree: without it libxml2 silently drops everything nested
    # deeper than 255 elements (and text nodes over 10 MB), which some generated pages reach
    if not hasattr(_per_thread, "parser"):
        parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
        # every element an HtmlElement, chosen in C: lxml.html's own lookup calls Python for each element
        # that trafilatura, htmldate and the metadata steps touch (it only adds form-field classes no step
        # here uses). Extraction and metadata run about 15 % faster, with the same output on both dev sets
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
        )
        _per_thread.parser = parser
    return _per_thread.parser


# the doctype with its internal subset, if any (`<!DOCTYPE html [ <!ENTITY x "a > b"> ]>`): quoted strings and
# the bracketed subset may hold ">", and nothing of it may reach the text. Comments before it are kept; their
# body may not run past "-->" (a lazy .*? could, and many comments would then backtrack exponentially)
_QUOTED = r"\"[^\"]*\"|'[^']*'"
_DOCTYPE = re.compile(
    rf"^((?:\s|<!--(?:[^-]|-(?!->))*-->|<\?xml[^>]*>)*)<!DOCTYPE(?:[^>\['\"]|{_QUOTED}|\[(?:[^\]'\"]|{_QUOTED})*\])*>",
    re.IGNORECASE | re.DOTALL,
)


def _without_doctype(text: str) -> str:
    # match, not sub: sub would try the anchored pattern at every position of the page
    found = _DOCTYPE.match(text)
    return text if found is None else found.group(1) + text[found.end() :]


def _encoded_without_doctype(text: str, utf8: bytes | None = None) -> bytes:
    """`_without_doctype(text)` in UTF-8, cut from the encoded page (`utf8`, when given, is it): a quarter faster than
    cutting the text, whose copies are two or four bytes a character on a page with a character beyond Latin-1."""
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    found = _DOCTYPE.match(text)
    if found is None:
        return data
    cut = len(text[: found.end()].encode("utf-8", "surrogatepass"))
    return found.group(1).encode("utf-8", "surrogatepass") + data[cut:]


def parse_html(text: str, utf8: bytes | None = None) -> HtmlElement | None:
    """The page's lxml tree, always rooted at <html> (a bare fragment gets one); None for a blank page. `utf8`, when
    given, is `text` in UTF-8 (a reader's `Decoded.utf8`): a tenth of the parse's time is encoding the text."""
    if not text or text.isspace():  # as `not text.strip()`, without copying the page
        return None
    # the doctype goes, as trafilatura does (some doctypes trip libxml2 up); bytes, so that a declared
    # encoding in the page cannot contradict the text's
    data = _encoded_without_doctype(text, utf8)
    try:
        return document_fromstring(data, parser=_parser())
    except (etree.ParserError, ValueError):  # "Document is empty": nothing but markup lxml discards
        return None


def remove_selected(text: str, selectors: tuple[str, ...]) -> tuple[str, dict[str, list[str]]]:
    """Remove the elements the user's CSS selectors match; returns the page left and what each removed."""
    from bs4 import BeautifulSoup

    _quiet_bs4()
    soup = BeautifulSoup(_without_doctype(text), "lxml")  # its internal subset would become text
    removed: dict[str, list[str]] = {}
    for selector in selectors:
        try:
            matches = soup.select(selector)
        except Exception:  # the caller filters invalid selectors; one slipping through must not lose the page
            log.warning("CSS selector %r could not be applied", selector)
            continue
        lines = removed.setdefault(selector, [])
        for element in matches:
            lines.extend(line for line in (" ".join(s.split()) for s in element.get_text("\n").split("\n")) if line)
            element.decompose()
    return str(soup), removed


def _quiet_bs4() -> None:
    """XHTML pages start with <?xml …?>; bs4 then warns on stderr for every page that it is parsing XML as HTML,
    which is what we mean to do."""
    from bs4 import XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)


def _plain_page(html: str | bytes, selectors: tuple[str, ...]) -> PageText:
    """The page's text without extraction, the user's selectors still applied (or nothing at all)."""
    try:
        text = decode_page(html) if isinstance(html, bytes) else html
        text, removed = remove_selected(text, selectors) if selectors else (text, {})
    except Exception:  # no text is safer than text the user's selectors should have removed
        log.exception("could not read the page's text at all")
        return PageText([], frozenset(), fallback=True)
    return PageText(_plain_lines(text), frozenset(), fallback=True, removed_by_selector=removed)


def _plain_lines(html: str | bytes) -> list[str]:
    """Last resort when lxml found no text or extraction failed: the text through Python's own HTML parser."""
    try:
        from bs4 import BeautifulSoup

        _quiet_bs4()
        if isinstance(html, str):
            html = _without_doctype(html)
        soup = BeautifulSoup(html, "html.parser")
        for element in soup(list(SKIPPED)):
            element.decompose()
        return [line for line in (" ".join(s.split()) for s in soup.get_text("\n").split("\n")) if line]
    except Exception:
        log.exception("could not read the page's text at all")
        return []


# ---------------------------------------------------------------- trafilatura


def main_content(tree: HtmlElement, fast: bool = False) -> str:
    """The text trafilatura.extract returns for the page (reference setting, or `fast` without its fallback
    extractors), "" when it finds none. Works on `tree` itself, which it prunes: call it last."""
    from trafilatura.utils import normalize_unicode

    text = _extract_in_place(tree, fast)
    return normalize_unicode(text).strip() if text else ""


def _extract_in_place(tree: HtmlElement, fast: bool) -> str | None:
    """trafilatura.bare_extraction(tree, **EXTRACTION_OPTIONS).text, minus the copy of the whole tree it makes
    first (a 30th of the extraction's time; no step here reads the tree after it). Its steps are not public API:
    when they change, the public call (tests/test_html_extract.py checks that both give the same text)."""
    try:
        from trafilatura.core import trafilatura_sequence
        from trafilatura.xml import xmltotxt

        options = _extractor_options(fast)
    except (ImportError, TypeError):
        return _bare_extraction_text(tree, fast)
    # metadata is found separately: asking trafilatura for it changes what it extracts on some pages
    try:  # as bare_extraction: a page it cannot handle has no main content
        with _winnows_extraction():
            body, text, _, comments = trafilatura_sequence(tree, options, None)
    except (TypeError, ValueError):
        return None
    if options.max_tree_size and len(body) > options.max_tree_size:
        etree.strip_tags(body, "hi")
        if len(body) > options.max_tree_size:
            return None
    if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
        return None
    return xmltotxt(body, options.formatting)


# trafilatura's steps (trafilatura.core, .external 2.3) that copy a tree whether or not a later step reads the
# copy, wrapped (once a process) by ones that, inside Winnow's extraction, copy only when the copy is read: per page
# a thirtieth (the raw tree for the comparison with readability, which recall mode skips on two pages in three)
# and a hundredth (the cleaned tree for jusText, read on one page in a hundred) of an extraction. Any other call
# of trafilatura (no flag set in its thread) runs its own steps through the wrappers, copies and all. So it does its
# own XPath expressions, which inside Winnow's extraction are guarded (`trafilatura_xpaths`: a tenth of its time).
_install_lock = threading.Lock()
_originals: dict[tuple[str, str], Any] = {}  # (module, name) -> trafilatura's own step, once the wrappers are in
_in_extraction = threading.local()  # .lazy: this thread is inside `_extract_in_place`


@contextmanager
def _winnows_extraction() -> Iterator[None]:
    """Within it, this thread's trafilatura steps copy only what is read and evaluate the guarded XPath expressions."""
    _xpaths_guarded()
    _lazy_steps_installed()  # when trafilatura's steps changed, its own run, copies and all
    outer = getattr(_in_extraction, "lazy", False)
    _in_extraction.lazy = True
    try:
        yield
    finally:
        _in_extraction.lazy = outer


_guarded_xpaths: list[int] = []  # how many of trafilatura's expressions are guarded, once they are


def _xpaths_guarded() -> None:
    """trafilatura's regex-testing XPath expressions guarded for Winnow's extraction (see `trafilatura_xpaths`)."""
    with _install_lock:
        if not _guarded_xpaths:
            _guarded_xpaths.append(trafilatura_xpaths.install(_lazy))


def _lazy_steps_installed() -> bool:
    with _install_lock:
        if not _originals:
            modules = {module: importlib.import_module(module) for module, _ in _LAZY_STEPS}
            if not all(hasattr(modules[module], name) for module, name in _LAZY_STEPS):
                return False
            for (module, name), lazy in _LAZY_STEPS.items():
                _originals[module, name] = getattr(modules[module], name)
                setattr(modules[module], name, lazy)
        return True


def _lazy() -> bool:
    return getattr(_in_extraction, "lazy", False)


class _CleanedOnDemand:
    """Stands for trafilatura's backup of the cleaned tree until jusText reads it: made then from the raw tree it
    was cleaned from (no step changes that tree meanwhile: readability reads a copy) by the same cleaning."""

    def __init__(self, raw: HtmlElement, options: Any) -> None:
        self.raw, self.options = raw, options

    def made(self) -> HtmlElement:
        from copy import copy

        from trafilatura import core

        return core.tree_cleaning(copy(self.raw), self.options)


def _prepare_tree_lazily(tree: HtmlElement, options: Any, url: str | None) -> tuple[HtmlElement, Any]:
    """core._prepare_tree, the backup made on demand (the comment capture reads it at once: then as it was)."""
    from copy import copy

    from trafilatura import core

    if not _lazy() or options.comments:
        return _originals["trafilatura.core", "_prepare_tree"](tree, options, url)
    cleaned = core.tree_cleaning(copy(tree), options)
    return core.convert_tags(cleaned, options, url), _CleanedOnDemand(tree, options)


def _extract_and_compare_lazily(cleaned_tree, cleaned_tree_backup, tree, options):
    """core._extract_and_compare, the raw tree copied for the comparison only when the comparison reads it."""
    from copy import copy

    if not _lazy():
        return _originals["trafilatura.core", "_extract_and_compare"](cleaned_tree, cleaned_tree_backup, tree, options)

    from trafilatura.external import compare_extraction
    from trafilatura.main_extractor import extract_content

    postbody, temp_text = extract_content(cleaned_tree, options)
    if not options.fast and not comparison_skipped(temp_text, options):
        postbody, temp_text = compare_extraction(cleaned_tree_backup, copy(tree), postbody, temp_text, options)
    return postbody, temp_text


def _justext_rescue_lazily(tree: Any, options: Any):
    """external.justext_rescue on the cleaned tree, made now if it was left to be made on demand."""
    return _originals["trafilatura.external", "justext_rescue"](tree.made() if isinstance(tree, _CleanedOnDemand) else tree, options)


_LAZY_STEPS = {
    ("trafilatura.core", "_prepare_tree"): _prepare_tree_lazily,
    ("trafilatura.core", "_extract_and_compare"): _extract_and_compare_lazily,
    ("trafilatura.external", "justext_rescue"): _justext_rescue_lazily,
}


def comparison_skipped(text: str, options) -> bool:
    """trafilatura.external.compare_extraction's own bypass: in recall mode a long enough text is kept as it is,
    the raw tree unread (tests/test_html_extract.py holds the two together)."""
    return options.focus == "recall" and len(text) > options.min_extracted_size * 10


@lru_cache(maxsize=2)
def _extractor_options(fast: bool):
    """trafilatura's options object for EXTRACTION_OPTIONS, built once a run (no extraction step changes it: its
    recall retry changes a copy)."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python",
        fast=fast,
        precision=EXTRACTION_OPTIONS.get("favor_precision", False),
        recall=EXTRACTION_OPTIONS["favor_recall"],
        comments=EXTRACTION_OPTIONS["include_comments"],
        formatting=EXTRACTION_OPTIONS["include_formatting"],
        tables=EXTRACTION_OPTIONS["include_tables"],
    )


def _bare_extraction_text(tree: HtmlElement, fast: bool) -> str | None:
    from trafilatura import bare_extraction

    document = bare_extraction(tree, **{**EXTRACTION_OPTIONS, "fast": fast})
    return getattr(document, "text", None)  # a trafilatura Document (a dict only when asked for one)


# trafilatura's search of the body for a byline when the head names no author: on the development set it
# finds 19 more right authors (56 instead of 37 of 138) but adds about a quarter to the extraction time
SEARCH_BODY_FOR_AUTHOR = False


def page_metadata(tree: HtmlElement) -> dict[str, str]:
    """Title, author, date, url, sitename, description and language from the page's head and JSON-LD.

    trafilatura's own metadata steps, minus the ones that cost more than the extraction's budget allows
    (searching the body for an author, categories, tags, licence); the date comes from htmldate's fast mode.
    Leaves the tree as it was.
    """
    try:
        found = _trafilatura_metadata(tree)
    except Exception:  # trafilatura's metadata helpers are not public API; fall back to the public call
        log.debug("lean metadata extraction failed, using trafilatura.extract_metadata", exc_info=True)
        from trafilatura import extract_metadata

        found = extract_metadata(tree)
    metadata = {}
    for name in SOURCE_METADATA_FIELDS:
        value = getattr(found, name, None)
        if isinstance(value, str) and value.strip():
            metadata[name] = value.strip()
    if "language" not in metadata:
        metadata.update(page_language(tree))
    return metadata


def _trafilatura_metadata(tree: HtmlElement):
    from trafilatura import metadata as tm

    with _head_alone(tree) as head:
        found = tm.examine_meta(head)
    if found.author and " " not in found.author:  # as trafilatura does: a single word is rarely a name
        found.author = None
    scripts = _json_scripts(tree)
    found = _meta_json(scripts, found)
    if SEARCH_BODY_FOR_AUTHOR and not found.author:
        found.author = tm.extract_author(tree)
    found.title = found.title or tm.extract_title(tree)
    if not found.url:
        with _head_alone(tree) as head:
            found.url = tm.extract_url(head, None)
    found.date = page_date(tree, found.url, scripts)
    if not found.sitename:
        with _head_alone(tree) as head:
            found.sitename = tm.extract_sitename(head)
    found.sitename = (found.sitename or "").lstrip("@") or None
    found.clean_and_trim()
    return found


# the scripts trafilatura and htmldate read as JSON-LD: `.//script[@type="application/ld+json" or @type=…]`
_JSON_SCRIPT_TYPES = frozenset({"application/ld+json", "application/settings+json"})
_JSON_MINIFY = re.compile(r'("(?:\\.|[^"\\])*")|\s+')  # trafilatura's JSON_MINIFY, a run of spaces at a time


def _json_scripts(tree: HtmlElement) -> list[HtmlElement]:
    """The page's JSON-LD scripts, found once for the metadata and the date (trafilatura and htmldate each evaluate
    the XPath above), by lxml's walk of the tree by tag, a third faster than libxml2's XPath."""
    return [script for script in tree.iter("script") if script.get("type") in _JSON_SCRIPT_TYPES]


def _meta_json(scripts: list[HtmlElement], found):
    """trafilatura.metadata.extract_meta_json (2.3) on the scripts found, with the same text handling at C speed:
    its minifying regex substitutes through a Python template once per space, its normalisation walks the text
    character by character in Python."""
    from trafilatura import json_metadata as tj

    for script in scripts:
        if not script.text:
            continue
        text = _normalize_json(_JSON_MINIFY.sub(_json_string, script.text))
        try:
            found = tj.extract_json(json.loads(text, strict=False), found)
        except json.JSONDecodeError:
            found = tj.extract_json_parse_error(text, found)
    return found


def _json_string(match: re.Match) -> str:
    return match.group(1) or ""


def _normalize_json(text: str) -> str:
    """trafilatura.json_metadata.normalize_json, lone surrogates removed by a regex."""
    from trafilatura import json_metadata as tj

    if "\\" in text:
        text = text.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        text = tj.JSON_UNICODE_REPLACE.sub(lambda match: chr(int(match[1], 16)), text)
        text = unescape(LONE_SURROGATE.sub("", text))
    return tj.trim(tj.HTML_STRIP_TAGS.sub("", text))


@contextmanager
def _head_alone(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The page's <head> (lxml puts every one under the root) moved for a moment under a root of its own.

    trafilatura's head steps (meta tags, canonical URL, site name) search `.//head/…`, which makes libxml2 visit
    every node of the page to find the head: a tenth of the metadata's time. On the head alone they find the
    same elements. The head is put back where it was, tail and all (moving relinks nodes, it copies nothing).
    """
    heads = [(i, child) for i, child in enumerate(tree) if child.tag == "head"]
    alone = tree.makeelement(tree.tag)
    for _, head in heads:
        alone.append(head)
    try:
        yield alone
    finally:
        for i, head in heads:
            tree.insert(i, head)


def page_date(tree: HtmlElement, url: str | None = None, scripts: list[HtmlElement] | None = None) -> str | None:
    """The page's publication date as htmldate's fast mode finds it (`find_date(tree, extensive_search=False,
    original_date=True)`). find_date prunes a copy of any tree it is given, which costs a 30th of an
    extraction; here the steps read `tree` itself, and the body search (a third of the pages) prunes it in place
    and puts back what it removed (`UndoablePruning`). Leaves the tree as it was."""
    try:
        return _htmldate_fast(tree, url, _json_scripts(tree) if scripts is None else scripts)
    except (ImportError, AttributeError, TypeError):  # htmldate's steps are not public API: its public call
        log.debug("htmldate's steps changed, using htmldate.find_date", exc_info=True)
        from htmldate import find_date

        return find_date(tree, extensive_search=False, original_date=True, url=url)


def _htmldate_fast(tree: HtmlElement, url: str | None, scripts: list[HtmlElement]) -> str | None:
    # htmldate.core.find_date (htmldate 1.11) with extensive_search=False, step by step, without its deepcopy
    from htmldate import core as hd

    options = hd.Extractor(False, hd.get_max_date(None), hd.get_min_date(None), True, "%Y-%m-%d")
    if url is None:
        canonical = tree.find('.//link[@rel="canonical"]')
        url = canonical.get("href") if canonical is not None else None
    found = hd.extract_url_date(url, options) or hd.examine_header(tree, options) or _json_date(scripts, options)
    found = found or hd.examine_abbr_elements(tree, options)
    if found is not None:
        return found
    pruning = UndoablePruning()
    try:
        return _search_body(tree, options, pruning)
    finally:
        pruning.undo()


def _search_body(search_tree: HtmlElement, options, pruning: UndoablePruning) -> str | None:
    # the rest of find_date's fast mode, its pruning done by `pruning` on the page's own tree
    from htmldate import core as hd

    try:
        pruning.discard_unwanted(pruning.clean_html(search_tree, hd.CLEANING_LIST))
    except ValueError:  # as find_date: lxml's cleaner failed, search the tree as it is
        pass
    found = (
        hd.examine_elements(_date_candidates(search_tree), options)
        or hd.examine_elements(list(search_tree.iterdescendants("title", "h1")), options)  # its XPath ".//title|.//h1", a third faster
        or hd.examine_time_elements(search_tree, options)
    )
    if found is not None:
        return found
    html = hd.serialize(search_tree)
    found = hd.pattern_search(html, hd.TIMESTAMP_PATTERN, options) or hd.img_search(search_tree, options) or hd.idiosyncrasies_search(html, options)
    if found is not None:
        return found
    pruning.clean_html(search_tree, ["script", "style"])
    return hd.pattern_search(" ".join(search_tree.itertext()), hd.TIMESTAMP_LOOSE_PATTERN, options)


def _date_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """htmldate.core.date_candidates(tree, extensive_search=False) (1.11), each set of attributes judged once: whether
    an element is a candidate depends on its attributes alone, and a page repeats the same few classes (a fifth
    less time)."""
    from htmldate import core as hd
    from htmldate.extractors import FAST_TAGS

    always = hd.ALWAYS_TAGS
    judged: dict[tuple[tuple[str, str], ...], bool] = {}
    found = []
    for element in tree.iterdescendants(*FAST_TAGS, *always):
        if element.tag not in always:
            attributes = tuple(element.items())
            candidate = judged.get(attributes)
            if candidate is None:
                candidate = judged[attributes] = hd.is_date_candidate(element)
            if not candidate:
                continue
        found.append(element)
    return found


class UndoablePruning:
    """htmldate's pruning steps (`clean_html`, `discard_unwanted`, 1.11) done on the tree itself, each removal
    recorded so that `undo` puts every element, and the text it moved, back where it was: relinking the few
    removed elements, where htmldate deep-copies the whole page to prune the copy."""

    def __init__(self) -> None:
        # (parent, index, element, the element or attribute whose text the removal changed, its text before)
        self._removed: list[tuple[HtmlElement, int, HtmlElement, HtmlElement | None, str, str | None]] = []

    def clean_html(self, tree: HtmlElement, tags: list[str]) -> HtmlElement:
        """htmldate.utils.clean_html: drops every element of these tags (each iterated as htmldate does)."""
        for element in tree.iter(tags):
            self._drop_tree(element)
        return tree

    def discard_unwanted(self, tree: HtmlElement) -> HtmlElement:
        """htmldate.extractors.discard_unwanted: removes the web archive's toolbar, tail and all."""
        from htmldate.extractors import DISCARD_EXPRESSIONS

        for subtree in DISCARD_EXPRESSIONS(tree):
            parent = subtree.getparent()
            if parent is not None:
                index = parent.index(subtree)
                parent.remove(subtree)  # lxml moves the tail along with the element
                self._removed.append((parent, index, subtree, None, "", None))
        return tree

    def _drop_tree(self, element: HtmlElement) -> None:
        # lxml.html's drop_tree: the element goes, its tail is joined to the text before it
        parent, previous = element.getparent(), element.getprevious()
        holder, attribute = (parent, "text") if previous is None else (previous, "tail")
        before = getattr(holder, attribute)
        index = parent.index(element)
        element.drop_tree()
        self._removed.append((parent, index, element, holder, attribute, before))

    def undo(self) -> None:
        for parent, index, element, holder, attribute, before in reversed(self._removed):
            if holder is not None:
                setattr(holder, attribute, before)
            parent.insert(index, element)
        self._removed.clear()


def _json_date(scripts: list[HtmlElement], options) -> str | None:
    """htmldate.extractors.json_search (1.11) on the JSON-LD scripts already found."""
    from htmldate import extractors as he

    pattern = he.JSON_PUBLISHED if options.original else he.JSON_MODIFIED
    for script in scripts:
        if script.text and '"date' in script.text:
            found = he.pattern_search(script.text, pattern, options)
            if found is not None:
                return found
    return None


def page_language(tree: HtmlElement) -> dict[str, str]:
    """The language the page declares (<html lang>, or a content-language meta tag)."""
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        metas = tree.xpath('//meta[translate(@http-equiv,"CONTENT-LAGU","content-lagu")="content-language"]/@content')
        lang = metas[0] if metas else ""
    lang = lang.strip()
    return {"language": lang} if lang else {}


# ---------------------------------------------------------------- resiliparse (the crawl tier)

# resiliparse's HTML-to-text settings for both the page and its main content: no bullets, alt texts,
# form fields or comment sections (trafilatura's reference setting leaves comments out too)
_RESILIPARSE_TEXT: dict[str, Any] = dict(
    preserve_formatting=True,
    list_bullets=False,
    alt_texts=False,
    links=False,
    form_fields=False,
    noscript=False,
    comments=False,
)


def _resiliparse_page(text: str, removed: dict[str, list[str]], recover: bool, budget: Budget) -> PageText:
    """The page through resiliparse: its main-content text aligned onto its text of the whole page, the
    title and declared language as metadata (no date or author search: that is what makes it fast)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(text)
    page_lines = _lines(extract_plain_text(tree, **_RESILIPARSE_TEXT).replace("\n", _BREAK))
    main_lines = _lines(extract_plain_text(tree, main_content=True, **_RESILIPARSE_TEXT).replace("\n", _BREAK))
    metadata = {}
    title = " ".join((tree.title or "").split())
    if title:
        metadata["title"] = title
    root = tree.document.query_selector("html") if tree.document is not None else None
    lang = (root.getattr("lang") or "").strip() if root is not None else ""
    if lang:
        metadata["language"] = lang
    budget.check("main-content extraction")
    if not main_lines:
        return PageText(page_lines, frozenset(), metadata, fallback=True, removed_by_selector=removed)
    lines, outside = align(page_lines, main_lines, budget)
    recovered = recover_lead(lines, outside, metadata.get("description", "")) if recover else frozenset()
    return PageText(lines, outside - recovered, metadata, removed_by_selector=removed, recovered=recovered)


# ---------------------------------------------------------------- flattening

# not rendered as text
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object", "canvas"})
# rendered inside the running text: they never start a new line
INLINE = frozenset(
    """a abbr acronym b bdi bdo big cite code data del dfn em font i img ins kbd label mark nobr q rp rt rb ruby
    s samp small span strike strong sub sup time tt u var wbr math""".split()
)
_BREAK = "\ue000"  # a forced line break (<br>, a newline inside <pre>) in the text being gathered
# an inline element holding a photo credit or copyright line ('<span class="credit">', itemprop="copyrightHolder")
# is a line of its own: glued to the caption before it ("… the river.Credit Jane Doe") it would make the caption
# read as neither a sentence nor a credit. The test, as XPath (the stylesheet) and in Python (the walk), agree
_CREDIT_TEST = "contains(@class, 'credit') or contains(@class, 'copyright') or contains(@itemprop, 'copyright')"


def _credit_element(element: HtmlElement) -> bool:
    """An element `_CREDIT_TEST` matches."""
    names = element.get("class") or ""
    return "credit" in names or "copyright" in names or "copyright" in (element.get("itemprop") or "")


def _templates(mode: str) -> str:
    """The flattening templates for one mode: inside <pre> (mode "pre") the same, but newlines break lines."""
    inline, skipped, attribute = "|".join(sorted(INLINE)), "|".join(sorted(SKIPPED)), f' mode="{mode}"' if mode else ""
    apply = f"<xsl:apply-templates{attribute}/>"
    credit = "|".join(f"{tag}[{_CREDIT_TEST}]" for tag in sorted(INLINE))
    return f"""<xsl:template match="*"{attribute}>{_BREAK}{apply}{_BREAK}</xsl:template>
<xsl:template match="{inline}"{attribute}>{apply}</xsl:template>
<xsl:template match="{credit}"{attribute}>{_BREAK}{apply}{_BREAK}</xsl:template>
<xsl:template match="{skipped}|comment()|processing-instruction()"{attribute}/>
<xsl:template match="br"{attribute}>{_BREAK}</xsl:template>
<xsl:template match="pre"{attribute}>{_BREAK}<xsl:apply-templates mode="pre"/>{_BREAK}</xsl:template>
"""


# <pre> switches to a mode of its own rather than matching "pre//text()", which libxslt tests by walking up
# from every text node of the page: the walk took two fifths of the flattening's time
_STYLESHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
{_templates("")}{_templates("pre")}<xsl:template match="text()" mode="pre"><xsl:value-of select="translate(., '&#10;', '{_BREAK}')"/></xsl:template>
</xsl:stylesheet>"""


def flatten(root: HtmlElement) -> list[str]:
    """The page's visible text, one line per block, inline elements kept within their sentence.

    An XSLT stylesheet does the walk in C (twice as fast as walking in Python); a tree too deep for
    libxslt is walked in Python instead.
    """
    if not hasattr(_per_thread, "flattener"):
        _per_thread.flattener = etree.XSLT(etree.XML(_STYLESHEET))
    try:
        text = bytes(_per_thread.flattener(root)).decode("utf-8")  # str() decodes the same bytes, more slowly
    except etree.XSLTError:
        return _flatten_by_walking(root)
    return _lines(text)


def _lines(text: str) -> list[str]:
    """Lines between breaks, spaces collapsed, in NFC like trafilatura's output."""
    text = unicodedata.normalize("NFC", text)
    return [" ".join(part.split()) for part in text.split(_BREAK) if part and not part.isspace()]


def _flatten_by_walking(root: HtmlElement) -> list[str]:
    """The same flattening as the stylesheet's, element by element."""
    return _lines("".join(text for text, _ in _walk(root)))


def _walk(root: HtmlElement, marks: dict | None = None) -> Iterator[tuple[str, str | None]]:
    """The page's text pieces in order, breaks included, each with the mark of the innermost marked element
    it lies in (`marks`: element -> mark; None outside every marked element)."""
    marks = marks or {}
    stack: list[str | None] = [None]  # the mark in force inside each open element
    in_pre = 0

    def piece(text: str | None) -> Iterator[tuple[str, str | None]]:
        if text:
            yield (text.replace("\n", _BREAK) if in_pre else text), stack[-1]

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag
        if event in ("comment", "pi"):
            yield from piece(element.tail)
        elif not isinstance(tag, str):
            continue
        elif event == "start":
            stack.append(marks.get(element, stack[-1]))
            if tag in SKIPPED:
                walker.skip_subtree()
            elif tag == "br":
                yield _BREAK, None
            else:
                if tag not in INLINE or _credit_element(element):
                    yield _BREAK, None
                in_pre += tag == "pre"
                yield from piece(element.text)
        else:
            if (tag not in INLINE or _credit_element(element)) and tag not in SKIPPED and tag != "br":
                yield _BREAK, None
            in_pre -= tag == "pre" and in_pre > 0
            if len(stack) > 1:
                stack.pop()
            yield from piece(element.tail)


# ---------------------------------------------------------------- CSS selectors as line decisions


def css_selector_error(selector: str) -> str | None:
    """Why `selector` cannot be used on a page, or None when it can."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    if not selector.strip():
        return "empty selector"
    try:
        CSSSelector(selector, translator="html")
    except (SelectorError, ValueError) as exc:  # cssselect's syntax errors and unsupported pseudo-classes
        return str(exc).splitlines()[0] or type(exc).__name__
    return None


def _compiled_selector(selector: str):
    """The selector compiled for this thread (lxml's XPath evaluators are not to be shared between threads)."""
    from lxml.cssselect import CSSSelector

    compiled = _per_thread.__dict__.setdefault("selectors", {})
    if selector not in compiled:
        compiled[selector] = CSSSelector(selector, translator="html")
    return compiled[selector]


def selected_lines(html: str, lines: list[str], selectors: tuple[str, ...]) -> dict[int, str]:
    """Which of a page's `lines` (as `extract_page` gave them) lie inside an element one of `selectors`
    matches: line index -> the first such selector. Invalid selectors are left out.

    The page's lines are not extracted again: the page is parsed, its lines flattened with the selected
    elements marked, and those lines found among `lines` (n·log n, cached per page and selector).
    """
    found: dict[int, str] = {}
    key = tuple(lines)
    for selector in selectors:
        for i in _lines_selected_by(html, key, selector):
            found.setdefault(i, selector)
    return found


@lru_cache(maxsize=4096)
def _lines_selected_by(html: str, lines: tuple[str, ...], selector: str) -> frozenset[int]:
    if css_selector_error(selector):
        return frozenset()
    tree = parse_html(html)
    if tree is None:
        return frozenset()
    marks = {element: selector for element in _compiled_selector(selector)(tree)}
    if not marks:
        return frozenset()
    page_lines, page_marked = _marked_lines(tree, marks)
    return frozenset(_map_marked(page_lines, page_marked, list(lines)))


def _marked_lines(root: HtmlElement, marks: dict) -> tuple[list[str], list[bool]]:
    """The page's lines as `flatten` gives them, and for each whether all its text is in a marked element."""
    lines: list[str] = []
    marked: list[bool] = []
    texts: list[str] = []
    inside = True
    for text, mark in [*_walk(root, marks), (_BREAK, None)]:
        if text == _BREAK:
            line = " ".join(unicodedata.normalize("NFC", "".join(texts)).split())
            if line:
                lines.append(line)
                marked.append(inside)
            texts, inside = [], True
            continue
        texts.append(text)
        if text.strip() and mark is None:
            inside = False
    return lines, marked


def _map_marked(page: list[str], marked: list[bool], lines: list[str]) -> Iterator[int]:
    """Indices of `lines` that are marked page lines: the same line, or (where extraction rewrote the
    lines, e.g. table rows) a line whose words mostly come from marked page lines nearby."""
    for op, i1, i2, j1, j2 in opcodes(page, lines):
        if op == "equal":
            yield from (j1 + k for k in range(i2 - i1) if marked[i1 + k])
        elif op == "replace":
            words = {w for i in range(i1, i2) if marked[i] for w in _words(page[i])}
            if not words:
                continue
            for j in range(j1, j2):
                seq = _words(lines[j])
                if seq and 2 * sum(w in words for w in seq) > len(seq):
                    yield j


# ---------------------------------------------------------------- alignment


def _words(line: str) -> list[str]:
    return tokens(line)


def align(page: list[str], main: list[str], budget: Budget | None = None) -> tuple[list[str], frozenset[int]]:
    """Merge the main-content lines into the page lines: page lines the main content covers are replaced
    by it, the others are kept and returned as 'outside'. Main lines that match nothing stay, in order.

    Lines are matched by an anchored diff (n·log n, see `winnow.text.diff`), then, where page and main
    lines differ, word by word the same way."""
    check = (budget or Budget()).check
    lines: list[str] = []
    outside: set[int] = set()
    # page lines come normalised from `flatten`; trafilatura's are NFC but may have stray spaces
    for op, i1, i2, j1, j2 in opcodes(page, [" ".join(s.split()) for s in main], check):
        if op == "equal":
            lines.extend(main[j1:j2])
        elif op == "delete":
            outside.update(range(len(lines), len(lines) + i2 - i1))
            lines.extend(page[i1:i2])
        elif op == "insert":
            lines.extend(main[j1:j2])
        else:
            for is_main, line in _merge_by_words(page[i1:i2], main[j1:j2], check):
                if not is_main:
                    outside.add(len(lines))
                lines.append(line)
    return lines, frozenset(outside)


def _merge_by_words(page: list[str], main: list[str], check) -> Iterator[tuple[bool, str]]:
    """Where page and main lines differ (a table row vs its cells, a split or joined paragraph), match them
    word by word: a page line whose words are mostly in the main lines is replaced by them."""
    page_seqs = [_words(line) for line in page]
    main_seqs = [_words(line) for line in main]
    page_line = [i for i, seq in enumerate(page_seqs) for _ in seq]  # the line of each word
    main_line = [j for j, seq in enumerate(main_seqs) for _ in seq]
    blocks = matching_blocks(list(chain.from_iterable(page_seqs)), list(chain.from_iterable(main_seqs)), check)
    hits = Counter(chain.from_iterable(page_line[a : a + size] for a, _, size in blocks))
    anchor: dict[int, int] = {}  # main line -> the first page line its words were found in
    for a, b, size in reversed(blocks):  # dict.update keeps the last it is given: backwards, the first stays
        anchor.update(zip(reversed(main_line[b : b + size]), reversed(page_line[a : a + size])))
    covered = {i for i, n in hits.items() if 2 * n >= len(page_seqs[i])}
    positions = _positions(len(main), anchor)
    j = 0
    for i, line in enumerate(page):
        while j < len(main) and positions[j] <= i:
            yield True, main[j]
            j += 1
        if i not in covered:
            yield False, line
    for rest in main[j:]:
        yield True, rest


def _positions(count: int, anchor: dict[int, int]) -> list[int]:
    """Where each main line goes among the page lines: at its anchor; an unplaced line right after the
    line before it (or before the first placed one, or at the start when none is placed)."""
    positions = [anchor.get(j, -1) for j in range(count)]
    last = -1
    for j, position in enumerate(positions):
        if position < 0:
            positions[j] = last
        else:
            last = position
    first = next((p for p in positions if p >= 0), 0)
    return [first if p < 0 else p for p in positions]


# ---------------------------------------------------------------- lead recovery

# trafilatura often leaves out an article's lead paragraph, which sites put in the header above the body.
# A line outside its main content is taken back only on strong evidence: it sits just above the main
# content, reads as a finished sentence (not a truncated teaser "…"), shares topic words with the start of
# the article, is not one of several headline-and-teaser pairs (a list of other stories), and the page's own
# description (meta/og:description) says the same: on-topic prose above an article is as often a standfirst,
# another story's teaser or the author's bio, which references of English news leave out (bench/quality.py:
# devset-en HTML +0.001, the English tuning pages no longer take back a headline, bio or standfirst; devset
# -0.002, its leads mostly are the description).
LEAD_WINDOW = 12
LEAD_MIN_WORDS = 10
LEAD_SHARED_STEMS = 2  # topic words a lead shares with the article's opening
OPENING_CHARS = 1500  # how much of the main content is the article's opening
TEASER_PAIRS = 2  # this many headline-then-sentence pairs above the article make a list of other stories
HEADLINE_WORDS = 20
SUMMARY_SHARE = 0.8  # of a lead's words the page's declared description repeats
# a sentence's end (text/sentences.py), or a quote's or an introduction's; not an ellipsis: a truncated teaser
_SENTENCE_END = tuple(SENTENCE_END_MARKS.replace("…", "") + ":\"»“”'")
_TRUNCATED = ("…", "...")
_MENU_SEPARATOR = re.compile(r"\s[|»>/•·]\s")  # breadcrumbs and menus: "Home / News / …"


def recover_lead(lines: list[str], outside: frozenset[int], summary: str) -> frozenset[int]:
    """Outside lines just above the main content that read as the article's lead (see above)."""
    first = next((i for i in range(len(lines)) if i not in outside), None)
    if first is None:
        return frozenset()
    window = range(max(0, first - LEAD_WINDOW), first)
    candidates = [i for i in window if reads_as_prose(lines[i]) and _declared_summary(lines[i], summary)]
    if not candidates or _teaser_list(lines, window, candidates):
        return frozenset()
    opening = _opening_stems(lines, outside, first)
    return frozenset(i for i in candidates if len(_stems(lines[i]) & opening) >= LEAD_SHARED_STEMS)


def reads_as_prose(line: str) -> bool:
    """A sentence or more: enough words, ends like a finished sentence, and is not a menu or breadcrumb trail."""
    text = line.rstrip()
    return len(line.split()) >= LEAD_MIN_WORDS and text.endswith(_SENTENCE_END) and not text.endswith(_TRUNCATED) and len(_MENU_SEPARATOR.findall(line)) < 2


def _declared_summary(line: str, summary: str) -> bool:
    """The page's own description (meta description, og:description) says the same as the line."""
    words = _words(line)
    if not words:
        return False
    declared = set(_words(summary))
    return sum(w in declared for w in words) >= SUMMARY_SHARE * len(words)


def _teaser_list(lines: list[str], window: range, candidates: list[int]) -> bool:
    """Several sentences each right after a headline-shaped line: teasers of other stories, not one lead."""
    pairs = sum(1 for i in candidates if i - 1 in window and _headline_shaped(lines[i - 1]))
    return pairs >= TEASER_PAIRS


def _headline_shaped(line: str) -> bool:
    text = line.rstrip()
    return 2 < len(text.split()) <= HEADLINE_WORDS and not text.endswith((".", "!", "?", ":"))


def _opening_stems(lines: list[str], outside: frozenset[int], first: int) -> set[str]:
    found: set[str] = set()
    taken = 0
    for i in range(first, len(lines)):
        if taken >= OPENING_CHARS:
            break
        if i not in outside:
            found |= _stems(lines[i])
            taken += len(lines[i])
    return found


def _stems(line: str) -> set[str]:
    # six-letter prefixes of the longer words: topic words across inflections ("Piloten"/"Pilotinnen"),
    # without a stoplist, so it works the same in every language
    return {w[:6] for w in _words(line) if len(w) >= 5 and not w.isdigit()}


# ---------------------------------------------------------------- figure captions

# trafilatura leaves figures out, captions and all; references of English news keep the caption of a picture
# inside the article (Readability's, as the pages' readers see it). A caption is taken back when it lies between
# the main content's first and last lines and reads as a sentence: it ends as one, or holds one before its credit
# ("… on Monday. (Jane Doe / Agency)"). Its credit, when the page marks it (`_credit_element`), is a line of its
# own and stays out; the line rules then judge the caption like any main line (a credit-only caption is furniture).
# Short labels ("Photo", "Image 2 of 5") and unfinished phrases ("Jane Doe at the town hall") stay out: trafilatura's
# own benchmark leaves captions out, and those are most of the captions it marks (bench/quality.py: devset-en HTML
# tuning +0.002 F1, devset -0.001).
CAPTION_MIN_WORDS = 4
# one walk of the tree (a union of two "//" paths walks it twice), "Caption" and "CAPTION" too
_CAPTIONS = etree.XPath("//*[self::figcaption or contains(@class, 'aption') or contains(@class, 'APTION')]")
_CAPTION_CLASS = re.compile(r"caption(?!s)", re.IGNORECASE)  # not "captions", a video player's subtitles button
# a sentence's end inside a line: after a word of two letters or more (not an initial, "Jane M. Doe"), then a
# space, the line's end or a capital ("… on Monday.Credit Jane Doe")
_SENTENCE_INSIDE = re.compile(r"\w\w[.!?][\"'”’)]*(?:\s|$|(?=[A-Z]))")


def caption_lines(tree: HtmlElement) -> frozenset[str]:
    """The lines of the page's figure captions (<figcaption>, or an element whose class names a caption)."""
    found: set[str] = set()
    for element in _CAPTIONS(tree):
        if element.tag == "figcaption" or _CAPTION_CLASS.search(element.get("class") or ""):
            found.update(_flatten_by_walking(element))
    return frozenset(found)


def recover_captions(lines: list[str], outside: frozenset[int], captions: frozenset[str]) -> frozenset[int]:
    """Outside lines among the main content's that are captions reading as a sentence (see above)."""
    main = [i for i in range(len(lines)) if i not in outside]
    if not main or not captions:
        return frozenset()
    return frozenset(i for i in range(main[0], main[-1]) if i in outside and lines[i] in captions and _caption_sentence(lines[i]))


def _caption_sentence(line: str) -> bool:
    text = line.rstrip()
    return len(text.split()) >= CAPTION_MIN_WORDS and (text.endswith(_SENTENCE_END) or _SENTENCE_INSIDE.search(text) is not None)
