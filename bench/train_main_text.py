"""Train the learned main-text detector (resources/models/main-text.json) on the dev sets' TUNING pages only.

Usage: .venv/bin/python bench/train_main_text.py [--shared ../shared] [--out resources/models/main-text.json]
Needs scikit-learn (`pip install -e '.[bench]'`); Winnow itself reads the model with plain Python.

1. Every text page of both dev sets is cleaned in this process with the default recipe (`winnow clean
   --jobs 1`, so the corpus stages count the same templates as a real run); when `boilerplate.main-text`
   judges a page, its blocks and their features (rules/main_text_model.py) are recorded. Held-out pages
   (bench/splits/splits.json, frozen before training) are skipped before anything is read from them.
2. Labels, per block:
   - devset-en: the expected article text. A page token counts as article when a 4-token shingle
     containing it occurs in the expected text (the scorer's own unit, so a link cut out of a sentence is
     covered through its neighbours, and a menu word that the article also uses is not); a block is
     article when at least half its tokens are. Weight: its tokens, each page summing to 1 (the scorer is
     a macro over pages).
   - devset: only must/must-not strings. A block that a "with" string overlaps is article, one that a
     "without" string overlaps is not, a block with both or neither is left out (unlabelled). Each page
     sums to 1, like devset-en's.
3. Gradient-boosted shallow trees (deterministic: fixed seed, no subsampling) for two models: "learned"
   (the features alone) and "hybrid" (plus the hand-tuned detector's decision). The keep threshold is the
   one that scores best over site-grouped cross-validation on the tuning pages; then each model is refit
   on all tuning pages and written with rounded numbers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "splits"), str(HERE)]

from make_splits import site  # noqa: E402
from quality import load_scorer  # noqa: E402

from winnow import cli  # noqa: E402
from winnow.rules.boilerplate import MainText, maximal_segments  # noqa: E402
from winnow.rules.main_text_model import FEATURE_NAMES, STACKED_NAMES, block_features, context_features, parse_trees  # noqa: E402
from winnow.rules.shared import analysis  # noqa: E402

SCORER = None  # tools/score_devset_en.py, loaded in main()
SPLITS = json.loads((HERE / "splits" / "splits.json").read_text(encoding="utf-8"))
TOKEN = re.compile(r"\w+")
SHINGLE = 4
TREES, DEPTH, RATE, MIN_LEAF = 80, 3, 0.1, 20
RULES = FEATURE_NAMES.index("rules_keep")
DIGITS = 5  # numbers in the model file are rounded to this many decimals


# ---------------------------------------------------------------- capture blocks while the product runs


def capture_pages(folder: Path, keep_names: set[str]) -> dict[str, dict]:
    """Clean the pages of `folder` named in keep_names; return, per page, its judged blocks' texts and features."""
    captured: dict[str, dict] = {}
    original = MainText.apply

    def recording(self: MainText, ctx) -> None:
        name = Path(ctx.document.source).stem
        if name in keep_names and not ctx.document.is_html and self._looks_flattened(ctx):
            columns = self.judged_columns(ctx)
            if columns is not None:
                info = analysis(ctx)
                keep = list(map(bool, self.main_text(columns, info.stop)))
                blocks = columns.objects()
                captured[name] = {
                    "texts": [b.text for b in blocks],
                    "removed": [b.removed for b in blocks],
                    "chars": [b.chars for b in blocks],
                    "rows": block_features(blocks, maximal_segments([b.value for b in blocks]), info.cjk, bool(info.stop), keep),
                }
        original(self, ctx)

    with tempfile.TemporaryDirectory() as work:
        inputs = Path(work) / "in"
        inputs.mkdir()
        for name in sorted(keep_names):  # only the tuning pages are ever read
            source = folder / f"{name}.txt"
            (inputs / source.name).write_bytes(source.read_bytes())
        MainText.apply = recording  # type: ignore[method-assign]
        try:
            cli.main(["clean", str(inputs), "-o", str(Path(work) / "out.jsonl"), "--jobs", "1"])
        finally:
            MainText.apply = original  # type: ignore[method-assign]
    return captured


# ---------------------------------------------------------------- labels


def shingle_labels(texts: list[str], expected: str) -> list[float]:
    """Share of each block's tokens covered by a 4-token shingle of the expected text."""
    reference = TOKEN.findall(expected)
    grams = {tuple(reference[i : i + SHINGLE]) for i in range(max(len(reference) - SHINGLE + 1, 1))}
    tokens, owner = [], []
    for n, text in enumerate(texts):
        for t in TOKEN.findall(text):
            tokens.append(t)
            owner.append(n)
    covered = [False] * len(tokens)
    for i in range(max(len(tokens) - SHINGLE + 1, 0)):
        if tuple(tokens[i : i + SHINGLE]) in grams:
            for j in range(i, i + SHINGLE):
                covered[j] = True
    hit, size = [0] * len(texts), [0] * len(texts)
    for c, n in zip(covered, owner):
        hit[n] += c
        size[n] += 1
    return [h / s if s else -1.0 for h, s in zip(hit, size)]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def string_labels(texts: list[str], with_: list[str], without: list[str]) -> list[float]:
    """1 for blocks a must string overlaps, 0 for blocks a must-not string overlaps, -1 otherwise or both."""
    joined, starts, pos = [], [], 0
    for text in texts:
        starts.append(pos)
        joined.append(squash(text))
        pos += len(joined[-1]) + 1
    page = " ".join(joined)

    def overlapped(strings: list[str]) -> set[int]:
        found = set()
        for s in map(squash, strings):
            for m in re.finditer(re.escape(s), page) if s else ():
                found.update(n for n, start in enumerate(starts) if start < m.end() and start + len(joined[n]) > m.start())
        return found

    good, bad = overlapped(with_), overlapped(without)
    return [1.0 if n in good and n not in bad else 0.0 if n in bad and n not in good else -1.0 for n in range(len(texts))]


