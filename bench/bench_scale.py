"""Scale: `winnow clean` documents/s with --jobs 1 and --jobs 2 (text and HTML), peak memory at 1×, 10×
and 40× a corpus, and the same HTML pages through trafilatura alone. All in one run, so the figures are
ratios on the same machine state (the machine may be shared: the speed-up is what it shows then).

Usage: .venv/bin/python bench/bench_scale.py [--quick] [--dask] [--devset DIR]

Every figure is a real `winnow clean` process (wall clock from start to exit, start-up included) writing
JSONL; peak RSS is that of the largest process of the run (the writer or a worker), from wait4.
Text: the seed files replicated; HTML: the devset pages (or generated pages without a devset) replicated.
With --dask, the HTML corpus also runs on `--dask local` with two workers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEEDUP_GOAL = 1.7


def replicate(sources: list[Path], folder: Path, count: int) -> Path:
    """`count` files in `folder`, cycling through `sources` (under new names, so each is its own document)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        source = sources[n % len(sources)]
        sub = folder / f"d{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        shutil.copyfile(source, sub / f"{n:06d}{source.suffix}")
    return folder


def generated_pages(folder: Path, count: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    from scale_helpers import make_corpus

    make_corpus(folder, files=count * 2)
    return sorted(folder.rglob("*.html"))


def run_winnow(corpus: Path, out: Path, *extra: str) -> tuple[float, int, int, float]:
    """(seconds, peak RSS in MB, documents written, CPU seconds of the run and its workers) of one `winnow clean`."""
    command = [sys.executable, "-m", "winnow", "clean", str(corpus), "-o", str(out), "-q", *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"winnow failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    if out.is_dir():  # --dask: a folder of parts
        documents = sum(p.read_bytes().count(b"\n") for p in out.glob("part-*.jsonl"))
    else:
        documents = out.read_bytes().count(b"\n")
    return seconds, usage.ru_maxrss // 1024, documents, usage.ru_utime + usage.ru_stime


def run_trafilatura(pages: list[Path]) -> float:
    """Seconds for trafilatura.extract (the reference setting) over the pages, in a fresh process."""
    code = (
        "import sys, time, trafilatura\n"
        "paths = sys.argv[1:]\n"
        "start = time.perf_counter()\n"
        "for p in paths:\n"
        "    trafilatura.extract(open(p, 'rb').read(), include_comments=False, include_tables=True, fast=False)\n"
        "print(time.perf_counter() - start)\n"
    )
    listing = [str(p) for p in pages]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *listing], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller corpora (a smoke run, not a measurement)")
    parser.add_argument("--dask", action="store_true", help="also run the HTML corpus on --dask local")
    parser.add_argument("--devset", default=str(ROOT.parent / "shared" / "devset" / "html"))
    args = parser.parse_args()
    text_docs, html_docs, base = (600, 60, 100) if args.quick else (6000, 520, 200)

    with tempfile.TemporaryDirectory(prefix="winnow-bench-scale-") as tmp_name:
        tmp = Path(tmp_name)
        seeds = sorted((ROOT / "seeds").glob("*.txt"))
        devset = Path(args.devset)
        pages = sorted(devset.glob("*.htm*")) if devset.is_dir() else generated_pages(tmp / "generated", html_docs)
        text = replicate(seeds, tmp / "text", text_docs)
        html = replicate(pages, tmp / "html", html_docs)
        print(
            f"corpora: {text_docs} text documents (the seeds replicated), {html_docs} HTML pages "
            f"({'the devset pages' if devset.is_dir() else 'generated pages'} replicated); {os.cpu_count()} cores\n"
        )

        print("documents/s (wall clock, process start-up included)")
        rates, cpu = {}, {}
        for label, corpus in (("text", text), ("HTML", html)):
            for jobs in (1, 2):
                seconds, rss, documents, cpu[label, jobs] = run_winnow(corpus, tmp / f"{label}-{jobs}.jsonl", "--jobs", str(jobs))
                rates[label, jobs] = documents / seconds
                print(
                    f"  {label:4} --jobs {jobs}: {rates[label, jobs]:8.1f} docs/s  ({documents} docs in {seconds:.1f} s, "
                    f"CPU {cpu[label, jobs]:.1f} s, peak RSS {rss} MB)"
                )
            same = (tmp / f"{label}-1.jsonl").read_bytes() == (tmp / f"{label}-2.jsonl").read_bytes()
            speedup = rates[label, 2] / rates[label, 1]
            # CPU time does not depend on what else the machine runs: with two idle cores, --jobs 2 finishes
            # in about the CPU time of --jobs 2 spread over two processes
            efficiency = cpu[label, 1] / cpu[label, 2]
            print(
                f"  {label:4} speed-up --jobs 2 over --jobs 1: {speedup:.2f}× measured (goal ≥ {SPEEDUP_GOAL}×); "
                f"CPU per document --jobs 1 / --jobs 2: {efficiency:.2f}, so ≈{2 * efficiency:.2f}× on two idle cores; "
                f"exports identical: {same}"
            )
        if args.dask:
            seconds, rss, documents, _ = run_winnow(html, tmp / "html-dask", "--dask", "local", "--jobs", "2")
            merged = b"".join(p.read_bytes() for p in sorted((tmp / "html-dask").glob("part-*.jsonl")))
            print(
                f"  HTML --dask local (2 workers): {documents / seconds:8.1f} docs/s ({seconds:.1f} s incl. cluster start); "
                f"parts identical to --jobs 1: {merged == (tmp / 'HTML-1.jsonl').read_bytes()}"
            )

        trafilatura_seconds = run_trafilatura(sorted(html.rglob("*.htm*")))
        print(
            f"\ntrafilatura.extract alone, one process, same {html_docs} pages: {html_docs / trafilatura_seconds:.1f} pages/s "
            f"(Winnow --jobs 1 {rates['HTML', 1]:.1f}, --jobs 2 {rates['HTML', 2]:.1f} docs/s, reading and writing included)"
        )

        print("\npeak RSS while cleaning (--jobs 2; the text corpus, mixed with HTML pages 1 in 10)")
        peaks = {}
        for factor in (1, 10, 40):
            corpus = tmp / f"mix{factor}"
            replicate(seeds, corpus / "text", base * factor)
            replicate(pages, corpus / "html", base * factor // 10)
            seconds, rss, documents, _ = run_winnow(corpus, tmp / f"mix{factor}.jsonl", "--jobs", "2")
            peaks[factor] = rss
            print(f"  {factor:2}× ({documents:6} docs): peak RSS {rss:4} MB  ({documents / seconds:.0f} docs/s)")
            shutil.rmtree(corpus)
        print(f"  40× over 1×: {peaks[40] / peaks[1]:.2f} (flat is 1.0)")


if __name__ == "__main__":
    main()
