"""The learned main-text detector: a few shallow trees over features of the detector's own blocks.

`boilerplate.main-text` with `detector = "learned"` (or `"hybrid"`) joins a flattened page's lines into
blocks and judges each block as the hand-tuned detector does (length, common-word density in the page's
language, links, end markers, what earlier rules removed: see rules/boilerplate.py); then, instead of its
hand-set thresholds, a model trained on the development sets' tuning pages (`bench/train_main_text.py`)
scores each block from those facts, its position on the page and its neighbours, and keeps every block
scored as article: any number of stretches, not one best run. The "hybrid" model also sees the hand-tuned
detector's own decision as one feature.

The model is a small JSON file in resources/models/ (gradient-boosted trees, rounded numbers, fixed order),
and inference is plain Python, so it gives the same decisions on every run and platform. A removal's
reason names the features that pushed the block's score down the most (each tree's step along the block's
path is credited to the feature it split on).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from winnow.core.model import Family
from winnow.resources import read_text

if TYPE_CHECKING:
    from winnow.rules.boilerplate import Block

MODEL_FILE = "models/main-text.json"
NEIGHBOURS = 3  # blocks on each side a block's neighbourhood features look at
WORD = re.compile(r"\w+")

# (name, what it says in a reason when it speaks against the block); the model file names the features it
# was trained with and refuses to load when they differ from these
FEATURES: tuple[tuple[str, str], ...] = (
    ("chars", "short"),
    ("words", "few words"),
    ("stop_density", "few common words"),
    ("sentence", "no finished sentence"),
    ("good", "not a prose paragraph"),
    ("near", "not near-prose"),
    ("short", "a short fragment"),
    ("bad", "long but wordless (links or code)"),
    ("removed", "an earlier rule removed it"),
    ("removed_boilerplate_family", "furniture, an ad or a prompt"),
    ("removed_other_family", "a related list, template or repeat"),
    ("junk", "a menu or legal link"),
    ("end", "a closing marker (comments, tags, share bar)"),
    ("comments", "a comment heading"),
    ("more_link", "a 'read more' link"),
    ("ticker", "in a live ticker"),
    ("formulas", "formula pieces"),
    ("lines", "one line only"),
    ("link_shape", "shaped like a link"),
    ("capitalised", "mostly capitalised words"),
    ("digits", "mostly digits"),
    ("commas", "few commas"),
    ("position", "position on the page"),
    ("prose_before", "prose before it on the page"),
    ("after_comments", "after a comment heading"),
    ("after_end", "after a closing marker"),
    ("near_stop_density", "neighbours with few common words"),
    ("near_good", "few prose paragraphs nearby"),
    ("near_bad", "link lists nearby"),
    ("near_removed", "removed lines nearby"),
    ("previous_good", "previous block not prose"),
    ("next_good", "next block not prose"),
    ("prose_distance", "far from prose"),
    ("segment_share", "outside the page's richest stretch of prose"),
    ("chars_share", "small beside the page's longest block"),
    ("prose_share", "little of the page's prose"),
    ("near_prose_share", "little of the page's prose around it"),
    ("repeated", "repeated on the page"),
    ("cjk", "Chinese or Japanese"),
    ("no_stoplist", "language without a stoplist"),
    ("rules_keep", "the hand-tuned detector drops it"),
)
# the second look: the first look's article probabilities around the block (a paragraph amid article
# paragraphs is article; a lone good one amid a sidebar is not)
CONTEXT: tuple[tuple[str, str], ...] = (
    ("first_look", "first look: not article"),
    ("near_1", "the blocks beside it are not article"),
    ("near_3", "the blocks around it are not article"),
    ("near_10", "the stretch around it is not article"),
    ("max_before", "no article just before it"),
    ("max_after", "no article just after it"),
    ("article_before", "little article text before it"),
    ("article_after", "little article text after it"),
)
FEATURE_NAMES = tuple(name for name, _ in FEATURES)
STACKED_NAMES = FEATURE_NAMES + tuple(name for name, _ in CONTEXT)
AGAINST = dict(FEATURES + CONTEXT)
INSIDE = (Family.FURNITURE, Family.ADS, Family.PROMPTS)


def block_features(
    blocks: list[Block], runs: list[tuple[float, int, int]], cjk: bool, has_stoplist: bool, rules_keep: list[bool] | None = None
) -> list[list[float]]:
    """One row of FEATURES per block, from the judged blocks (rules/boilerplate.py's MainText.judged_blocks) and
    the maximal-scoring runs of their values (boilerplate.maximal_segments)."""
    count = len(blocks)
    prose = [max(b.value, 0.0) for b in blocks]
    total_prose = sum(prose) or 1.0
    longest = max((b.chars for b in blocks), default=0) or 1
    segment = [0.0] * count
    best = max((score for score, _, _ in runs), default=0.0) or 1.0
    for score, start, end in runs:
        for n in range(start, end + 1):
            segment[n] = score / best
    good = [b.kind == "good" for b in blocks]
    distance = _distance_to(good)
    keys = Counter(b.text.casefold() for b in blocks)
    rows: list[list[float]] = []
    seen_prose = 0.0
    after_comments = after_end = False
    for n, b in enumerate(blocks):
        text = b.text if b.words is None else b.words
        tokens = text.split()
        letters = sum(c.isalpha() for c in text) or 1
        near = [m for m in range(max(0, n - NEIGHBOURS), min(count, n + NEIGHBOURS + 1)) if m != n]
        near_chars = sum(blocks[m].chars for m in near) or 1
        row = {
            "chars": math.log1p(b.chars),
            "words": math.log1p(len(WORD.findall(text))),
            "stop_density": b.stop_density,
            "sentence": float(b.sentence),
            "good": float(b.kind == "good"),
            "near": float(b.kind == "near"),
            "short": float(b.kind == "short"),
            "bad": float(b.kind == "bad"),
            "removed": float(b.removed),
            "removed_boilerplate_family": float(b.removed and b.family in INSIDE),
            "removed_other_family": float(b.removed and b.family not in INSIDE),
            "junk": float(b.junk),
            "end": float(b.end),
            "comments": float(b.comments),
            "more_link": float(bool(b.more)),
            "ticker": float(b.ticker),
            "formulas": math.log1p(b.formulas),
            "lines": math.log1p(len(b.lines)),
            "link_shape": float(len(b.lines) == 1 and len(tokens) <= 4 and not b.sentence),
            "capitalised": sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1),
            "digits": sum(c.isdigit() for c in text) / (letters + sum(c.isdigit() for c in text)),
            "commas": text.count(",") / max(len(tokens), 1),
            "position": n / max(count - 1, 1),
            "prose_before": seen_prose / total_prose,
            "after_comments": float(after_comments),
            "after_end": float(after_end),
            "near_stop_density": sum(blocks[m].stop_density * blocks[m].chars for m in near) / near_chars,
            "near_good": sum(good[m] for m in near) / max(len(near), 1),
            "near_bad": sum(blocks[m].kind == "bad" for m in near) / max(len(near), 1),
            "near_removed": sum(blocks[m].removed for m in near) / max(len(near), 1),
            "previous_good": float(n > 0 and good[n - 1]),
            "next_good": float(n + 1 < count and good[n + 1]),
            "prose_distance": math.log1p(distance[n]),
            "segment_share": segment[n],
            "chars_share": b.chars / longest,
            "prose_share": prose[n] / total_prose,
            "near_prose_share": sum(prose[m] for m in near) / total_prose,
            "repeated": float(keys[b.text.casefold()] > 1),
            "cjk": float(cjk),
            "no_stoplist": float(not has_stoplist and not cjk),
            "rules_keep": float(rules_keep[n]) if rules_keep is not None else 0.0,
        }
        rows.append([round(row[name], 6) for name in FEATURE_NAMES])
        seen_prose += prose[n]
        after_comments = after_comments or (b.comments and seen_prose > 0)
        after_end = after_end or (b.end and seen_prose >= 0.5 * total_prose)
    return rows


def context_features(chars: list[int], first_look: list[float]) -> list[list[float]]:
    """Per block (of chars[n] characters), the first look's probabilities around it (CONTEXT), for the second look."""
    count = len(chars)
    weight = [p * c for p, c in zip(first_look, chars)]
    total = sum(weight) or 1.0
    rows, before = [], 0.0

    def mean(n: int, reach: int) -> float:
        near = first_look[max(0, n - reach) : n] + first_look[n + 1 : n + reach + 1]
        return sum(near) / len(near) if near else 0.0

    for n in range(count):
        row = (
            first_look[n],
            mean(n, 1),
            mean(n, 3),
            mean(n, 10),
            max(first_look[max(0, n - 5) : n], default=0.0),
            max(first_look[n + 1 : n + 6], default=0.0),
            before / total,
            (total - before - weight[n]) / total,
        )
        rows.append([round(v, 6) for v in row])
        before += weight[n]
    return rows


def _distance_to(marks: list[bool]) -> list[int]:
    """For each position, how many steps away the nearest marked one is (len(marks) when none is)."""
    far = len(marks)
    out = [far] * far
    last = -far
    for n, m in enumerate(marks):
        last = n if m else last
        out[n] = n - last
    last = 2 * far
    for n in range(far - 1, -1, -1):
        last = n if marks[n] else last
        out[n] = min(out[n], last - n, far)
    return out


@dataclass(frozen=True)
class Trees:
    """Gradient-boosted regression trees on the log-odds of "article": base + the sum of each tree's leaf."""

    base: float
    threshold: float  # keep a block whose probability is at least this
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]  # nodes: (feature, threshold, left, right, value); feature -1 = leaf

    def contributions(self, row: list[float]) -> tuple[float, dict[int, float]]:
        """The block's log-odds and what each feature added to it along the block's path through the trees."""
        score = self.base
        credit: dict[int, float] = {}
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                child = tree[node[2] if row[node[0]] <= node[1] else node[3]]
                credit[node[0]] = credit.get(node[0], 0.0) + child[4] - node[4]
                node = child
            score += node[4]
        return score, credit

    def probability(self, row: list[float]) -> float:
        score = self.base
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                node = tree[node[2] if row[node[0]] <= node[1] else node[3]]
            score += node[4]
        return 1.0 / (1.0 + math.exp(-score))

    def reasons(self, row: list[float], most: int = 2) -> list[str]:
        """The features that spoke most against the block, in words, strongest first."""
        _, credit = self.contributions(row)
        against = sorted((value, STACKED_NAMES[f]) for f, value in credit.items() if value < 0)
        return [AGAINST[name] for _, name in against[:most]]


