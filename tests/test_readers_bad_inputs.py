"""A folder of awkward inputs: the good ones import, each bad one is exactly one Problem naming its file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from winnow.core.model import Document, Problem
from winnow.readers import read_file, read_paths
from winnow.readers.html import PageText


@pytest.fixture
def html_extraction(monkeypatch):
    """The real extract_page when it exists, else a stand-in, so this test runs either way."""
    from winnow.readers.html import extract_page

    try:
        extract_page("<html><body><p>probe</p></body></html>")
    except NotImplementedError:

        def stand_in(html, selectors=(), extractor="trafilatura", utf8=None):
            return PageText([t.strip() for t in re.split(r"<[^>]+>", html) if t.strip()], frozenset())

        monkeypatch.setattr("winnow.readers.html.extract_page", stand_in)


def make_bad_folder(root: Path) -> Path:
    bad = root / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (bad / "mystery.xyz").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.md").write_text(" \n\t\n\n", encoding="utf-8")
    (bad / "cp1252.txt").write_bytes("Grüße aus Köln, das kostet 5 €.\r\n".encode("cp1252"))
    (bad / "utf16.txt").write_bytes("UTF-16 text with a mark: Ærø.\n".encode("utf-16"))
    paragraph = "This paragraph of the article is long enough to be main content for any extractor. " * 3
    (bad / "truncated.html").write_text(
        f"<html><head><title>Cut</title></head><body><article><h1>Cut short</h1><p>{paragraph}</p><p>{paragraph}</p><p>And then the download sto",
        encoding="utf-8",
    )
    (bad / "crawl.jsonl").write_text('{"text": "first record"}\n{"text": "broken\n{"text": "third record"}\n', encoding="utf-8")
    with (bad / "huge.txt").open("wb") as out:  # 50 MB on a single line
        sentence = b"A scraper wrote this whole page without a single line break, sentence after sentence. "
        for _ in range(50 * 1024 * 1024 // len(sentence) + 1):
            out.write(sentence)
    (bad / "gone.txt").symlink_to(bad / "never-existed.txt")  # dangling link
    (bad / "locked.txt").write_text("permission denied for this one\n", encoding="utf-8")
    (bad / "vanishes.txt").write_text("deleted between discovery and reading\n", encoding="utf-8")
    return bad


def test_bad_inputs_folder(tmp_path, monkeypatch, html_extraction):
    bad = make_bad_folder(tmp_path)
    real_open = os.open

    def open_denying_locked(path, flags, *args, **kwargs):
        if Path(path).name == "locked.txt":  # running as root, chmod 000 would not stop us
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_denying_locked)

    def delete_vanishing(done, total, source):
        if source == "bad/vanishes.txt":
            (bad / "vanishes.txt").unlink()

    items = list(read_paths([bad], progress=delete_vanishing))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]

    huge_parts = [d for d in docs if d.source == "bad/huge.txt"]  # 50 MB: over the per-document cap, so parts
    assert [d.record for d in huge_parts] == list(range(len(huge_parts))) and len(huge_parts) >= 5
    docs = [d for d in docs if d.source != "bad/huge.txt"] + huge_parts[:1]
    assert sorted((d.source, d.record or 0) for d in docs) == [
        ("bad/cp1252.txt", 0),
        ("bad/crawl.jsonl", 0),
        ("bad/crawl.jsonl", 2),
        ("bad/huge.txt", 0),
        ("bad/truncated.html", 0),
        ("bad/utf16.txt", 0),
    ]
    by_source = {d.source: d for d in docs}
    assert by_source["bad/cp1252.txt"].lines == ["Grüße aus Köln, das kostet 5 €."]
    assert by_source["bad/utf16.txt"].lines == ["UTF-16 text with a mark: Ærø."]
    assert any("long enough to be main content" in line for line in by_source["bad/truncated.html"].lines)
    assert by_source["bad/huge.txt"].warnings and max(map(len, by_source["bad/huge.txt"].lines)) <= 20_000

    assert all(p.fatal for p in problems)
    assert sorted(p.source for p in problems) == [
        "bad/binary.txt",
        "bad/blank.md",
        "bad/crawl.jsonl",
        "bad/empty.txt",
        "bad/gone.txt",
        "bad/locked.txt",
        "bad/mystery.xyz",
        "bad/vanishes.txt",
    ]
    message = {p.source: p.message for p in problems}
    assert "binary" in message["bad/binary.txt"] and "binary" in message["bad/mystery.xyz"]
    assert "empty" in message["bad/empty.txt"] and "empty" in message["bad/blank.md"]
    assert "line 2" in message["bad/crawl.jsonl"]
    assert "broken symbolic link" in message["bad/gone.txt"]
    assert "permission denied" in message["bad/locked.txt"]
    assert "no longer exists" in message["bad/vanishes.txt"]
    assert all(str(p).startswith(p.source) for p in problems)  # the printed form names the file first


def test_a_folder_where_a_file_was_expected(tmp_path):
    (tmp_path / "looks-like.txt").mkdir()
    (problem,) = read_file(tmp_path / "looks-like.txt", "looks-like.txt")
    assert isinstance(problem, Problem) and "folder" in problem.message


def test_unreadable_folder_is_a_problem_and_the_rest_goes_on(tmp_path, monkeypatch):
    (tmp_path / "c" / "locked").mkdir(parents=True)
    (tmp_path / "c" / "ok.txt").write_text("fine\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_paths([tmp_path / "c"]))
    assert [i.source for i in items if isinstance(i, Document)] == ["c/ok.txt"]
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.source == "c/locked" and "cannot be read" in problem.message


def test_a_tiny_binary_file_with_nuls_is_not_taken_for_utf16(tmp_path):
    from winnow.readers import read_paths

    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02binary\xff\x00")
    text16 = tmp_path / "text16.txt"
    text16.write_bytes("Plain words, no mark.\n".encode("utf-16-le"))
    items = list(read_paths([tmp_path]))
    problems = {p.source: p.message for p in items if not hasattr(p, "lines")}
    docs = {d.source: d for d in items if hasattr(d, "lines")}
    assert "binary" in problems[f"{tmp_path.name}/blob.txt"]
    assert docs[f"{tmp_path.name}/text16.txt"].lines[0] == "Plain words, no mark."


def test_a_stray_nul_byte_costs_the_byte_not_the_file(tmp_path):
    rows = "".join(f'"Row {n} has a long enough text cell, written by a scraper.",https://a.example/{n}\r\n' for n in range(30))
    path = tmp_path / "scrape.csv"
    path.write_bytes(b"text,url\r\n" + rows.encode("utf-8").replace(b"Row 7 ", b"Row 7\x00 "))
    items = list(read_paths([path]))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 30 and docs[7].lines == ["Row 7 has a long enough text cell, written by a scraper."]
    warnings = [i for i in items if isinstance(i, Problem)]
    assert [(w.fatal, "NUL" in w.message) for w in warnings] == [(False, True)]


def test_many_nul_bytes_are_still_binary(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"readable words " * 40 + b"\x00\x00\x00\x00")  # 4 NULs in 604 bytes: not stray
    [item] = list(read_paths([path]))
    assert isinstance(item, Problem) and "binary" in item.message


def test_a_gzip_holding_binary_is_one_problem(tmp_path):
    import gzip

    path = tmp_path / "image.txt.gz"
    path.write_bytes(gzip.compress(bytes(range(256)) * 64))
    [item] = list(read_paths([path]))
    assert isinstance(item, Problem) and item.source == "image.txt.gz" and "not a text file" in item.message
