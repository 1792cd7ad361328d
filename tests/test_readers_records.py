"""Scraper outputs: JSON, JSONL, CSV, TSV; text field detection and override; metadata; HTML in a field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from winnow.core.model import Document, Problem, document_id
from winnow.readers import ReadOptions, read_paths
from winnow.readers.html import PageText


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    return docs, problems


def read(path: Path, **options):
    return split(list(read_paths([path], ReadOptions(**options))))


@pytest.fixture
def fake_extract(monkeypatch):
    """Stands in for the HTML helper's extract_page: one line per tag-free text run, the first line 'outside'."""
    import re

    calls = []

    def extract_page(html, selectors=(), extractor="trafilatura", utf8=None):
        calls.append(html)
        text = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
        lines = [t.strip() for t in re.split(r"<[^>]+>", text) if t.strip()]
        title = re.search(r"<title>(.*?)</title>", html)
        return PageText(lines, frozenset({0}), {"title": title.group(1)} if title else {})

    monkeypatch.setattr("winnow.readers.html.extract_page", extract_page)
    return calls


# ---------------------------------------------------------------- JSON


def test_json_array_one_document_per_record(tmp_path):
    path = tmp_path / "scrape.json"
    path.write_text(
        json.dumps(
            [
                {"url": "https://a.example/1", "title": "First", "text": "First article.\n\nSecond paragraph."},
                {"url": "https://a.example/2", "title": "Second", "text": "Another article."},
            ]
        ),
        encoding="utf-8",
    )
    docs, problems = read(path)
    assert problems == []
    assert [d.record for d in docs] == [0, 1]
    assert docs[0].lines == ["First article.", "", "Second paragraph."]
    assert docs[0].content == "First article.\n\nSecond paragraph."
    assert docs[0].metadata == {"url": "https://a.example/1", "title": "First"}
    assert docs[1].source == "scrape.json" and docs[1].id == document_id("scrape.json", 1)
    assert docs[0].id != docs[1].id
    assert docs[0].format == "text"
    assert docs[0].name == "scrape.json #0"


def test_json_object_holding_an_array_of_records(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"count": 2, "tags": ["x"], "items": [{"content": "One."}, {"content": "Two."}]}), encoding="utf-8")
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["One."], ["Two."]]
    assert problems == []


def test_json_lone_object_is_one_record(tmp_path):
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"headline": "Big news", "body": "What happened today."}), encoding="utf-8")
    docs, _ = read(path)
    assert len(docs) == 1
    assert docs[0].lines == ["What happened today."]
    assert docs[0].metadata == {"title": "Big news"}


def test_json_article_with_a_list_of_author_objects_is_one_record(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(json.dumps({"title": "T", "authors": [{"name": "A. One"}, {"name": "B. Two"}], "text": "The article itself."}), encoding="utf-8")
    docs, problems = read(path)
    assert problems == []
    assert [d.lines for d in docs] == [["The article itself."]]
    assert docs[0].metadata["author"] == "A. One, B. Two"


def test_json_article_with_comments_is_one_record(tmp_path):
    path = tmp_path / "with-comments.json"
    path.write_text(json.dumps({"articleBody": "The article.", "comments": [{"text": "First!"}, {"text": "Meh."}]}), encoding="utf-8")
    docs, _ = read(path)
    assert [d.lines for d in docs] == [["The article."]]


def test_json_object_with_several_arrays_takes_the_one_with_text(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(
        json.dumps({"facets": [{"name": "x", "count": 3}] * 5, "hits": [{"body": "Found page one."}, {"body": "Found page two."}]}), encoding="utf-8"
    )
    docs, _ = read(path)
    assert [d.lines for d in docs] == [["Found page one."], ["Found page two."]]


def test_invalid_json_is_a_problem_naming_the_position(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"text": "a"},\n {"text": ]', encoding="utf-8")
    docs, problems = read(path)
    assert docs == []
    assert len(problems) == 1
    assert problems[0].source == "broken.json"
    assert "not valid JSON" in problems[0].message and "line 2" in problems[0].message


def test_json_lines_saved_as_json_are_still_read(tmp_path):
    path = tmp_path / "actually-lines.json"
    path.write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["one"], ["two"]]
    assert problems == []


def test_empty_json_array_is_a_problem(tmp_path):
    path = tmp_path / "none.json"
    path.write_text("[]", encoding="utf-8")
    docs, problems = read(path)
    assert docs == [] and len(problems) == 1 and "no records" in problems[0].message


# ---------------------------------------------------------------- field detection


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"title": "T", "text": "From text.", "body": "From body."}, "From text."),
        ({"content": "From content.", "description": "A much longer description of the page than content is."}, "From content."),
        ({"main_text": "Main.", "raw_html": "<p>html</p>"}, "Main."),
        ({"text": "", "article": "The article field, since text is empty."}, "The article field, since text is empty."),
        (
            {"id": "x1", "url": "https://e.example", "abstract_long": "Not a known name, but long prose wins here."},
            "Not a known name, but long prose wins here.",
        ),
        ({"Text": "Capitalised field names count."}, "Capitalised field names count."),
        ({"summary": "A summary is metadata.", "mainText": "camelCase names count."}, "camelCase names count."),
        ({"paragraphs": ["One paragraph.", "Another one."]}, "One paragraph.\nAnother one."),
    ],
    ids=["text-first", "content-over-description", "text-over-html", "skip-empty", "longest-prose", "case", "camel", "list"],
)
def test_text_field_is_found_by_name_then_length(tmp_path, record, expected):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert problems == []
    assert "\n".join(docs[0].lines) == expected


