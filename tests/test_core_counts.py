"""CorpusCounts, the one aggregator of per-rule counts: counting a corpus in parts and merging them gives the
counts of the whole (how a cluster run's summary is made from its parts)."""

from __future__ import annotations

from pathlib import Path

from winnow.core.model import CorpusCounts, Problem
from winnow.corpus.run import CorpusCleaner
from winnow.readers import read_paths
from winnow.recipe import default_recipe

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _counted(documents) -> CorpusCounts:
    counts = CorpusCounts()
    for cleaned in documents:
        counts.add(cleaned)
        if cleaned.dropped is not None:
            counts.left_out[cleaned.dropped.rule_id] += 1
    return counts


def test_merged_parts_count_what_the_whole_counts():
    documents = [d for d in read_paths([str(SEEDS)]) if not isinstance(d, Problem)]
    cleaned = CorpusCleaner(default_recipe()).run(documents).documents
    assert any(c.dropped for c in cleaned) and any(c.removed_counts for c in cleaned)  # the seeds exercise every field
    whole = _counted(cleaned)
    merged = CorpusCounts()
    for part in (cleaned[:2], cleaned[2:3], [], cleaned[3:]):
        merged.merge(_counted(part))
    assert merged == whole
    assert merged.documents == len(cleaned) and sum(merged.left_out.values()) == 1 and merged.by_rule
