"""How well Winnow finds the main text, next to trafilatura alone and keep-all, on every set and split.

Usage: .venv/bin/python bench/quality.py [--shared ../shared] [--sets devset,devset-en] [--modes html,text]
                                         [--worst 10] [--keep DIR] [--recipe FILE]

For each dev set and mode it runs the product (`winnow clean`, default recipe unless --recipe), scores
the export, and prints one row per system and split (all pages, tuning, held-out; the split is frozen in
`bench/splits/splits.json`), then the worst tuning pages of Winnow's export (never a held-out one). The rows:

- devset (trafilatura's benchmark): 'with'/'without' strings, P/R/F1 over the summed counts, as
  `tools/score_devset.py` counts them;
- devset-en (Readability's pages): macro 4-token-shingle P/R/F1, `tools/score_devset_en.py`'s metric
  (its functions are imported, so the figures are the tool's own).

Baselines: trafilatura alone (`trafilatura.extract(html_bytes, include_comments=False)`, the issue's
reference; cached under ~/.cache/winnow-bench, keyed by the trafilatura version and the page's bytes) on
the HTML pages, and keep-all (the input, unchanged: the flattened text; on HTML the page's visible text).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = json.loads((HERE / "splits" / "splits.json").read_text(encoding="utf-8"))
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "winnow-bench"


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_devset_en", shared / "tools" / "score_devset_en.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Devset:
    """trafilatura's benchmark pages: per page, 'with' strings that must stay and 'without' that must go."""

    name = "devset"

    def __init__(self, root: Path):
        self.root = root
        self.cases = {c["id"]: c for c in map(json.loads, (root / "cases.jsonl").read_text("utf-8").splitlines())}

    def page_counts(self, case: dict, mode: str, text: str) -> tuple[tuple[int, int, int], list[str]]:
        out, tp, fn, fp, errors = squash(text), 0, 0, 0, []
        for s, present in zip(case["with"], case["with_in_text"]):
            if mode == "text" and not present:
                continue
            if squash(s) in out:
                tp += 1
            else:
                fn += 1
                errors.append("lost: " + s[:50])
        for s in case["without"]:
            if squash(s) in out:
                fp += 1
                errors.append("kept: " + s[:50])
        return (tp, fp, fn), errors

    def score(self, mode: str, texts: dict[str, str], ids: list[str]) -> tuple[dict, list]:
        tp = fp = fn = 0
        worst = []
        for cid in ids:
            case = self.cases[cid]
            (a, b, c), errors = self.page_counts(case, mode, texts.get(Path(case[mode]).stem, ""))
            tp, fp, fn = tp + a, fp + b, fn + c
            if errors:
                worst.append((-len(errors), cid, "; ".join(errors)))
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        return {"f1": 2 * p * r / max(p + r, 1e-9), "p": p, "r": r}, sorted(worst)


class DevsetEn:
    """Readability's test pages: the expected article text, scored by 4-token shingles."""

    name = "devset-en"

    def __init__(self, root: Path, scorer):
        self.root, self.scorer = root, scorer
        self.cases = {c["id"]: c for c in map(json.loads, (root / "cases.jsonl").read_text("utf-8").splitlines())}
        self.expected = {cid: (root / c["expected"]).read_text("utf-8") for cid, c in self.cases.items()}

    def score(self, mode: str, texts: dict[str, str], ids: list[str]) -> tuple[dict, list]:
        s = self.scorer
        tfs, worst = [], []
        for cid in ids:
            tf = s.shingle_tp_fp_fn(self.expected[cid], texts.get(Path(self.cases[cid][mode]).stem, ""))
            tfs.append(tf)
            p, r = s.precision(*tf), s.recall(*tf)
            worst.append((2 * p * r / (p + r) if p + r else 0.0, cid, f"P {p:.2f} R {r:.2f}"))
        p, r, f1 = s.macro(tfs)
        return {"f1": f1, "p": p, "r": r}, sorted(worst)


# ---------------------------------------------------------------- the systems


def winnow_export(folder: Path, recipe: Path | None) -> dict[str, str]:
    """The product's own export of a folder: `winnow clean` with the default recipe (or the given one)."""
    out = Path(tempfile.mkdtemp()) / "export.jsonl"
    command = [str(Path(sys.executable).with_name("winnow")), "clean", str(folder), "-o", str(out)]
    if recipe:
        command += ["--recipe", str(recipe)]
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    texts = {}
    for line in out.read_text("utf-8").splitlines():
        record = json.loads(line)
        texts[Path(record["source"]).stem] = record["text"] or ""  # keyed like the scorers: the file's name
    return texts


def trafilatura_text(path: str) -> str:
    import trafilatura

    data = Path(path).read_bytes()
    digest = hashlib.sha1(data + trafilatura.__version__.encode()).hexdigest()
    cached = CACHE / f"{digest}.txt"
    if cached.exists():
        return cached.read_text("utf-8")
    text = trafilatura.extract(data, include_comments=False) or ""
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(text, "utf-8")
    return text


def visible_text(path: str) -> str:
    from winnow.readers.html import extract_page

    return "\n".join(extract_page(Path(path).read_bytes(), recover=False).lines)


def by_page(function, folder: Path, pool: ProcessPoolExecutor) -> dict[str, str]:
    paths = sorted(folder.iterdir())
    return {p.stem: text for p, text in zip(paths, pool.map(function, map(str, paths), chunksize=4))}


# ---------------------------------------------------------------- report


def report(dataset, mode: str, systems: dict[str, dict[str, str]], worst_count: int) -> None:
    parts = {"all": sorted(dataset.cases), **SPLITS[dataset.name]}
    print(f"\n== {dataset.name} {mode}")
    print(f"   {'system':14s} " + "  ".join(f"{part:>22s}" for part in parts))
    for system, texts in systems.items():
        cells = []
        for ids in parts.values():
            figures, _ = dataset.score(mode, texts, ids)
            cells.append(f"F1 {figures['f1']:.3f} P {figures['p']:.2f} R {figures['r']:.2f}")
        print(f"   {system:14s} " + "  ".join(f"{c:>22s}" for c in cells))
    # the worst pages of the tuning split only: a held-out page named with its score invites tuning to it
    _, worst = dataset.score(mode, systems["winnow"], parts["tuning"])
    print(f"   worst {worst_count} tuning pages of winnow (held-out pages are never listed):")
    for figure, cid, detail in worst[:worst_count]:
        print(f"       {cid:40s} {abs(figure):.3f}  {detail[:110]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sets", default="devset,devset-en")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--recipe", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    datasets = {"devset": lambda: Devset(args.shared / "devset"), "devset-en": lambda: DevsetEn(args.shared / "devset-en", scorer)}
    with ProcessPoolExecutor(args.jobs) as pool:
        for name in args.sets.split(","):
            dataset = datasets[name]()
            for mode in args.modes.split(","):
                folder = dataset.root / mode
                systems = {"winnow": winnow_export(folder, args.recipe)}
                if mode == "html":
                    systems["trafilatura"] = by_page(trafilatura_text, folder, pool)
                    systems["keep-all"] = by_page(visible_text, folder, pool)
                else:
                    systems["keep-all"] = {p.stem: p.read_text("utf-8") for p in folder.iterdir()}
                report(dataset, mode, systems, args.worst)
                sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
