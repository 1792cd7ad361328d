"""Where Winnow's HTML output scores below trafilatura alone on devset-en, page by page, and why.

Usage: .venv/bin/python bench/html_versus.py [--shared ../shared] [--split tuning] [--margin 0.0005]

For each page of the split (the tuning part by default: look at held-out pages only to report, never to tune)
it cleans the HTML with the default recipe (each page alone: no corpus stages, so no site templates and no
near-duplicates) and scores it, and trafilatura alone (`include_comments=False`), with `tools/score_devset_en.py`'s
metric. For the pages where Winnow loses it lists what Winnow did differently from extraction alone: the lines
inside trafilatura's main content a rule removed ("-", with the rule and its reason) and the lines taken back
from outside it ("+", the lead recovery). Whether a listed line is in the reference is marked: `ref` (the
reference keeps it: the change cost), `   ` (it does not). A losing page with nothing marked `ref` loses by
the extraction settings (`EXTRACTION_OPTIONS`: favor_recall), not by the rules.
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from quality import HERE, SPLITS, DevsetEn, by_page, load_scorer, trafilatura_text

from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions, read_paths
from winnow.recipe import default_recipe


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cleaned(path: Path, cleaner: Cleaner):
    """The cleaned document of an HTML page (the first document read from it)."""
    for item in read_paths([path], ReadOptions()):
        if hasattr(item, "lines"):
            return cleaner.clean(item)
    return None


def differences(result, recovered_lines: set[str]) -> list[tuple[str, str, str]]:
    """What the rules and the lead recovery changed: ('-', line, reason) for each main line a rule removed,
    ('+', line, '') for each line taken back from outside the main content."""
    found = []
    for line, removal in zip(result.lines, result.removals):
        if not line.strip():
            continue
        if removal is not None and removal.rule_id != "html.outside-main":
            found.append(("-", line, f"{removal.rule_id}: {removal.reason}"))
        elif removal is None and line in recovered_lines:
            found.append(("+", line, "taken back as the lead"))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--split", default="tuning", choices=["tuning", "held_out", "all"])
    parser.add_argument("--margin", type=float, default=0.0005, help="list pages losing by more than this F1")
    args = parser.parse_args()
    from winnow.readers.html import extract_page

    scorer = load_scorer(args.shared)
    dataset = DevsetEn(args.shared / "devset-en", scorer)
    ids = sorted(dataset.cases) if args.split == "all" else SPLITS["devset-en"][args.split]
    folder = dataset.root / "html"
    with ProcessPoolExecutor(2) as pool:
        reference = by_page(trafilatura_text, folder, pool)
    cleaner = Cleaner(default_recipe())

    def f1(expected: str, text: str) -> float:
        tf = scorer.shingle_tp_fp_fn(expected, text)
        p, r = scorer.precision(*tf), scorer.recall(*tf)
        return 2 * p * r / (p + r) if p + r else 0.0

    total = 0.0
    for cid in ids:
        path = folder / Path(dataset.cases[cid]["html"]).name
        result = cleaned(path, cleaner)
        text = result.text if result is not None else ""
        ours, theirs = f1(dataset.expected[cid], text), f1(dataset.expected[cid], reference.get(cid, ""))
        total += ours - theirs
        if ours >= theirs - args.margin or result is None:
            continue
        page = extract_page(path.read_bytes())
        recovered = {page.lines[i] for i in page.recovered}
        expected = squash(dataset.expected[cid])
        print(f"{cid:32s} winnow {ours:.3f}  trafilatura {theirs:.3f}  ({ours - theirs:+.3f})")
        for sign, line, why in differences(result, recovered):
            mark = "ref" if squash(line)[:60] in expected else "   "
            print(f"   {sign} {mark} {squash(line)[:90]:90s}  {why[:60]}")
    print(f"mean F1 difference over {len(ids)} pages: {total / max(len(ids), 1):+.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