def dataset(shared: Path) -> list[dict]:
    """One record per judged tuning page: rows, labels (1/0), weights, its site and its set."""
    pages = []
    for name in ("devset-en", "devset"):
        root = shared / name
        cases = {c["id"]: c for c in map(json.loads, (root / "cases.jsonl").read_text("utf-8").splitlines())}
        tuning = set(SPLITS[name]["tuning"])
        by_file = {Path(cases[cid]["text"]).stem: cid for cid in tuning}
        captured = capture_pages(root / "text", set(by_file))
        for stem, page in sorted(captured.items()):
            case = cases[by_file[stem]]
            if name == "devset-en":
                share = shingle_labels(page["texts"], (root / case["expected"]).read_text("utf-8"))
                sizes = [len(TOKEN.findall(t)) for t in page["texts"]]
                labels = [-1.0 if s < 0 else float(s >= 0.5) for s in share]
                weights = [float(z) + 1.0 for z in sizes]
            else:
                present = [s for s, flag in zip(case["with"], case["with_in_text"]) if flag]
                labels = string_labels(page["texts"], present, case["without"])
                weights = [1.0] * len(labels)
            use = [n for n, (lab, removed) in enumerate(zip(labels, page["removed"])) if lab >= 0 and not removed]
            total = sum(weights[n] for n in use)
            if not use or total == 0:
                continue
            pages.append(
                {
                    "set": name,
                    "id": case["id"],
                    "site": site(case),
                    "rows": page["rows"],
                    "chars": page["chars"],
                    "texts": [t if not r else "" for t, r in zip(page["texts"], page["removed"])] if name == "devset-en" else [],
                    "expected": (root / case["expected"]).read_text("utf-8") if name == "devset-en" else "",
                    "labels": [max(lab, 0.0) for lab in labels],
                    "weights": [weights[n] / total if n in use else 0.0 for n in range(len(labels))],
                }
            )
        print(f"{name}: {sum(p['set'] == name for p in pages)} tuning pages judged and labelled", file=sys.stderr)
    return pages


# ---------------------------------------------------------------- fit


def balance(pages: list[dict]) -> None:
    """Each set weighs the same in training, however many of its pages the detector judged."""
    for name in ("devset-en", "devset"):
        part = [p for p in pages if p["set"] == name]
        for p in part:
            p["weights"] = [w * len(pages) / (2 * len(part)) for w in p["weights"]]


def page_rows(page: dict, hybrid: bool, first_look: list[float] | None = None):
    """A page's feature rows for the first look, or, given the first look's probabilities, for the second."""
    import numpy as np

    rows = np.array(page["rows"], dtype=float)
    if not hybrid:
        rows[:, RULES] = 0.0
    if first_look is None:
        return rows
    return np.hstack([rows, np.array(context_features(page["chars"], first_look), dtype=float)])


def fit(pages: list[dict], rows: list):
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    x = np.vstack(rows)
    y = np.concatenate([p["labels"] for p in pages])
    w = np.concatenate([p["weights"] for p in pages])
    use = w > 0
    model = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, min_samples_leaf=MIN_LEAF, random_state=0)
    model.fit(x[use], y[use], sample_weight=w[use])
    return model


def out_of_fold(pages: list[dict], rows: list, folds: int = 5) -> list[list[float]]:
    """Each page's probabilities from a model fitted on the other folds' sites (site-grouped cross-validation)."""
    sites = sorted({p["site"] for p in pages})
    fold = {s: n % folds for n, s in enumerate(sites)}
    result: list[list[float]] = [[] for _ in pages]
    for k in range(folds):
        train = [n for n, p in enumerate(pages) if fold[p["site"]] != k]
        model = fit([pages[n] for n in train], [rows[n] for n in train])
        for n, p in enumerate(pages):
            if fold[p["site"]] == k:
                result[n] = [round(float(q), 6) for q in model.predict_proba(rows[n])[:, 1]]
    return result


