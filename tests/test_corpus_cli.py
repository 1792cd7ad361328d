"""The corpus stages from the command line: --rejected, the new fields, one schema, any input order."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from winnow.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCORE_SEEDS = ROOT.parent / "shared" / "tools" / "score_seeds.py"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("export")
    assert main(["clean", str(SEEDS), "-o", str(out / "s.jsonl"), "--rejected", str(out / "r.jsonl"), "-q"]) == 0
    return out / "s.jsonl", out / "r.jsonl"


def test_the_near_duplicate_seed_is_left_out_with_its_reason(seeds_export):
    kept, rejected = map(read_jsonl, seeds_export)
    assert sorted(Path(r["source"]).name[:3] for r in kept) == ["001", "002", "003", "004"]
    (gone,) = rejected
    assert Path(gone["source"]).name.startswith("000_")
    assert Path(gone["duplicate_of"]).name.startswith("001_") and gone["excluded_by"] == "duplicates.near"
    assert gone["reason"].startswith("near-duplicate of seeds/001_") and gone["text"]
    twin = next(r for r in kept if Path(r["source"]).name.startswith("001_"))
    assert twin["cluster"] == gone["cluster"] is not None and twin["duplicate_of"] is None


def test_every_record_has_the_corpus_fields_null_when_not_applicable(seeds_export):
    kept, _ = map(read_jsonl, seeds_export)
    assert len({tuple(r) for r in kept}) == 1  # one schema
    for r in kept:
        assert {"language_score", "duplicate_of", "cluster"} <= r.keys()
        assert r["language_score"] is None or 0 < r["language_score"] <= 1
        assert "reason" not in r
    assert [r["cluster"] is None for r in kept] == [False, True, True, True]


@pytest.mark.skipif(not SCORE_SEEDS.exists(), reason="the shared scoring tools are not next to the repository")
def test_the_seed_scorer_accepts_the_export_with_its_rejected_file(seeds_export):
    kept, rejected = seeds_export
    proc = subprocess.run([sys.executable, str(SCORE_SEEDS), str(kept), "--rejected", str(rejected)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_rejected_as_csv_has_the_rule_and_reason_columns(tmp_path):
    assert main(["clean", str(SEEDS), "-o", str(tmp_path / "s.csv"), "--rejected", str(tmp_path / "r.csv"), "-q"]) == 0
    with (tmp_path / "r.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["excluded_by"] for row in rows] == ["duplicates.near"]
    with (tmp_path / "s.csv").open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert {"language_score", "duplicate_of", "cluster"} <= set(header) and "reason" not in header


def test_an_empty_rejected_file_still_has_its_header(tmp_path):
    single = tmp_path / "one.txt"
    single.write_text((SEEDS / sorted(p.name for p in SEEDS.iterdir())[2]).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["clean", str(single), "-o", str(tmp_path / "s.jsonl"), "--rejected", str(tmp_path / "r.csv"), "-q"]) == 0
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").startswith("id,source,record,")


def test_rejected_must_be_one_jsonl_or_csv_file(tmp_path, capsys):
    assert main(["clean", str(SEEDS), "-o", str(tmp_path / "s.jsonl"), "--rejected", str(tmp_path / "r.txt")]) == 2
    assert "--rejected" in capsys.readouterr().err


def test_files_given_in_any_order_give_byte_identical_exports(tmp_path):
    files = sorted(str(p) for p in SEEDS.iterdir())
    outputs = []
    for n, order in enumerate((files, files[::-1], files[2:] + files[:2])):
        out, rej = tmp_path / f"{n}.jsonl", tmp_path / f"{n}-r.jsonl"
        assert main(["clean", *order, "-o", str(out), "--rejected", str(rej), "-q"]) == 0
        outputs.append((out.read_bytes(), rej.read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0][1]  # the duplicate was found in each order


def test_switching_the_corpus_rules_off_keeps_every_document(tmp_path):
    recipe = tmp_path / "r.toml"
    recipe.write_text('schema = 1\n[rules."duplicates.near"]\nenabled = false\n', encoding="utf-8")
    assert main(["clean", str(SEEDS), "-r", str(recipe), "-o", str(tmp_path / "s.jsonl"), "--rejected", str(tmp_path / "x.jsonl"), "-q"]) == 0
    assert len(read_jsonl(tmp_path / "s.jsonl")) == 5 and not read_jsonl(tmp_path / "x.jsonl")
