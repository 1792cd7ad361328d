"""One metadata field list (winnow.core.formats): what exports write, and what every reader looks for."""

from __future__ import annotations

import json

from winnow.core.formats import METADATA_FIELDS, SOURCE_METADATA_FIELDS
from winnow.readers import read_paths
from winnow.readers.records import METADATA_ALIASES


def test_the_record_reader_knows_names_for_every_field_and_no_other():
    assert set(METADATA_ALIASES) == set(SOURCE_METADATA_FIELDS)
    assert set(METADATA_FIELDS) < set(SOURCE_METADATA_FIELDS)


def test_a_scraped_record_and_an_html_page_fill_the_same_fields(tmp_path):
    body = "The council approved the new budget for schools and roads after a long debate on Tuesday evening."
    record = {"headline": "Budget approved", "link": "https://news.example.org/budget", "published": "2024-03-05", "byline": "Jane Smith"}
    record |= {"lang": "en", "site_name": "The Example News", "summary": "The council approved it.", "content": body}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        '<html lang="en"><head><title>Budget approved</title><meta name="author" content="Jane Smith">'
        '<meta property="og:site_name" content="The Example News"><meta name="description" content="The council approved it.">'
        '<meta property="article:published_time" content="2024-03-05"><link rel="canonical" href="https://news.example.org/budget">'
        f"</head><body><article><h1>Budget approved</h1><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    documents = {d.source.rsplit("/", 1)[-1]: d for d in read_paths([str(tmp_path)])}
    for name in ("feed.jsonl", "page.html"):
        metadata = documents[name].metadata
        assert {field: metadata.get(field) for field in ("title", "url", "date", "author", "sitename", "description")} == {
            "title": "Budget approved",
            "url": "https://news.example.org/budget",
            "date": "2024-03-05",
            "author": "Jane Smith",
            "sitename": "The Example News",
            "description": "The council approved it.",
        }, name
