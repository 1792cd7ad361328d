"""Hostile sizes: time and peak memory of `winnow clean` against input size, each run in a fresh process.

Usage: .venv/bin/python bench/bench_hostile.py [short] [html] [text80] [jsonl1g] [--scale F]
Without case names it runs all four. The inputs are generated under /tmp and deleted afterwards.

* short   - a text file of short lines that each continue the previous one (lower-case starts), at
            250k, 500k and 1M lines: time and RSS should grow linearly (ratio column ~1x, 2x, 4x);
* html    - one HTML page of 8k, 16k and 32k paragraphs, the same;
* text80  - an 80 MB text file of prose: peak RSS over file size (goal: at most 5x);
* jsonl1g - a 1 GB JSONL file with --max-file-size 2G: streamed, so peak RSS stays far below its size.

--scale shrinks every size (e.g. 0.1 for a quick look). Figures are for one machine at one moment: compare
the ratios within one run, not absolute times across runs.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "the river and its bridges carry the town through winter while people walk along the quay under grey "
    "skies der fluss und seine brücken tragen die stadt durch den winter"
).split()


def run_clean(path: Path, *extra: str) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of `winnow clean PATH` in a fresh process."""
    out = path.parent / "out.jsonl"
    argv = [sys.executable, "-m", "winnow", "clean", str(path), "-o", str(out), "-q", *extra]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: become winnow, quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.execv(sys.executable, argv)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        print(f"  winnow failed on {path.name} (status {status})", flush=True)
    out.unlink(missing_ok=True)
    return seconds, usage.ru_maxrss / 1024


def sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def make_short_lines(path: Path, lines: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(lines):
            out.write(sentence(rng, 4, 8) + ",\n")


def make_html(path: Path, paragraphs: int) -> None:
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as out:
        out.write("<!DOCTYPE html><html><head><title>A long page</title></head><body><article><h1>A long page</h1>\n")
        for _ in range(paragraphs):
            out.write(f"<p>{sentence(rng, 10, 40).capitalize()}.</p>\n")
        out.write("</article></body></html>\n")


def make_prose(path: Path, size: int) -> None:
    rng = random.Random(3)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            line = sentence(rng, 5, 120).capitalize() + ".\n" + ("\n" if rng.random() < 0.5 else "")
            out.write(line)
            written += len(line.encode("utf-8"))


def make_jsonl(path: Path, size: int) -> None:
    rng = random.Random(4)
    written = n = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            text = "\n\n".join(sentence(rng, 20, 80).capitalize() + "." for _ in range(rng.randint(2, 8)))
            line = json.dumps({"url": f"https://example.org/{n}", "title": f"Record {n}", "text": text}) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            n += 1


def growth(label: str, folder: Path, make, sizes: list[int], unit: str) -> None:
    print(f"{label}", flush=True)
    base = None
    for size in sizes:
        path = folder / f"{label}-{size}"
        path = path.with_suffix(".html" if "html" in label else ".txt")
        make(path, size)
        seconds, rss = run_clean(path)
        base = base or (seconds, size)
        ratio = (seconds / base[0]) / (size / base[1])
        print(
            f"  {size:>9,} {unit:<10} {path.stat().st_size / 2**20:8.1f} MiB  {seconds:8.2f} s  time/size vs first {ratio:5.2f}  peak RSS {rss:7.0f} MiB",
            flush=True,
        )
        path.unlink()


def main(argv: list[str]) -> None:
    scale = 1.0
    if "--scale" in argv:
        at = argv.index("--scale")
        scale = float(argv[at + 1])
        del argv[at : at + 2]
    cases = argv or ["short", "html", "text80", "jsonl1g"]
    folder = Path(tempfile.mkdtemp(prefix="winnow-hostile-", dir="/tmp"))
    try:
        if "short" in cases:
            growth("short-lines", folder, make_short_lines, [int(n * scale) for n in (250_000, 500_000, 1_000_000)], "lines")
        if "html" in cases:
            growth("html-page", folder, make_html, [int(n * scale) for n in (8_000, 16_000, 32_000)], "paragraphs")
        if "text80" in cases:
            path = folder / "prose.txt"
            make_prose(path, int(80 * 2**20 * scale))
            size = path.stat().st_size / 2**20
            seconds, rss = run_clean(path)
            print(f"text file {size:.0f} MiB: {seconds:.1f} s, peak RSS {rss:.0f} MiB = {rss / size:.1f}x its size (goal <= 5x)", flush=True)
            path.unlink()
        if "jsonl1g" in cases:
            path = folder / "big.jsonl"
            make_jsonl(path, int(2**30 * scale))
            size = path.stat().st_size / 2**20
            seconds, rss = run_clean(path, "--max-file-size", "2G")
            print(f"JSONL {size:.0f} MiB with --max-file-size 2G: {seconds:.1f} s, peak RSS {rss:.0f} MiB ({rss / size:.2f}x its size: streamed)", flush=True)
            path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
