"""Counts in words in every message a person reads: “1 line was”, “3 lines were”, never “line(s)”."""

from __future__ import annotations

import subprocess
import sys

from winnow.core.model import Problem
from winnow.core.wording import plural, were
from winnow.readers import read_paths


def test_a_count_takes_the_singular_only_for_one():
    assert [plural(n, "document") for n in (0, 1, 2, 2480)] == ["0 documents", "1 document", "2 documents", "2,480 documents"]
    assert [were(n) for n in (0, 1, 2)] == ["were", "was", "were"]


def test_a_reader_warning_agrees_with_its_count(tmp_path):
    one, three = tmp_path / "one.txt", tmp_path / "three.txt"
    prose = "Der Rat hat am Dienstag beschlossen, die Radwege in der Innenstadt auszubauen. " * 40
    one.write_bytes(prose.encode() + b"\x00\n")
    three.write_bytes(b"\x00".join([prose.encode()] * 4))
    warnings = {d.name: d.warnings for d in read_paths([one, three]) if not isinstance(d, Problem)}
    assert "1 NUL byte was removed" in warnings["one.txt"]
    assert "3 NUL bytes were removed" in warnings["three.txt"]


def test_the_command_line_summary_counts_in_words(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Le conseil municipal a voté mardi un plan de pistes cyclables protégées dans le centre.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "winnow", "clean", str(source), "-o", str(tmp_path / "out.jsonl")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "winnow: 1 document cleaned" in done.stderr and "(s)" not in done.stderr
