"""Winnow's own output and the user's files stay safe: markers, re-exports, signals, leftovers, umask, refusals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from winnow.core.model import Cleaned, Document
from winnow.export import ExportError, ExportOptions, export_corpus
from winnow.readers import read_paths


def winnow(*args, timeout=120):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "winnow", *map(str, args)], capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout)


def corpus(n: int = 2) -> list[Cleaned]:
    docs = [Document(f"in/doc{i}.txt", "text", f"Text {i}.", [f"Text {i} of the article."]) for i in range(n)]
    return [Cleaned(d, [None], list(d.lines), {}) for d in docs]


def sources(items) -> list[str]:
    return [i.source for i in items if isinstance(i, Document)]


# ---------------------------------------------------------------- markers


@pytest.mark.parametrize("fmt, name", [("jsonl", "c.jsonl"), ("csv", "c.csv"), ("txt-single", "c.txt"), ("txt", "out")])
def test_exports_written_into_an_input_folder_are_never_read_back(tmp_path, fmt, name):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A sentence about rivers and bridges.\n", encoding="utf-8")
    counts = []
    for _ in range(4):  # the window may export anywhere: each run must still see one document
        docs = [d for d in read_paths([folder]) if isinstance(d, Document)]
        counts.append(len(docs))
        export_corpus([Cleaned(d, [None] * len(d.lines), d.lines, {}) for d in docs], folder / name, ExportOptions(format=fmt))
    assert counts == [1, 1, 1, 1]


def test_a_marked_export_the_user_changed_is_read_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    export_corpus(corpus(), folder / "c.jsonl", ExportOptions())
    assert sources(read_paths([folder])) == []
    with (folder / "c.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps({"text": "A record the user added by hand."}) + "\n")
    assert len(sources(read_paths([folder]))) == 3


# ---------------------------------------------------------------- TXT re-export


def test_txt_re_export_replaces_its_own_files_and_refuses_when_the_user_added_some(tmp_path):
    out = tmp_path / "out"
    export_corpus(corpus(3), out, ExportOptions(format="txt"))
    export_corpus(corpus(2), out, ExportOptions(format="txt"))  # only its own files: replaced
    assert sorted(p.name for p in (out / "in").iterdir()) == ["doc0.txt", "doc1.txt"]
    (out / "in" / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    with pytest.raises(ExportError, match="notes.txt"):
        export_corpus(corpus(2), out, ExportOptions(format="txt"))
    assert (out / "in" / "notes.txt").read_text(encoding="utf-8") == "my own notes\n"


def test_txt_re_export_over_user_files_exits_2_on_the_command_line(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("A sentence about rivers and bridges.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert winnow("clean", inputs, "--format", "txt", "-o", out).returncode == 0
    (out / "mine.md").write_text("mine\n", encoding="utf-8")
    proc = winnow("clean", inputs, "--format", "txt", "-o", out)
    assert proc.returncode == 2 and "mine.md" in proc.stderr and "never deletes" in proc.stderr
    assert (out / "mine.md").exists()


# ---------------------------------------------------------------- signals and leftovers

SLOW_CLEAN = (
    "import sys, time\n"
    "from winnow import pipeline\n"
    "real = pipeline.Cleaner.clean\n"
    "def slow(self, doc):\n"
    "    if doc.source.endswith('b.txt'):\n"
    "        print('exporting', flush=True)\n"
    "        time.sleep(60)\n"
    "    return real(self, doc)\n"
    "pipeline.Cleaner.clean = slow\n"
    "from winnow.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def start_slow_export(tmp_path: Path, fmt: str) -> tuple[subprocess.Popen, Path]:
    inputs = tmp_path / "in"
    inputs.mkdir(exist_ok=True)
    for name in ("a.txt", "b.txt"):
        (inputs / name).write_text("A sentence about rivers and bridges.\n", encoding="utf-8")
    dest = tmp_path / ("out" if fmt == "txt" else f"out.{fmt}")
    # without the corpus stages (which clean everything before writing) the export streams as documents are cleaned
    from winnow.rules.documents import CORPUS_RULES
    from winnow.rules.templates import SiteTemplates

    recipe = tmp_path / "streaming.toml"
    recipe.write_text("schema = 1\n" + "".join(f'[rules."{rule.id}"]\nenabled = false\n' for rule in (*CORPUS_RULES, SiteTemplates)), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_CLEAN, "clean", str(inputs), "--format", fmt, "-o", str(dest), "--recipe", str(recipe)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "exporting"  # a.txt is in the temporary file by now
    return proc, dest


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", ".old")))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("fmt", ["jsonl", "txt"])
def test_sigterm_and_sighup_leave_nothing_behind(tmp_path, signum, fmt):
    proc, dest = start_slow_export(tmp_path, fmt)
    assert leftovers(tmp_path)  # the export is under way
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum and "Traceback" not in err and "no output file was written" in err
    assert leftovers(tmp_path) == [] and not dest.exists()


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_sigkill_leftovers_are_cleaned_by_the_next_export_to_the_same_place(tmp_path, fmt):
    proc, dest = start_slow_export(tmp_path, fmt)
    proc.kill()
    proc.wait(timeout=30)
    assert leftovers(tmp_path)  # a killed process cannot clean up
    assert winnow("clean", tmp_path / "in", "-o", dest).returncode == 0
    assert leftovers(tmp_path) == [] and dest.exists()


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    from winnow.export.atomic import remove_leftovers

    dest = tmp_path / "out.jsonl"
    mine = tmp_path / f".out.jsonl.{os.getpid()}.abc.part"
    dead = tmp_path / ".out.jsonl.999999999.abc.part"
    other = tmp_path / ".other.jsonl.999999999.abc.part"
    for path in (mine, dead, other):
        path.write_text("x", encoding="utf-8")
    assert remove_leftovers(dest) == [dead]
    assert mine.exists() and other.exists()


# ---------------------------------------------------------------- permissions and refusals


@pytest.mark.parametrize("umask, file_mode, dir_mode", [(0o077, 0o600, 0o700), (0o002, 0o664, 0o775)])
def test_exports_honour_the_umask(tmp_path, umask, file_mode, dir_mode):
    old = os.umask(umask)
    try:
        export_corpus(corpus(), tmp_path / "c.jsonl", ExportOptions())
        export_corpus(corpus(), tmp_path / "out", ExportOptions(format="txt"))
        export_corpus(corpus(), tmp_path / "c.parquet", ExportOptions(format="parquet"))
    finally:
        os.umask(old)
    assert (tmp_path / "c.jsonl").stat().st_mode & 0o777 == file_mode
    assert (tmp_path / "c.parquet").stat().st_mode & 0o777 == file_mode
    assert (tmp_path / "out").stat().st_mode & 0o777 == dir_mode
    assert (tmp_path / "out" / "in" / "doc0.txt").stat().st_mode & 0o777 == file_mode


def test_output_equal_to_the_recipe_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("A sentence about rivers and bridges.\n", encoding="utf-8")
    recipe = tmp_path / "r.toml"
    assert winnow("recipe", "init", recipe).returncode == 0
    before = recipe.read_bytes()
    proc = winnow("clean", tmp_path / "a.txt", "--recipe", recipe, "-o", recipe)
    assert proc.returncode == 2 and "is the recipe" in proc.stderr
    assert recipe.read_bytes() == before


def test_output_into_an_input_folder_is_refused_before_reading(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "a.txt").write_text("A sentence about rivers and bridges.\n", encoding="utf-8")
    started = time.perf_counter()
    for dest in (inputs / "c.jsonl", inputs / "sub" / "deeper.csv", inputs, inputs / "sub"):
        proc = winnow("clean", inputs, "-o", dest)
        assert proc.returncode == 2, (dest, proc.stderr)
        assert "input" in proc.stderr and "no document could be read" not in proc.stderr
    assert sorted(p.name for p in inputs.rglob("*")) == ["a.txt", "sub"]
    assert time.perf_counter() - started < 60