def test_text_field_override(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(
        json.dumps({"text": "Scraper text.", "summary_text": "The one I want."}) + "\n" + json.dumps({"text": "No summary here."}) + "\n", encoding="utf-8"
    )
    docs, problems = read(path, text_field="summary_text")
    assert [d.lines for d in docs] == [["The one I want."]]
    assert len(problems) == 1
    assert problems[0].record == 1 and "summary_text" in problems[0].message
    assert str(problems[0]).startswith("r.jsonl (record 1):")


def test_text_field_override_reaches_into_nested_objects(tmp_path):
    path = tmp_path / "nested.jsonl"
    path.write_text(json.dumps({"data": {"article": {"plain": "Deep text."}}}) + "\n", encoding="utf-8")
    docs, _ = read(path, text_field="data.article.plain")
    assert docs[0].lines == ["Deep text."]


def test_record_without_a_text_field_is_a_problem_naming_it(tmp_path):
    path = tmp_path / "meta-only.jsonl"
    path.write_text(
        json.dumps({"text": "Good one."}) + "\n" + json.dumps({"id": 7, "url": "https://x.example", "title": "Only a title"}) + "\n", encoding="utf-8"
    )
    docs, problems = read(path)
    assert len(docs) == 1
    assert len(problems) == 1
    assert problems[0].source == "meta-only.jsonl" and problems[0].record == 1
    assert "no text field" in problems[0].message and "url" in problems[0].message


def test_metadata_is_carried_under_common_names(tmp_path):
    path = tmp_path / "m.jsonl"
    record = {
        "link": "https://news.example/a",
        "headline": "Headline here",
        "date_published": "2016-12-03",
        "byline": "Jane Roe",
        "lang": "en",
        "text": "Body.",
        "views": 12,
    }
    path.write_text(
        json.dumps(record)
        + "\n"
        + json.dumps(
            {
                "canonicalUrl": "https://news.example/b",
                "datePublished": "2016-12-04",
                "authors": ["A. One", {"name": "B. Two"}],
                "language": "de",
                "text": "Body two.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    docs, _ = read(path)
    assert docs[0].metadata == {"url": "https://news.example/a", "title": "Headline here", "date": "2016-12-03", "author": "Jane Roe", "language": "en"}
    assert docs[1].metadata == {"url": "https://news.example/b", "date": "2016-12-04", "author": "A. One, B. Two", "language": "de"}


def test_html_field_is_read_as_html(tmp_path, fake_extract):
    path = tmp_path / "pages.jsonl"
    html = "<html><head><title>Page title</title></head><body><nav>Menu</nav><p>Story text.</p></body></html>"
    path.write_text(json.dumps({"url": "https://e.example/p", "html": html}) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert problems == []
    doc = docs[0]
    assert doc.format == "html" and doc.is_html
    assert doc.content == html
    assert doc.lines == ["Menu", "Story text."]
    assert doc.outside_main == frozenset({0})
    assert doc.metadata == {"title": "Page title", "url": "https://e.example/p"}
    assert fake_extract == [html]


def test_html_looking_value_in_a_text_named_field_is_read_as_html(tmp_path, fake_extract):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"content": "<div><p>First.</p><p>Second.</p></div>"})
        + "\n"
        + json.dumps({"content": "Plain text mentioning <b> tags is still text."})
        + "\n",
        encoding="utf-8",
    )
    docs, _ = read(path)
    assert [d.format for d in docs] == ["html", "text"]
    assert docs[0].lines == ["First.", "Second."]
    assert len(fake_extract) == 1


# ---------------------------------------------------------------- JSONL


def test_jsonl_malformed_line_is_one_problem_and_the_rest_import(tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text('{"text": "one"}\n\n{"text": "two",\n{"text": "three"}\n', encoding="utf-8")
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["one"], ["three"]]
    assert [d.record for d in docs] == [0, 2]
    assert len(problems) == 1
    assert problems[0].source == "crawl.jsonl" and problems[0].record == 1
    assert "line 3" in problems[0].message and "not valid JSON" in problems[0].message


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_jsonl_extensions_and_crlf(tmp_path, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(b'{"text": "a\\r\\nb"}\r\n{"text": "c"}\r\n')
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["a", "b"], ["c"]]
    assert problems == []


def test_jsonl_record_that_is_not_an_object_is_a_problem(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('[1, 2]\n"just a string is a text"\n', encoding="utf-8")
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["just a string is a text"]]
    assert problems[0].record == 0 and "array" in problems[0].message


def test_json_strings_get_nfc_and_long_line_splitting(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps({"text": "Mu\u0308nchen. " + "Word " * 10_000}) + "\n", encoding="utf-8")
    docs, _ = read(path)
    assert docs[0].lines[0].startswith("München.")
    assert all(len(line) <= 20_000 for line in docs[0].lines)
    assert docs[0].warnings


# ---------------------------------------------------------------- CSV / TSV


def test_csv_with_header_quotes_and_embedded_newlines(tmp_path):
    path = tmp_path / "pages.csv"
    path.write_text(
        'url,title,text\r\nhttps://e.example/1,"One, with comma","Line one.\r\nLine two, still."\r\nhttps://e.example/2,Two,Second text.\r\n', encoding="utf-8"
    )
    docs, problems = read(path)
    assert problems == []
    assert docs[0].lines == ["Line one.", "Line two, still."]
    assert docs[0].metadata == {"url": "https://e.example/1", "title": "One, with comma"}
    assert [d.record for d in docs] == [0, 1]


def test_csv_delimiter_is_sniffed_and_bom_removed(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_bytes("\ufeffheadline;text\nErster, zweiter;Grüße, aus Köln, am Rhein\n".encode("utf-8"))
    docs, _ = read(path)
    assert docs[0].lines == ["Grüße, aus Köln, am Rhein"]
    assert docs[0].metadata == {"title": "Erster, zweiter"}  # "headline", not "\ufeffheadline"


def test_csv_in_cp1252(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("title,body\nPreis,Das kostet 20 € für Grüße.\n".encode("cp1252"))
    docs, _ = read(path)
    assert docs[0].lines == ["Das kostet 20 € für Grüße."]


def test_csv_big_field(tmp_path):
    path = tmp_path / "big.csv"
    big = "Sentence of a long scraped page. " * 20_000  # 660 KB, over csv's default 128 KiB field limit
    path.write_text('title,text\nBig,"' + big + '"\n', encoding="utf-8")
    docs, problems = read(path)
    assert problems == []
    assert " ".join(docs[0].lines) == big


def test_tsv_is_tab_separated(tmp_path):
    path = tmp_path / "pages.tsv"
    path.write_text("url\tcontent\nhttps://e.example\tText, with; punctuation | everywhere.\n", encoding="utf-8")
    docs, _ = read(path)
    assert docs[0].lines == ["Text, with; punctuation | everywhere."]
    assert docs[0].metadata == {"url": "https://e.example"}


def test_csv_text_field_override_and_missing_column(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("text,notes\nscraper text,my notes are here\n", encoding="utf-8")
    docs, _ = read(path, text_field="notes")
    assert docs[0].lines == ["my notes are here"]
    docs, problems = read(path, text_field="missing")
    assert docs == [] and problems[0].record == 0 and "missing" in problems[0].message


def test_csv_with_only_a_header_is_a_problem(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("url,text\n", encoding="utf-8")
    docs, problems = read(path)
    assert docs == [] and "no records" in problems[0].message


def test_lone_surrogate_escapes_become_replacement_characters_with_a_warning(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "Half a pair \\ud83d here.", "title": "T\\udc00"}\n{"text": "Fine text."}\n', encoding="utf-8")
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["Half a pair \ufffd here."], ["Fine text."]]
    assert docs[0].metadata["title"] == "T\ufffd"
    assert any("surrogate" in w for w in docs[0].warnings) and not docs[1].warnings
    assert problems == []


def test_jsonl_joined_from_files_with_byte_order_marks_keeps_every_record(tmp_path):
    path = tmp_path / "joined.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "first"}\n\xef\xbb\xbf{"text": "second"}\n')
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["first"], ["second"]] and problems == []


def test_deeply_nested_json_is_a_problem_that_says_so_and_costs_only_its_line(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    docs, problems = read(tmp_path / "deep.json")
    assert docs == [] and [p.message for p in problems] == ["is not usable JSON: it is nested too deeply"]
    (tmp_path / "deep.jsonl").write_text('{"text": "kept"}\n' + deep + "\n", encoding="utf-8")
    docs, problems = read(tmp_path / "deep.jsonl")
    assert [d.lines for d in docs] == [["kept"]]
    assert [(p.record, "nested too deeply" in p.message) for p in problems] == [(1, True)]


@pytest.mark.parametrize("body", ["42", '"just a string"', "null", "true"])
def test_a_json_file_holding_one_scalar_is_one_problem(tmp_path, body):
    path = tmp_path / "scalar.json"
    path.write_text(body, encoding="utf-8")
    docs, problems = read(path)
    assert docs == [] and len(problems) == 1 and problems[0].source == "scalar.json" and problems[0].fatal


def test_csv_with_windows_newlines_inside_and_between_rows(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(b'text,url\r\n"One.\r\nTwo.",https://a.example/1\r\nThree.,https://a.example/2\r\n')
    docs, problems = read(path)
    assert [d.lines for d in docs] == [["One.", "Two."], ["Three."]] and problems == []
