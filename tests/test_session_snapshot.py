"""The session snapshot (winnow/snapshot.py): the documents of a session kept for the next start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from winnow import snapshot
from winnow.core.model import Document, Problem
from winnow.pipeline import Cleaner
from winnow.recipe import default_recipe, dumps
from winnow.workspace import DocStats


def documents(n: int) -> list[tuple[Document, DocStats]]:
    out = []
    for i in range(n):
        text = f"Titel {i}\nEin Satz über den Hafen Nummer {i}, lang genug für einen Absatz.\nWerbung"
        doc = Document(f"folder/page-{i}.txt", "text", text, text.split("\n"), path=f"/data/page-{i}.txt")
        out.append((doc, DocStats.of(Cleaner(default_recipe()).clean(doc), 3)))
    return out


def corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Eins.\n", encoding="utf-8")
    (folder / "sub" / "b.html").write_text("<p>Zwei.</p>", encoding="utf-8")
    return folder


def test_documents_problems_and_header_come_back_in_order(tmp_path):
    items = documents(5)
    header = snapshot.Header(["/data"], dumps(default_recipe()), {"/data/page-0.txt": (10, 1)}, len(items), [Problem("x.csv", "no text field")])
    path = tmp_path / "cache" / "session.snapshot"
    assert snapshot.write(path, header, items)
    again = snapshot.read_header(path)
    assert again is not None and again.roots == ["/data"] and again.count == 5 and again.problems == header.problems
    back = list(snapshot.read_documents(path))
    assert [d.source for d, _ in back] == [d.source for d, _ in items]
    assert [d.lines for d, _ in back] == [d.lines for d, _ in items] and [s for _, s in back] == [s for _, s in items]


def test_a_cancelled_write_leaves_the_old_snapshot_and_no_temporary_file(tmp_path):
    path = tmp_path / "session.snapshot"
    assert snapshot.write(path, snapshot.Header(["/old"], "", {}, 1), documents(1))
    calls = iter([False, False, True])
    assert not snapshot.write(path, snapshot.Header(["/new"], "", {}, 3), documents(3), cancelled=lambda: next(calls))
    assert snapshot.read_header(path).roots == ["/old"]
    assert [p.name for p in tmp_path.iterdir()] == ["session.snapshot"]


def test_a_missing_damaged_or_foreign_snapshot_has_no_header(tmp_path):
    path = tmp_path / "session.snapshot"
    assert snapshot.read_header(path) is None
    path.write_bytes(b"\x05\x00\x00\x00\x00\x00\x00\x00junk!")
    assert snapshot.read_header(path) is None
    assert snapshot.write(path, snapshot.Header([], "", {}, 0, format="winnow-session-snapshot 0"), [])
    assert snapshot.read_header(path) is None  # written by another version: the files are read instead


def test_a_truncated_snapshot_says_it_is_damaged(tmp_path):
    path = tmp_path / "session.snapshot"
    assert snapshot.write(path, snapshot.Header(["/data"], "", {}, 4), documents(4))
    path.write_bytes(path.read_bytes()[:-7])
    with pytest.raises(ValueError, match="damaged"):
        list(snapshot.read_documents(path))


def test_the_signature_changes_when_a_file_is_added_changed_or_removed(tmp_path):
    folder = corpus_folder(tmp_path)
    before = snapshot.files_signature([str(folder)])
    assert sorted(Path(p).name for p in before) == ["a.txt", "b.html"]
    assert snapshot.files_signature([str(folder)]) == before
    (folder / "a.txt").write_text("Eins, geändert.\n", encoding="utf-8")
    assert snapshot.files_signature([str(folder)]) != before
    changed = snapshot.files_signature([str(folder)])
    (folder / "c.txt").write_text("Drei.\n", encoding="utf-8")
    assert len(snapshot.files_signature([str(folder)])) == 3
    os.remove(folder / "c.txt")
    assert snapshot.files_signature([str(folder)]) == changed
