"""The corpus passes' plumbing: the writer's merge of spill files, and exact copies kept out of the LSH
pairs (n copies of one page must not make n² candidate pairs)."""

from __future__ import annotations

import random
from pathlib import Path

from winnow.core.model import Cleaned, Document
from winnow.corpus.near_duplicates import DedupSettings, candidate_pairs, deduplicate, index_pairs, matches, resolve, signature
from winnow.runners.corpus_passes import dump, merged

SETTINGS = DedupSettings()
WORDS = "harbour council budget river school station winter market garden library bridge museum teacher farmer".split()


def text(seed: int, words: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(words))


def test_exact_copies_make_no_pairs_among_themselves_and_the_same_clusters():
    base = text(1)
    near = base.rsplit(" ", 6)[0] + " and a few words of its own"  # a near copy: not byte-equal
    sigs = [signature(f"copy{n:03d}", f"site{n}/page.txt", None, base, SETTINGS) for n in range(200)]
    sigs += [signature("near", "other/page.txt", None, near, SETTINGS), signature("alone", "x/y.txt", None, text(2), SETTINGS)]
    pairs = candidate_pairs(sigs, SETTINGS)
    assert len(pairs) <= 3  # one copy stands for the 200
    found = deduplicate(sigs, SETTINGS)
    every_pair = resolve(sigs, matches(sigs, index_pairs(sigs, SETTINGS), SETTINGS), SETTINGS)  # all 20,000 pairs
    assert found.clusters == every_pair.clusters and found.dropped == every_pair.dropped
    assert len(found.clusters) == 1 and len(found.dropped) == 200 and "alone" not in found.cluster_of


def test_a_copy_split_off_by_the_user_is_still_compared_on_its_own():
    base = text(3)
    sigs = [signature(key, f"{key}.txt", None, base, SETTINGS) for key in ("a", "b", "c")]
    found = deduplicate(sigs, DedupSettings(distinct_ids=("a",)))
    assert "a" not in found.cluster_of and set(found.cluster_of) == {"b", "c"}


def cleaned(source: str, record: int | None = None) -> Cleaned:
    return Cleaned(Document(source, "text", "", [], record=record), [], [], {})


def test_the_writer_merges_spills_into_corpus_order_even_when_they_overlap(tmp_path: Path):
    spills = {
        "a": [cleaned("a/1.txt"), cleaned("c/feed.jsonl", 0), cleaned("c/feed.jsonl", 2)],
        "b": [cleaned("b/2.txt"), cleaned("c/feed.jsonl", 1)],  # overlaps the first spill
        "c": [cleaned("d/3.txt")],
    }
    entries = []
    for name, items in spills.items():
        dump(tmp_path / name, items)
        entries.append(((items[0].document.source, -1, ""), tmp_path / name))
    order = [(c.document.source, c.document.record) for c in merged(list(reversed(entries)))]
    assert order == [("a/1.txt", None), ("b/2.txt", None), ("c/feed.jsonl", 0), ("c/feed.jsonl", 1), ("c/feed.jsonl", 2), ("d/3.txt", None)]
