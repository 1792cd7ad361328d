"""Freeze the site split of the two development sets: a tuning part and a held-out part.

Run once (`python bench/splits/make_splits.py ../shared`); the result, `splits.json`, is committed and
never regenerated after tuning starts. Pages are grouped by site (the registered domain of the page's
URL, else its id without a trailing number) so that no site has pages on both sides, and a site goes to
the held-out part when the first byte of its SHA-1 falls in the lowest third: a split nobody chose.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

HELD_OUT_SHARE = 1 / 3
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}  # www.bbc.co.uk -> bbc.co.uk


def site(case: dict) -> str:
    host = urlsplit(case.get("url") or "").hostname or ""
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 2:
        keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
        return ".".join(labels[-keep:])
    return re.sub(r"-\d+$", "", case["id"])


def held_out(name: str) -> bool:
    return hashlib.sha1(name.encode()).digest()[0] < 256 * HELD_OUT_SHARE


def split(cases_file: Path) -> dict[str, list[str]]:
    cases = [json.loads(line) for line in cases_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    parts: dict[str, list[str]] = {"tuning": [], "held_out": []}
    for case in cases:
        parts["held_out" if held_out(site(case)) else "tuning"].append(case["id"])
    return {name: sorted(ids) for name, ids in parts.items()}


def main(shared: str) -> None:
    root = Path(shared)
    result = {name: split(root / name / "cases.jsonl") for name in ("devset", "devset-en")}
    out = Path(__file__).with_name("splits.json")
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, parts in result.items():
        print(name, {k: len(v) for k, v in parts.items()})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared")
