"""Import speed and memory of the readers: many small files, one big JSONL, one 50 MB single-line text.

Usage: .venv/bin/python bench/readers_import.py [FOLDER ...]
Without arguments it builds the inputs in a temporary folder; with folders it times reading those.
Prints documents per second and the peak resident memory of a fresh process for each case.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from winnow.core.model import Problem
from winnow.readers import read_paths

PARAGRAPH = (
    "Russia and the United States will hold talks in Geneva on the withdrawal of rebels from eastern Aleppo, the Russian foreign minister said on Saturday. "
)


def measure(label: str, paths: list[Path]) -> None:
    started = time.perf_counter()
    docs = problems = lines = 0
    for item in read_paths(paths):
        if isinstance(item, Problem):
            problems += 1
        else:
            docs += 1
            lines += len(item.lines)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"{label:<30} {docs:>6} docs {problems:>4} problems {lines:>8} lines "
        f"{seconds:7.2f} s {docs / max(seconds, 1e-9):8.0f} docs/s  peak RSS {peak:6.0f} MiB",
        flush=True,
    )


def measure_apart(label: str, path: Path) -> None:
    """In a fresh interpreter, so each peak is that case's own."""
    subprocess.run([sys.executable, __file__, "--label", label, str(path)], check=True)


def build(root: Path) -> dict[str, Path]:
    small = root / "small"
    for i in range(10_000):
        folder = small / f"part{i // 1000}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{i}.txt").write_text(f"Headline {i}\n\n" + (PARAGRAPH * 4 + "\n\n") * 3, encoding="utf-8")
    legacy = root / "legacy"
    legacy.mkdir()
    for i in range(1_000):
        (legacy / f"alt{i}.txt").write_bytes(("Grüße aus München für 5 € – schön. " * 20 + "\n").encode("cp1252"))
    records = root / "crawl.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for i in range(10_000):
            out.write(json.dumps({"url": f"https://news.example/{i}", "title": f"Story {i}", "text": (PARAGRAPH * 4 + "\n\n") * 3}) + "\n")
    huge = root / "huge.txt"
    with huge.open("wb") as out:
        chunk = PARAGRAPH.encode() * 1000
        for _ in range(50 * 2**20 // len(chunk) + 1):
            out.write(chunk)
    return {"10,000 small UTF-8 files": small, "1,000 small cp1252 files": legacy, "one JSONL of 10,000 records": records, "one 50 MB single-line file": huge}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--label"]:
        measure(argv[1], [Path(argv[2])])
    elif argv:
        for folder in argv:
            measure_apart(folder[-30:], Path(folder))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for label, path in build(Path(tmp)).items():
                measure_apart(label, path)


if __name__ == "__main__":
    main(sys.argv[1:])
