"""HTML files: decoding (mark, UTF-8, declared charset, detection) and the hand-over to extract_page."""

from __future__ import annotations

import gzip
import re

import pytest

from winnow.core.model import Document, Problem
from winnow.readers import ReadOptions, read_paths
from winnow.readers.decode import decode_html, declared_charset
from winnow.readers.html import PageText

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Grüße</title></head>
<body><nav>Startseite</nav><article><p>Der Preis beträgt 20 € – „schön“.</p></article></body></html>
"""


@pytest.fixture
def fake_extract(monkeypatch):
    """Stands in for extract_page: each tag-free text run is a line; lines inside <nav> are 'outside'."""
    received = []

    def extract_page(html, selectors=(), extractor="trafilatura", utf8=None):
        received.append(html)
        body = re.sub(r"<head>.*?</head>", "", html, flags=re.S)
        lines, outside = [], set()
        for part in re.split(r"(<nav>.*?</nav>)", body, flags=re.S):
            runs = [t.strip() for t in re.split(r"<[^>]+>", part) if t.strip()]
            if part.startswith("<nav>"):
                outside.update(range(len(lines), len(lines) + len(runs)))
            lines.extend(runs)
        return PageText(lines, frozenset(outside), {"title": "from the page"})

    monkeypatch.setattr("winnow.readers.html.extract_page", extract_page)
    return received


def one(items) -> Document:
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


@pytest.mark.parametrize("suffix", [".html", ".htm", ".xhtml", ".HTML"])
def test_html_document_from_extract_page(tmp_path, fake_extract, suffix):
    path = tmp_path / f"page{suffix}"
    html = PAGE.format(charset="utf-8")
    path.write_text(html, encoding="utf-8")
    doc = one(read_paths([path]))
    assert doc.format == "html"
    assert doc.content == html
    assert fake_extract == [html]  # extract_page gets the decoded page
    assert doc.lines == ["Startseite", "Der Preis beträgt 20 € – „schön“."]
    assert doc.outside_main == frozenset({0})
    assert doc.metadata == {"title": "from the page"}
    assert doc.encoding == "utf-8"


def test_declared_cp1252_page_is_decoded_with_it(tmp_path, fake_extract):
    path = tmp_path / "legacy.html"
    path.write_bytes(PAGE.format(charset="iso-8859-1").encode("cp1252"))
    doc = one(read_paths([path]))
    assert doc.encoding == "cp1252"  # browsers read latin-1 labels as windows-1252: € and „“ survive
    assert doc.lines[1] == "Der Preis beträgt 20 € – „schön“."


def test_page_declaring_latin1_but_written_in_utf8_is_read_as_utf8(tmp_path, fake_extract):
    path = tmp_path / "liar.html"
    path.write_bytes(PAGE.format(charset="iso-8859-1").encode("utf-8"))
    doc = one(read_paths([path]))
    assert doc.encoding == "utf-8" and "Grüße" in doc.content


def test_undeclared_legacy_page_is_detected(tmp_path, fake_extract):
    path = tmp_path / "nodecl.htm"
    html = PAGE.replace('<meta charset="{charset}">', "").replace("20 €", "20 € und Öl, Süßes für Mädchen")
    path.write_bytes(html.encode("cp1252"))
    doc = one(read_paths([path]))
    assert "20 € und Öl, Süßes für Mädchen" in doc.lines[1]


def test_utf16_page_with_bom(tmp_path, fake_extract):
    path = tmp_path / "wide.html"
    path.write_bytes(PAGE.format(charset="utf-16").encode("utf-16"))
    doc = one(read_paths([path]))
    assert doc.lines[1] == "Der Preis beträgt 20 € – „schön“."


def test_declared_charset_forms():
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">') == "cp1252"
    assert declared_charset(b"<meta charset='Shift_JIS'>") == "shift_jis"
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-15"?>') == "iso8859-15"
    assert declared_charset(b"<meta charset=nonsense-codec>") is None
    assert declared_charset(b"<p>charset=utf-8 in the text</p>") is None


def test_seven_bit_declared_encoding_is_not_taken_for_utf8():
    text = "日本語のページ"
    data = f'<html><head><meta charset="iso-2022-jp"></head><body>{text}</body></html>'.encode("iso-2022-jp")
    assert text in decode_html(data).text


def test_unknown_extension_with_html_content_is_html(tmp_path, fake_extract):
    path = tmp_path / "article.php"
    path.write_text("<!-- saved by wget -->\n" + PAGE.format(charset="utf-8"), encoding="utf-8")
    assert one(read_paths([path])).format == "html"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8-sig")
    assert one(read_paths([path])).format == "html"
    path.write_text("Plain notes that mention <html> tags.\n", encoding="utf-8")
    assert one(read_paths([path])).format == "text"


def test_gzipped_html(tmp_path, fake_extract):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.format(charset="utf-8").encode()))
    doc = one(read_paths([path]))
    assert doc.source == "page.html.gz" and doc.format == "html"


def test_long_html_lines_are_split_and_outside_indices_follow(tmp_path, monkeypatch):
    def extract_page(html, selectors=(), extractor="trafilatura", utf8=None):
        return PageText(["Menu", "Long sentence here. " * 100, "Footer"], frozenset({0, 2}))

    monkeypatch.setattr("winnow.readers.html.extract_page", extract_page)
    path = tmp_path / "long.html"
    path.write_text("<html><body>x</body></html>", encoding="utf-8")
    doc = one(read_paths([path], ReadOptions(max_line_chars=500)))
    assert doc.lines[0] == "Menu" and doc.lines[-1] == "Footer"
    assert len(doc.lines) > 5
    assert doc.outside_main == frozenset({0, len(doc.lines) - 1})
    assert doc.warnings


def test_extraction_failure_or_no_text_is_a_problem(tmp_path, monkeypatch):
    path = tmp_path / "bad.html"
    path.write_text("<html><body><p>text</p></body></html>", encoding="utf-8")

    def broken(html, selectors=(), extractor="trafilatura", utf8=None):
        raise ValueError("parser exploded")

    monkeypatch.setattr("winnow.readers.html.extract_page", broken)
    (problem,) = read_paths([path])
    assert isinstance(problem, Problem) and problem.source == "bad.html" and "parser exploded" in problem.message

    monkeypatch.setattr("winnow.readers.html.extract_page", lambda html, selectors=(), extractor="trafilatura", utf8=None: PageText([], frozenset()))
    (problem,) = read_paths([path])
    assert isinstance(problem, Problem) and "no text" in problem.message


def test_real_extraction_of_a_truncated_page(tmp_path):
    """With the real extract_page (once it exists): a page cut off mid-tag still imports its text."""
    from winnow.readers.html import extract_page

    try:
        extract_page("<html><body><p>probe</p></body></html>")
    except NotImplementedError:
        pytest.skip("extract_page is not written yet")
    path = tmp_path / "cut.html"
    paragraph = "This paragraph of the article is long enough to count as main content for any extractor. "
    path.write_text(
        f"<html><head><title>Cut</title></head><body><article><h1>Cut short</h1><p>{paragraph * 3}</p><p>{paragraph * 2}</p><p>And then the download stop",
        encoding="utf-8",
    )
    doc = one(read_paths([path]))
    assert any(paragraph.strip() in line for line in doc.lines)