@dataclass(frozen=True)
class Detector:
    """Two looks: the first scores each block from its own features, the second adds the first's scores around it."""

    first: Trees
    second: Trees

    def decide(self, rows: list[list[float]], blocks: list[Block]) -> tuple[list[bool], list[list[float]]]:
        """Which blocks are article, and the rows the decision was made on (for the reasons)."""
        first_look = [self.first.probability(row) for row in rows]
        stacked = [row + extra for row, extra in zip(rows, context_features([b.chars for b in blocks], first_look))]
        return [self.second.probability(row) >= self.second.threshold for row in stacked], stacked


@dataclass(frozen=True)
class MainTextModels:
    learned: Detector
    hybrid: Detector

    def __getitem__(self, name: str) -> Detector:
        return self.hybrid if name == "hybrid" else self.learned


def parse_trees(data: dict, names: tuple[str, ...]) -> Trees:
    if tuple(data["features"]) != names:
        raise ValueError(f"{MODEL_FILE} was trained with other features than this Winnow computes")
    trees = tuple(tuple((int(f), float(t), int(left), int(right), float(v)) for f, t, left, right, v in tree) for tree in data["trees"])
    return Trees(float(data["base"]), float(data["threshold"]), trees)


def parse_detector(data: dict) -> Detector:
    return Detector(parse_trees(data["first"], FEATURE_NAMES), parse_trees(data["second"], STACKED_NAMES))


@cache
def load_models() -> MainTextModels:
    """The models shipped in resources/models/main-text.json, read once per process."""
    data = json.loads(read_text(MODEL_FILE))
    return MainTextModels(parse_detector(data["learned"]), parse_detector(data["hybrid"]))


def learned_keep(
    blocks: list[Block], runs: list[tuple[float, int, int]], rules_keep: list[bool], detector: str, cjk: bool, has_stoplist: bool
) -> tuple[list[bool], dict[int, str]]:
    """Which blocks the model keeps, and for each dropped block the reason: its strongest features against."""
    model = load_models()[detector]
    rows = block_features(blocks, runs, cjk, has_stoplist, rules_keep if detector == "hybrid" else None)
    keep, stacked = model.decide(rows, blocks)
    why = {
        n: "not main text by the model: " + (", ".join(model.second.reasons(stacked[n])) or "no single feature")
        for n, kept in enumerate(keep)
        if not kept and not blocks[n].removed
    }
    return keep, why
