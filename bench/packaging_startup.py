"""Start-up figures for the frozen app (or any `winnow` command): median time to window and for `--version`.

    .venv/bin/python bench/packaging_startup.py                      # dist/winnow/winnow, off screen
    .venv/bin/python bench/packaging_startup.py --exe .venv/bin/winnow
    xvfb-run -a .venv/bin/python bench/packaging_startup.py --platform xcb

Time to window = from just before the process is launched until the main window's first paint, as reported by
`winnow --smoke-test` with WINNOW_EXIT_WHEN_SHOWN=1 (see winnow/app/smoke.py). The first run of each kind is a
warm-up (file cache) and is left out of the median.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def time_to_window(exe: str, platform: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "WINNOW_EXIT_WHEN_SHOWN": "1"}
    env["WINNOW_LAUNCHED_AT"] = repr(time.time())
    result = subprocess.run([exe, "--smoke-test"], env=env, capture_output=True, text=True, timeout=120)
    match = re.search(r"time to window: ([0-9.]+) s", result.stdout)
    if result.returncode != 0 or not match:
        sys.exit(f"{exe} --smoke-test failed:\n{result.stdout}{result.stderr}")
    return float(match.group(1))


def time_version(exe: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{exe} --version failed:\n{result.stderr}")
    return elapsed


def median_of(measure, runs: int) -> tuple[float, list[float]]:
    measure()  # warm-up
    samples = [measure() for _ in range(runs)]
    return statistics.median(samples), samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", default=str(REPO / "dist" / "winnow" / "winnow"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen", help="Qt platform plugin (offscreen, xcb, wayland)")
    args = parser.parse_args()

    window, window_samples = median_of(lambda: time_to_window(args.exe, args.platform), args.runs)
    version, version_samples = median_of(lambda: time_version(args.exe), args.runs)
    print(f"{args.exe} ({args.platform}, {args.runs} runs after a warm-up)")
    print(f"  time to window: median {window:.3f} s  (runs: {' '.join(f'{s:.3f}' for s in window_samples)})")
    print(f"  --version:      median {version:.3f} s  (runs: {' '.join(f'{s:.3f}' for s in version_samples)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
