"""Clean the devset's HTML pages the way the product does and score them (trafilatura's benchmark rule).

Usage: .venv/bin/python bench/devset_html.py [--no-rules] [--no-recover] [--out X.jsonl] [--devset DIR]
Writes a JSONL export {"source", "text"} and runs /work/shared/tools/score_devset.py html on it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from winnow.core.model import Document
from winnow.pipeline import Cleaner
from winnow.readers.html import extract_page
from winnow.recipe import Recipe, RuleSetting
from winnow.rules import BUILTIN_RULES

SHARED = Path("/work/shared")


def recipe(rules: bool) -> Recipe:
    if rules:
        return Recipe()
    return Recipe(rules={cls.id: RuleSetting(enabled=False) for cls in BUILTIN_RULES})


def export(devset: Path, out: Path, rules: bool, recover: bool) -> float:
    cleaner = Cleaner(recipe(rules))
    cases = [json.loads(line) for line in (devset / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for case in cases:
            path = devset / case["html"]
            page = extract_page(path.read_bytes(), recover=recover)
            doc = Document(source=path.name, format="html", content="", lines=page.lines, outside_main=page.outside_main, metadata=page.metadata)
            f.write(json.dumps({"source": path.name, "text": cleaner.clean(doc).text}, ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-rules", action="store_true", help="every line rule off: extraction alone")
    parser.add_argument("--no-recover", action="store_true", help="main content strictly trafilatura's (no lead recovery)")
    parser.add_argument("--out", type=Path, help="where to write the export (default: a temporary file)")
    parser.add_argument("--devset", type=Path, default=SHARED / "devset")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp()) / "devset-html.jsonl"
    seconds = export(args.devset, out, not args.no_rules, not args.no_recover)
    setting = ("no line rules" if args.no_rules else "default recipe") + (", no lead recovery" if args.no_recover else "")
    print(f"exported {out} in {seconds:.1f} s ({setting})")
    return subprocess.call([sys.executable, str(SHARED / "tools" / "score_devset.py"), "html", str(out)])


if __name__ == "__main__":
    sys.exit(main())
