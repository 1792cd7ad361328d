"""The five seed articles come out exactly as the hand-made gold wants them, metadata included."""

import json
import unicodedata
from pathlib import Path

import pytest

from rules_helpers import clean

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "seeds-gold"
NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))

pytestmark = pytest.mark.skipif(not GOLD.is_dir() or not NAMES, reason="seed gold (../shared/seeds-gold) not present")


def norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())


@pytest.mark.parametrize("name", NAMES)
def test_seed_matches_gold(name):
    gold = json.loads((GOLD / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    text = (SEEDS / name).read_text(encoding="utf-8")
    result = clean(text.split("\n"))
    out = [norm(line) for line in result.text.split("\n") if line.strip()]
    keep = {norm(r["text"]) for r in gold["lines"] if r["label"] == "keep"}
    for r in gold["lines"]:
        if r["label"] == "keep":
            assert norm(r["text"]) in out, f"lost line {r['line']}"
        elif r["label"] == "drop":
            allowed = 1 if norm(r["text"]) in keep else 0  # a dropped repeat of a kept line may stay once
            assert out.count(norm(r["text"])) <= allowed, f"leaked line {r['line']} ({r.get('why')})"
    for field in ("date", "author"):
        assert result.metadata.get(field) == gold["metadata"].get(field), field
    assert result.metadata.get("title") == gold["title"]
    assert result.metadata.get("language") == "en"
    # every removal says which family and why
    assert all(r.reason and r.rule_id for r in result.removals if r is not None)
