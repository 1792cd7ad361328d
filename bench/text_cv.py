"""Judge a change to the text-mode detector by how it generalises inside the TUNING split, site by site.

Usage: .venv/bin/python bench/text_cv.py run NAME [--recipe FILE]      # export both dev sets' text pages
       .venv/bin/python bench/text_cv.py compare BASE NAME [NAME …]     # per-site wins/losses, k-fold choice
       .venv/bin/python bench/text_cv.py held-out NAME                  # the held-out split's figure only

`run` cleans `devset/text` and `devset-en/text` with `winnow clean` (this tree, default recipe unless
--recipe) and keeps per-page counts under ~/.cache/winnow-bench/text-cv/NAME.json (devset: must/must-not
hits, devset-en: 4-token-shingle tp/fp/fn, as bench/quality.py counts them).

`compare` reads only tuning pages: for each set it prints every variant's F1 on the tuning split, how many
sites it helps or hurts against BASE (a site's figure: the set's metric over its pages), and a k-fold
estimate over tuning sites: on each fold, the variant that scores best on the other folds is chosen, and its
score on the fold is what the choice would have earned on unseen sites. A change that only helps the pages
that inspired it wins few sites and loses its folds. `held-out` prints the held-out split's aggregate
figure only (no page names): look at it rarely.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "splits"), str(HERE)]

from make_splits import site  # noqa: E402
from quality import CACHE, SPLITS, Devset, DevsetEn, load_scorer  # noqa: E402

STORE = CACHE / "text-cv"
FOLDS = 5


def sets(shared: Path) -> dict:
    return {"devset": Devset(shared / "devset"), "devset-en": DevsetEn(shared / "devset-en", load_scorer(shared))}


def export(folder: Path, recipe: Path | None) -> dict[str, str]:
    out = Path(tempfile.mkdtemp()) / "export.jsonl"
    command = [str(Path(sys.executable).with_name("winnow")), "clean", str(folder), "-o", str(out)]
    command += ["--recipe", str(recipe)] if recipe else []
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {Path(r["source"]).stem: r["text"] or "" for r in map(json.loads, out.read_text("utf-8").splitlines())}


def page_counts(dataset, texts: dict[str, str]) -> dict[str, list[int]]:
    """tp, fp, fn per page id."""
    counts = {}
    for cid, case in dataset.cases.items():
        text = texts.get(Path(case["text"]).stem, "")
        if isinstance(dataset, Devset):
            counts[cid] = list(dataset.page_counts(case, "text", text)[0])
        else:
            counts[cid] = list(dataset.scorer.shingle_tp_fp_fn(dataset.expected[cid], text))
    return counts


def figure(name: str, counts: dict[str, list[int]], ids: list[str], scorer) -> float:
    """The set's own metric: devset micro-F1 over summed counts, devset-en macro-F1 over pages."""
    if not ids:
        return 0.0
    if name == "devset":
        tp, fp, fn = (sum(counts[i][k] for i in ids) for k in range(3))
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        return 2 * p * r / max(p + r, 1e-9)
    return scorer.macro([tuple(counts[i]) for i in ids])[2]


def tuning_sites(dataset, name: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for cid in SPLITS[name]["tuning"]:
        groups.setdefault(site(dataset.cases[cid]), []).append(cid)
    return groups


def fold_of(site_name: str) -> int:
    return hashlib.sha1(site_name.encode()).digest()[1] % FOLDS


def compare(shared: Path, base: str, names: list[str]) -> None:
    data = {n: json.loads((STORE / f"{n}.json").read_text()) for n in [base, *names]}
    for name, dataset in sets(shared).items():
        scorer = getattr(dataset, "scorer", None)
        groups = tuning_sites(dataset, name)
        tuning = SPLITS[name]["tuning"]
        print(f"\n== {name} text, tuning split ({len(tuning)} pages, {len(groups)} sites, {FOLDS} folds)")
        for n in [base, *names]:
            c = data[n][name]
            wins = losses = 0
            worst: list[tuple[float, str]] = []
            for s, ids in groups.items():
                delta = figure(name, c, ids, scorer) - figure(name, data[base][name], ids, scorer)
                wins += delta > 1e-9
                losses += delta < -1e-9
                if delta < -1e-9:
                    worst.append((delta, s))
            folds = [figure(name, c, [i for s, ids in groups.items() if fold_of(s) == k for i in ids], scorer) for k in range(FOLDS)]
            print(
                f"   {n:24s} F1 {figure(name, c, tuning, scorer):.4f}  sites +{wins} -{losses}  folds "
                + " ".join(f"{f:.3f}" for f in folds)
                + ("  worst " + ", ".join(f"{s} {d:+.3f}" for d, s in sorted(worst)[:4]) if worst else "")
            )
        chosen = []
        for k in range(FOLDS):
            train = [i for s, ids in groups.items() if fold_of(s) != k for i in ids]
            test = [i for s, ids in groups.items() if fold_of(s) == k for i in ids]
            pick = max([base, *names], key=lambda n: figure(name, data[n][name], train, scorer))
            chosen.append((pick, figure(name, data[pick][name], test, scorer), figure(name, data[base][name], test, scorer)))
        print("   k-fold choice: " + "; ".join(f"{p} {a:.3f} (base {b:.3f})" for p, a, b in chosen))
        print(f"   k-fold mean gain over base: {sum(a - b for _, a, b in chosen) / FOLDS:+.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("run", "compare", "held-out"))
    parser.add_argument("names", nargs="+")
    parser.add_argument("--recipe", type=Path)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    args = parser.parse_args()
    if args.command == "run":
        result = {name: page_counts(d, export(d.root / "text", args.recipe)) for name, d in sets(args.shared).items()}
        STORE.mkdir(parents=True, exist_ok=True)
        (STORE / f"{args.names[0]}.json").write_text(json.dumps(result))
        for name, d in sets(args.shared).items():
            print(f"{name} tuning {figure(name, result[name], SPLITS[name]['tuning'], getattr(d, 'scorer', None)):.4f}")
    elif args.command == "compare":
        compare(args.shared, args.names[0], args.names[1:])
    else:
        for name, d in sets(args.shared).items():
            c = json.loads((STORE / f"{args.names[0]}.json").read_text())[name]
            scorer = getattr(d, "scorer", None)
            print(f"{name} all {figure(name, c, list(d.cases), scorer):.4f} held-out {figure(name, c, SPLITS[name]['held_out'], scorer):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