def page_score(page: dict, keep: list[bool]) -> float:
    """A page's figure under a keep decision: token F1 on devset-en, share of strings right on devset."""
    tp = sum(w for w, lab, k in zip(page["weights"], page["labels"], keep) if lab and k)
    fp = sum(w for w, lab, k in zip(page["weights"], page["labels"], keep) if not lab and k)
    fn = sum(w for w, lab, k in zip(page["weights"], page["labels"], keep) if lab and not k)
    if page["set"] == "devset":
        return 1.0 - fp - fn
    # devset-en: the scorer's own figure on the kept blocks' text (holes in a paragraph cost their shingles)
    tp, fp, fn = SCORER.shingle_tp_fp_fn(page["expected"], "\n".join(t for t, k in zip(page["texts"], keep) if k))
    p, r = SCORER.precision(tp, fp, fn), SCORER.recall(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


def figures(pages: list[dict], probabilities: list[list[float]], threshold: float) -> dict[str, float]:
    """The mean page figure per set (and over both sets' means) when blocks at or above threshold are kept."""
    out = {}
    for name in ("devset-en", "devset"):
        scores = [page_score(p, [q >= threshold for q in probabilities[n]]) for n, p in enumerate(pages) if p["set"] == name]
        out[name] = sum(scores) / max(len(scores), 1)
    out["both"] = (out["devset-en"] + out["devset"]) / 2
    return out


def train(pages: list[dict], hybrid: bool, label: str) -> dict:
    """Both looks of one detector: cross-validated threshold, then refitted on all tuning pages."""
    first_rows = [page_rows(p, hybrid) for p in pages]
    first_look = out_of_fold(pages, first_rows)
    print(f"{label}: first look alone, cross-validated, at 0.5: {figures(pages, first_look, 0.5)}", file=sys.stderr)
    second_rows = [page_rows(p, hybrid, q) for p, q in zip(pages, first_look)]
    second_look = out_of_fold(pages, second_rows)
    table = {t: figures(pages, second_look, t) for t in [round(0.05 * t, 2) for t in range(4, 17)]}
    threshold = max(table, key=lambda t: (round(table[t]["both"], 4), -abs(t - 0.5)))
    for t, f in table.items():
        print(f"{label}: second look, cross-validated, at {t}: " + " ".join(f"{k} {v:.3f}" for k, v in f.items()), file=sys.stderr)
    print(f"{label}: threshold {threshold}", file=sys.stderr)
    first, second = fit(pages, first_rows), fit(pages, second_rows)
    check(first, first_rows)
    check(second, second_rows)
    return {"first": export(first, 0.5, FEATURE_NAMES), "second": export(second, threshold, STACKED_NAMES)}


def check(model, rows: list) -> None:
    """The exported trees, read back and run as Winnow runs them, agree with scikit-learn (up to rounding)."""
    import numpy as np

    names = FEATURE_NAMES if rows[0].shape[1] == len(FEATURE_NAMES) else STACKED_NAMES
    trees = parse_trees(export(model, 0.5, names), names)
    x = np.vstack(rows)[:: max(1, len(np.vstack(rows)) // 2000)]
    ours = np.array([trees.probability(list(map(float, r))) for r in x])
    gap = float(np.max(np.abs(ours - model.predict_proba(x)[:, 1])))
    if gap > 1e-3:
        raise SystemExit(f"exported trees disagree with scikit-learn by {gap}")


def export(model, threshold: float, names: tuple[str, ...]) -> dict:
    """The trees as plain lists, the learning rate folded into the node values, numbers rounded."""
    import numpy as np

    base = float(model._raw_predict_init(np.zeros((1, model.n_features_in_)))[0, 0])  # the prior's log-odds
    trees = []
    for estimator in model.estimators_[:, 0]:
        t = estimator.tree_
        nodes = []
        for n in range(t.node_count):
            leaf = t.children_left[n] < 0
            nodes.append(
                [
                    -1 if leaf else int(t.feature[n]),
                    0.0 if leaf else round(float(t.threshold[n]), 7),  # midway between two 6-decimal values
                    int(t.children_left[n]),
                    int(t.children_right[n]),
                    round(float(model.learning_rate * t.value[n][0][0]), DIGITS),
                ]
            )
        trees.append(nodes)
    return {
        "features": list(names),
        "base": round(base, DIGITS),
        "threshold": threshold,
        "trees": trees,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--cache", type=Path, help="keep the captured tuning pages here between runs (a JSON file)")
    parser.add_argument("--models", default="learned,hybrid", help="train only these (a trial run; the file needs both)")
    parser.add_argument("--out", type=Path, default=HERE.parent / "resources" / "models" / "main-text.json")
    args = parser.parse_args()
    global SCORER
    SCORER = load_scorer(args.shared)
    if args.cache and args.cache.exists():
        pages = json.loads(args.cache.read_text("utf-8"))
    else:
        pages = dataset(args.shared)
        if args.cache:
            args.cache.write_text(json.dumps(pages), "utf-8")
    balance(pages)
    for name in ("devset-en", "devset"):
        part = [p for p in pages if p["set"] == name]
        rules = sum(page_score(p, [r[RULES] > 0 for r in p["rows"]]) for p in part) / max(len(part), 1)
        print(f"{name}: hand-tuned detector's page figure on the labelled blocks {rules:.3f}", file=sys.stderr)
    result = {name: train(pages, hybrid, name) for name, hybrid in (("learned", False), ("hybrid", True)) if name in args.models}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
