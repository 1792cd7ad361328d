"""Folders: recursion, stable order, source names, hidden and asset files, exclude, links, progress, cancel."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from winnow.core.model import Document, Problem
from winnow.readers import ReadOptions, discover, read_paths


def make(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


def sources(items) -> list[str]:
    return [i.source for i in items if isinstance(i, Document)]


def test_folder_sources_are_folder_name_slash_path(tmp_path):
    corpus = make(tmp_path / "seeds", {"000_a.txt": "a\n", "sub/deeper/b.txt": "b\n"})
    assert sources(read_paths([corpus])) == ["seeds/000_a.txt", "seeds/sub/deeper/b.txt"]


def test_relative_paths_and_dot(tmp_path, monkeypatch):
    make(tmp_path / "seeds", {"x.txt": "x\n"})
    monkeypatch.chdir(tmp_path)
    assert sources(read_paths(["seeds"])) == ["seeds/x.txt"]
    assert sources(read_paths(["seeds/"])) == ["seeds/x.txt"]
    monkeypatch.chdir(tmp_path / "seeds")
    assert sources(read_paths(["."])) == ["seeds/x.txt"]
    assert sources(read_paths(["x.txt"])) == ["x.txt"]


def test_order_is_stable_natural_and_depth_first(tmp_path):
    names = ["page10.txt", "page2.txt", "Page1.txt", "b/inner.txt", "a.txt", "c.txt"]
    corpus = make(tmp_path / "c", {n: n + "\n" for n in names})
    expected = ["c/a.txt", "c/b/inner.txt", "c/c.txt", "c/Page1.txt", "c/page2.txt", "c/page10.txt"]
    assert sources(read_paths([corpus])) == expected
    assert sources(read_paths([corpus])) == expected  # same again


def test_hidden_files_and_folders_are_skipped(tmp_path):
    corpus = make(tmp_path / "c", {"keep.txt": "k\n", ".hidden.txt": "h\n", ".git/config.txt": "g\n", "sub/.DS_Store": b"\x00\x01", "sub/ok.md": "ok\n"})
    assert sources(read_paths([corpus])) == ["c/keep.txt", "c/sub/ok.md"]


def test_a_hidden_file_given_directly_is_read(tmp_path):
    path = make(tmp_path, {".notes.txt": "mine\n"}) / ".notes.txt"
    assert sources(read_paths([path])) == [".notes.txt"]


def test_assets_are_skipped_silently_unknown_text_is_read(tmp_path):
    corpus = make(
        tmp_path / "site",
        {
            "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00",
            "app.js": "var x = 1;",
            "style.css": "p{}",
            "doc.pdf": b"%PDF-1.4",
            "font.woff2": b"wOF2\x00",
            "sitemap.xml": "<urlset/>",
            "Thumbs.db": b"\x00",
            "article.php": "<!DOCTYPE html><html><body><p>Mirrored page.</p></body></html>",
            "README": "A plain text file without an extension.\n",
            "notes.log": "Log-like text is still text.\n",
        },
    )
    items = list(read_paths([corpus]))
    problems = [i for i in items if isinstance(i, Problem)]
    docs = {d.source: d for d in items if isinstance(d, Document)}
    assert set(docs) == {"site/article.php", "site/README", "site/notes.log"}
    assert docs["site/README"].format == "text" and docs["site/notes.log"].format == "text"
    # article.php is HTML: read through extract_page (a stub or the real one; either way not as text)
    assert all(p.source == "site/article.php" for p in problems)


def test_an_asset_given_directly_is_a_problem(tmp_path):
    path = make(tmp_path, {"photo.jpg": b"\xff\xd8\xff"}) / "photo.jpg"
    (item,) = read_paths([path])
    assert isinstance(item, Problem) and item.source == "photo.jpg" and ".jpg" in item.message


def test_exclude_skips_the_exports_own_file_and_folder(tmp_path):
    corpus = make(tmp_path / "c", {"a.txt": "a\n", "out.jsonl": '{"text": "exported"}\n', "export/x.txt": "x\n"})
    got = sources(read_paths([corpus], exclude=[corpus / "out.jsonl", str(corpus / "export")]))
    assert got == ["c/a.txt"]


def test_exclude_a_file_given_directly_and_not_yet_existing_exclude(tmp_path):
    corpus = make(tmp_path / "c", {"a.txt": "a\n"})
    assert sources(read_paths([corpus / "a.txt"], exclude=[corpus / "a.txt"])) == []
    assert sources(read_paths([corpus], exclude=[tmp_path / "later.jsonl"])) == ["c/a.txt"]


def test_exclude_through_a_relative_path(tmp_path, monkeypatch):
    make(tmp_path / "c", {"a.txt": "a\n", "out/clean.txt": "x\n"})
    monkeypatch.chdir(tmp_path)
    assert sources(read_paths(["c"], exclude=["c/out"])) == ["c/a.txt"]


def test_several_roots_keep_their_order_and_the_same_file_is_read_once(tmp_path):
    one = make(tmp_path / "one", {"a.txt": "a\n"})
    two = make(tmp_path / "two", {"b.txt": "b\n"})
    assert sources(read_paths([two, one, two / "b.txt"])) == ["two/b.txt", "one/a.txt"]


def test_roots_that_share_a_name_are_told_apart_by_their_parents(tmp_path):
    first = make(tmp_path / "2023" / "data", {"a.txt": "first\n"})
    second = make(tmp_path / "2024" / "data", {"a.txt": "second\n"})
    items = list(read_paths([first, second, first]))
    assert sources(items) == ["2023/data/a.txt", "2024/data/a.txt"]
    assert not [i for i in items if isinstance(i, Problem)]
    assert sources(read_paths([first])) == ["data/a.txt"]  # alone, a root keeps its short name


def test_two_different_files_with_the_same_source_are_a_problem(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for raw in (b"caf\xe9.txt", b"caf\xe8.txt"):  # latin-1 names: both show as "caf\ufffd.txt"
        with open(os.path.join(os.fsencode(folder), raw), "wb") as handle:
            handle.write(b"text\n")
    items = list(read_paths([folder]))
    assert sources(items) == ["data/caf\ufffd.txt"]
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.source == "data/caf\ufffd.txt" and "same source name" in problem.message


def test_missing_root_is_a_problem(tmp_path):
    (item,) = read_paths([tmp_path / "nope"])
    assert isinstance(item, Problem) and "no such file" in item.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlinks_are_followed_without_looping(tmp_path):
    corpus = make(tmp_path / "c", {"real/a.txt": "a\n"})
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "alias.txt").symlink_to(corpus / "real" / "a.txt")
    got = sources(read_paths([corpus]))
    assert got == ["c/alias.txt"]  # the link comes first in order; the same file is not read twice


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_reported_and_never_blocks(tmp_path):
    corpus = make(tmp_path / "c", {"a.txt": "a\n"})
    os.mkfifo(corpus / "pipe.txt")
    items = list(read_paths([corpus]))
    assert sources(items) == ["c/a.txt"]
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.source == "c/pipe.txt" and "not a regular file" in problem.message
    (direct,) = read_paths([corpus / "pipe.txt"])  # given directly: the reader checks too
    assert isinstance(direct, Problem) and "not a regular file" in direct.message


def test_gzip_files_keep_their_gz_name(tmp_path):
    corpus = tmp_path / "gz"
    corpus.mkdir()
    (corpus / "note.txt.gz").write_bytes(gzip.compress("Grüße aus dem Archiv.\n".encode("cp1252")))
    (corpus / "crawl.jsonl.gz").write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    items = list(read_paths([corpus]))
    docs = [i for i in items if isinstance(i, Document)]
    assert [(d.source, d.record, d.lines) for d in docs] == [
        ("gz/crawl.jsonl.gz", 0, ["one"]),
        ("gz/crawl.jsonl.gz", 1, ["two"]),
        ("gz/note.txt.gz", None, ["Grüße aus dem Archiv."]),
    ]
    assert docs[2].content == "Grüße aus dem Archiv.\n"


def test_corrupt_and_oversized_gzip_are_problems(tmp_path):
    corpus = tmp_path / "gz"
    corpus.mkdir()
    good = gzip.compress(b"some text " * 1000)
    (corpus / "cut.txt.gz").write_bytes(good[: len(good) // 2])
    (corpus / "fake.txt.gz").write_bytes(b"not gzip at all")
    (corpus / "bomb.txt.gz").write_bytes(good)
    items = list(read_paths([corpus], ReadOptions(max_file_bytes=5000)))
    assert not any(isinstance(i, Document) for i in items)
    messages = {p.source: p.message for p in items}
    assert "gzip" in messages["gz/cut.txt.gz"] and "gzip" in messages["gz/fake.txt.gz"]
    assert "limit" in messages["gz/bomb.txt.gz"]


def test_discover_lists_files_without_reading_them(tmp_path):
    corpus = make(tmp_path / "c", {"b.txt": "", "a.json": "not even json"})
    found = list(discover([corpus]))
    assert [(p.name, s) for p, s in found] == [("a.json", "c/a.json"), ("b.txt", "c/b.txt")]


def test_progress_and_cancel(tmp_path):
    corpus = make(tmp_path / "c", {f"{i}.txt": f"{i}\n" for i in range(5)})
    calls = []
    got = sources(read_paths([corpus], progress=lambda done, total, source: calls.append((done, total, source))))
    assert len(got) == 5
    assert calls[0] == (0, 5, "c/0.txt") and calls[-1] == (5, 5, "")
    seen = []
    stop = lambda: len(seen) >= 2  # noqa: E731
    for item in read_paths([corpus], cancelled=stop):
        seen.append(item)
    assert len(seen) == 2


def test_cancel_between_records_of_one_big_file(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"text": "record {i}"}}\n' for i in range(100)), encoding="utf-8")
    seen = []
    for item in read_paths([path], cancelled=lambda: len(seen) >= 3):
        seen.append(item)
    assert len(seen) == 3


def test_reader_bug_costs_one_file_not_the_batch(tmp_path, monkeypatch):
    corpus = make(tmp_path / "c", {"a.txt": "a\n", "b.txt": "b\n"})
    import winnow.readers.dispatch as dispatch

    real = dispatch.text_document

    def flaky(path, source, *args, **kwargs):
        if source.endswith("a.txt"):
            raise RuntimeError("boom")
        return real(path, source, *args, **kwargs)

    monkeypatch.setattr(dispatch, "text_document", flaky)
    items = list(read_paths([corpus]))
    assert sources(items) == ["c/b.txt"]
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.source == "c/a.txt" and "boom" in problem.message


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are always Unicode")
def test_a_file_name_that_is_not_utf8_is_imported_under_a_readable_source(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w", encoding="utf-8") as handle:
        handle.write("Text in a file named in latin-1.\n")
    make(folder, {"naïve.txt": "Text in a file named in UTF-8.\n"})
    docs = [i for i in read_paths([folder]) if isinstance(i, Document)]
    assert sorted(d.source for d in docs) == ["old/caf\ufffd.txt", "old/naïve.txt"]
    assert all(len(d.id) == 16 for d in docs)


def test_a_path_given_twice_or_inside_a_folder_given_is_read_once(tmp_path):
    make(tmp_path / "in", {"a.txt": "one\n", "b.txt": "two\n"})
    items = list(read_paths([tmp_path / "in" / "a.txt", tmp_path / "in", tmp_path / "in", tmp_path / "in" / "a.txt"]))
    assert sources(items) == ["a.txt", "in/b.txt"] and not [i for i in items if isinstance(i, Problem)]
