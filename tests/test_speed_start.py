"""Starting fast and streaming: `--version`/`--help` without the pipeline, discovery read as it goes,
`--files-from` lists and `--shard` splits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import winnow.readers as readers
from winnow.core.model import Document, Problem
from winnow.readers import read_paths


def run(*args, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "winnow", *map(str, args)], capture_output=True, text=True, encoding="utf-8", input=stdin, env=env, cwd=cwd, timeout=300
    )


def modules_loaded_by(argv: list[str]) -> set[str]:
    code = (
        f"import sys\nfrom winnow.__main__ import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\nprint('MODULES', ' '.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout
    return set(out.split("MODULES", 1)[1].split())


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["clean", "--help"]])
def test_version_and_help_load_no_pipeline(argv):
    loaded = modules_loaded_by(argv)
    assert "winnow" in loaded
    heavy = {"winnow.pipeline", "winnow.rules", "winnow.readers.html", "trafilatura", "lxml", "justext", "PySide6"}
    assert not heavy & loaded


def corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"page{n}.txt"
        path.write_text(f"Document number {n} has one sentence of its own.\n", encoding="utf-8")
        paths.append(path)
    return paths


def texts(export: Path) -> list[str]:
    return [json.loads(line)["text"] for line in export.read_text(encoding="utf-8").splitlines()]


def test_files_from_a_list_and_from_stdin(tmp_path):
    paths = corpus(tmp_path / "in", 4)
    listing = tmp_path / "list.txt"
    listing.write_text(f"# prepared by a crawler\n{paths[0]}\n\n{paths[2]}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run("clean", "--files-from", listing, "-o", out, "-q")
    assert proc.returncode == 0, proc.stderr
    assert sorted(texts(out)) == sorted(p.read_text(encoding="utf-8").strip() for p in (paths[0], paths[2]))
    proc = run("clean", paths[1], "--files-from", "-", "-o", out, "-q", stdin=f"{paths[3]}\n")
    assert proc.returncode == 0, proc.stderr
    assert len(texts(out)) == 2


def test_a_listed_file_missing_is_a_problem_naming_it(tmp_path):
    paths = corpus(tmp_path / "in", 1)
    listing = tmp_path / "list.txt"
    listing.write_text(f"{paths[0]}\n{tmp_path / 'gone.txt'}\n", encoding="utf-8")
    proc = run("clean", "--files-from", listing, "-o", tmp_path / "out.jsonl", "-q")
    assert proc.returncode == 1 and "gone.txt" in proc.stderr
    assert len(texts(tmp_path / "out.jsonl")) == 1


def test_a_listed_input_is_never_overwritten_by_the_export(tmp_path):
    paths = corpus(tmp_path / "in", 2)
    before = paths[1].read_bytes()
    listing = tmp_path / "list.txt"
    listing.write_text(f"{paths[0]}\n{paths[1]}\n", encoding="utf-8")
    proc = run("clean", "--files-from", listing, "-o", paths[1], "--format", "jsonl", "-q")
    assert proc.returncode == 2 and "never overwrites an input" in proc.stderr
    assert paths[1].read_bytes() == before


def test_shards_split_the_files_between_runs(tmp_path):
    corpus(tmp_path / "in", 7)
    shares = []
    for i in (1, 2, 3):
        out = tmp_path / f"shard{i}.jsonl"
        proc = run("clean", tmp_path / "in", "--shard", f"{i}/3", "-o", out, "-q")
        assert proc.returncode == 0, proc.stderr
        shares.append(set(texts(out)))
    assert [len(s) for s in shares] == [3, 2, 2]
    whole = tmp_path / "all.jsonl"
    run("clean", tmp_path / "in", "-o", whole, "-q")
    assert set().union(*shares) == set(texts(whole))


@pytest.mark.parametrize("spec", ["0/3", "4/3", "two/3", "1"])
def test_a_shard_out_of_range_is_refused(tmp_path, spec):
    corpus(tmp_path / "in", 1)
    proc = run("clean", tmp_path / "in", "--shard", spec, "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 2 and "--shard" in proc.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_reading_starts_before_the_walk_ends(tmp_path, monkeypatch):
    corpus(tmp_path / "in", 6)
    monkeypatch.setattr(readers, "LOOK_AHEAD", 2)
    totals = []
    stream = read_paths([tmp_path / "in"], progress=lambda done, total, source: totals.append((done, total)))
    first = next(stream)
    assert isinstance(first, Document)
    assert totals == [(0, 2)]  # only the look-ahead was walked when the first document came
    rest = list(stream)
    assert len(rest) == 5 and not any(isinstance(r, Problem) for r in rest)
    assert totals[-1] == (6, 6)
